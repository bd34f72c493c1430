import { describe, expect, it } from 'vitest';
import { LEVEL_KEYFRAMES, LEVEL_NORMAL, LEVEL_SUBSTREAM, OverloadGovernor, type TileLoad } from '../../../../common/live/overloadGovernor';

const opts = { fpsShortfall: 0.8, latencyS: 0.8, overloadShare: 0.2, settleMs: 3000, restoreAfterMs: 15000, stepShare: 0.25 };

function tiles(n: number, over: Partial<TileLoad> = {}): TileLoad[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    important: false,
    areaPx: 1000 * (i + 1),
    sourceFps: 15,
    decodedFps: 15,
    droppedFrames: 0,
    bufferLatencyS: 0.2,
    hasSubstream: true,
    keyframeCapable: true,
    ...over,
  }));
}

describe('overload governor', () => {
  it('leaves a healthy wall alone', () => {
    const gov = new OverloadGovernor(opts);
    for (let t = 0; t < 60_000; t += 1000) expect(gov.tick(t, tiles(16), 1).changed).toEqual([]);
  });

  it('degrades the smallest unimportant tiles first, to the substream, then keyframes', () => {
    const gov = new OverloadGovernor(opts);
    const load = tiles(8, { decodedFps: 8 });
    load[0]!.important = true; // the smallest tile is selected: it goes last
    const first = gov.tick(0, load, 1);
    expect(first.overloaded).toBe(true);
    expect(first.changed).toEqual(['t1', 't2']);
    expect(gov.levelOf('t1')).toBe(LEVEL_SUBSTREAM);
    // Not again before the effect can show.
    expect(gov.tick(1000, load, 1).changed).toEqual([]);
    expect(gov.tick(3000, load, 1).changed).toEqual(['t3', 't4']);
    expect(gov.tick(6000, load, 1).changed).toEqual(['t5', 't6']);
    // The last unimportant tile reaches the substream before any tile loses its motion; then
    // the smallest go to keyframes only.
    expect(gov.tick(9000, load, 1).changed).toEqual(['t7', 't1']);
    expect(gov.levelOf('t1')).toBe(LEVEL_KEYFRAMES);
    expect(gov.tick(12000, load, 1).changed).toEqual(['t2', 't3']);
    expect(gov.levelOf('t0')).toBe(LEVEL_NORMAL);
  });

  it('never puts an important tile on keyframes only, and lifts one that becomes important', () => {
    const gov = new OverloadGovernor({ ...opts, stepShare: 1 });
    const load = tiles(4, { decodedFps: 2 });
    gov.tick(0, load, 1);
    gov.tick(3000, load, 1);
    expect(gov.levelOf('t0')).toBe(LEVEL_KEYFRAMES);
    load[0]!.important = true;
    const after = gov.tick(3500, load, 1);
    expect(after.changed).toContain('t0');
    expect(gov.levelOf('t0')).toBe(LEVEL_SUBSTREAM);
    gov.tick(10_000, load, 1);
    expect(gov.levelOf('t0')).toBe(LEVEL_SUBSTREAM);
  });

  it('counts latency and dropped frames as struggling, and judges keyframe tiles by latency only', () => {
    const gov = new OverloadGovernor({ ...opts, stepShare: 1 });
    expect(gov.tick(0, tiles(4, { bufferLatencyS: 2 }), 1).overloaded).toBe(true);
    const gov2 = new OverloadGovernor(opts);
    expect(gov2.tick(0, tiles(4, { droppedFrames: 5 }), 1).overloaded).toBe(true);
    const gov3 = new OverloadGovernor({ ...opts, stepShare: 1 });
    gov3.tick(0, tiles(4, { decodedFps: 1 }), 1);
    gov3.tick(3000, tiles(4, { decodedFps: 1 }), 1);
    expect(gov3.levelOf('t3')).toBe(LEVEL_KEYFRAMES);
    // At ~1 fps on keyframes only with a short buffer, the wall is not overloaded any more.
    expect(gov3.tick(6000, tiles(4, { decodedFps: 1 }), 1).overloaded).toBe(false);
  });

  it('restores only after a long healthy spell, most important and largest first', () => {
    const gov = new OverloadGovernor({ ...opts, stepShare: 0.25 });
    const bad = tiles(8, { decodedFps: 5 });
    for (let t = 0; t <= 9000; t += 3000) gov.tick(t, bad, 1);
    const degraded = [...Array(8).keys()].filter((i) => gov.levelOf(`t${i}`) !== LEVEL_NORMAL);
    expect(degraded.length).toBeGreaterThan(0);
    const good = tiles(8);
    let t = 10_000;
    for (; t < 10_000 + 15_000; t += 1000) expect(gov.tick(t, good, 1).changed).toEqual([]);
    const restored = gov.tick(t, good, 1).changed;
    expect(restored.length).toBe(2);
    // The largest degraded tiles come back first.
    const byArea = degraded.map((i) => `t${i}`).sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
    expect(restored).toEqual(byArea.slice(0, 2));
  });

  it('stops at the substream for a tile whose transport cannot drop frames', () => {
    const gov = new OverloadGovernor({ ...opts, stepShare: 1 });
    const load = tiles(2, { decodedFps: 1, keyframeCapable: false });
    for (let t = 0; t <= 9000; t += 3000) gov.tick(t, load, 1);
    expect(gov.levelOf('t0')).toBe(LEVEL_SUBSTREAM);
  });

  it('waits for overload to last before degrading anything', () => {
    const gov = new OverloadGovernor({ ...opts, sustainMs: 4000 });
    const load = tiles(8, { decodedFps: 5 });
    expect(gov.tick(0, load, 1)).toMatchObject({ overloaded: true, changed: [] });
    expect(gov.tick(3000, load, 1).changed).toEqual([]);
    // A healthy tick resets the wait.
    expect(gov.tick(3500, tiles(8), 1).changed).toEqual([]);
    expect(gov.tick(7000, load, 1).changed).toEqual([]);
    expect(gov.tick(11000, load, 1).changed).toHaveLength(2);
  });

  it('forgets tiles that left the wall', () => {
    const gov = new OverloadGovernor({ ...opts, stepShare: 1 });
    gov.tick(0, tiles(2, { decodedFps: 1 }), 1);
    expect(gov.levelOf('t1')).toBe(LEVEL_SUBSTREAM);
    gov.tick(1000, tiles(1), 1);
    expect(gov.levelOf('t1')).toBe(LEVEL_NORMAL);
  });
});
