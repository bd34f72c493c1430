import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlvKeyframeFilter } from '../../../../common/live/flvKeyframeFilter';
import { isAvcSequenceHeader, isKeyframe, parseFlv, TAG_VIDEO } from '../../../../main/services/simulator/flv';

const clip = readFileSync(join(import.meta.dirname, '../../../../resources/demo/clips/scene-01-sub.flv'));

function filterInChunks(bytes: Buffer, chunkSize: number): { out: Buffer; filter: FlvKeyframeFilter } {
  const filter = new FlvKeyframeFilter();
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) parts.push(filter.push(bytes.subarray(i, i + chunkSize)));
  return { out: Buffer.concat(parts), filter };
}

describe('FLV keyframe-only filter', () => {
  const original = parseFlv(clip);
  const videoTags = original.tags.filter((t) => t.type === TAG_VIDEO);
  // Inter frames are frame type 2; everything else (metadata, sequence header, keyframes, the
  // end-of-sequence marker) passes.
  const keep = original.tags.filter((t) => t.type !== TAG_VIDEO || isKeyframe(t) || isAvcSequenceHeader(t) || t.data[0]! >> 4 !== 2);

  for (const chunkSize of [1, 7, 188, 4096, clip.length]) {
    it(`keeps the header, metadata, sequence header and keyframes only (chunks of ${chunkSize})`, () => {
      const { out, filter } = filterInChunks(clip, chunkSize);
      const filtered = parseFlv(out);
      expect(filtered.tags.map((t) => [t.type, t.timestamp])).toEqual(keep.map((t) => [t.type, t.timestamp]));
      expect(filtered.tags.filter((t) => t.type === TAG_VIDEO && t.data[0]! >> 4 === 2)).toEqual([]);
      expect(filter.droppedFrames).toBe(videoTags.length - keep.filter((t) => t.type === TAG_VIDEO).length);
      // The clip has a keyframe per second and many inter frames between.
      expect(filter.droppedFrames).toBeGreaterThan(keep.length * 5);
    });
  }

  it('passes nothing through until a whole tag has arrived', () => {
    const filter = new FlvKeyframeFilter();
    expect(filter.push(clip.subarray(0, 5)).length).toBe(0);
    expect(filter.push(clip.subarray(5, 13)).length).toBe(13);
    expect(filter.push(clip.subarray(13, 20)).length).toBe(0);
  });
});
