// The committed demo clips are part of the product: check they are what the simulator
// and the quality ladder assume (sizes, rates, GOP, loop length, budget).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenes } from '../../../../../main/services/simulator/clipLibrary';
import { frameTime, framesDue, latestKeyframe } from '../../../../../main/services/simulator/loopTimeline';
import { CLIPS_DIR } from './streamClients';

const scenes = loadScenes(CLIPS_DIR);

describe('demo clips', () => {
  it('has ten scenes, each with main and sub, within the 10 MB budget', () => {
    expect(scenes.map((s) => s.name)).toEqual(Array.from({ length: 10 }, (_, i) => `scene-${String(i + 1).padStart(2, '0')}`));
    const total = readdirSync(CLIPS_DIR)
      .filter((f) => f.endsWith('.flv'))
      .reduce((sum, f) => sum + statSync(join(CLIPS_DIR, f)).size, 0);
    expect(total).toBeLessThanOrEqual(10 * 1024 * 1024);
  });

  it.each(scenes.map((s) => [s.name, s] as const))('%s: main 640x360@25, sub 320x180@15, 10 s loops, a keyframe every second', (_, scene) => {
    for (const [clip, w, h, fps] of [
      [scene.main, 640, 360, 25],
      [scene.sub, 320, 180, 15],
    ] as const) {
      expect({ w: clip.width, h: clip.height, fps: clip.fps, loop: clip.loopMs, frames: clip.frames.length }).toEqual({
        w,
        h,
        fps,
        loop: 10_000,
        frames: fps * 10,
      });
      const keyTimes = clip.frames.filter((f) => f.keyframe).map((f) => f.ts);
      expect(keyTimes).toEqual(Array.from({ length: 10 }, (_, i) => i * 1000));
    }
  });
});

describe('loop timeline', () => {
  const clip = scenes[0]!.main; // 25 fps: pictures at 0, 40, …, 9960 ms; loop 10 000 ms

  it('numbers frames across loops with no jump at the loop point', () => {
    expect(frameTime(clip, 249)).toBe(9960);
    expect(frameTime(clip, 250)).toBe(10_000);
    expect(frameTime(clip, 251)).toBe(10_040);
    expect(frameTime(clip, 250 * 7 + 3)).toBe(70_120);
  });

  it('counts due frames by position, including exactly on a frame time', () => {
    expect(framesDue(clip, 0)).toBe(1);
    expect(framesDue(clip, 39)).toBe(1);
    expect(framesDue(clip, 40)).toBe(2);
    expect(framesDue(clip, 9999)).toBe(250);
    expect(framesDue(clip, 10_000)).toBe(251);
    expect(framesDue(clip, -5)).toBe(1);
  });

  it('finds the latest keyframe at or before a frame, across loops', () => {
    expect(latestKeyframe(clip, 0)).toBe(0);
    expect(latestKeyframe(clip, 24)).toBe(0);
    expect(latestKeyframe(clip, 25)).toBe(25);
    expect(latestKeyframe(clip, 249)).toBe(225);
    expect(latestKeyframe(clip, 250 + 30)).toBe(275);
  });
});
