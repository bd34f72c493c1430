// The arithmetic of replaying a clip forever. Frames of a live stream are numbered from
// the stream's start: frame n is picture n mod N of loop floor(n / N) and plays at
// loop * loopMs + picture.ts on the stream's timeline. Because loopMs is one frame
// interval past the last picture, that time rises by one frame across the loop point.
import type { Clip, ClipFrame } from './clipLibrary';

export const clipFrame = (clip: Clip, n: number): ClipFrame => clip.frames[n % clip.frames.length]!;

export function frameTime(clip: Clip, n: number): number {
  const count = clip.frames.length;
  return Math.floor(n / count) * clip.loopMs + clip.frames[n % count]!.ts;
}

/** How many frames are due at `position` ms on the stream's timeline (frames with time <= position). */
export function framesDue(clip: Clip, position: number): number {
  const p = Math.max(0, position);
  const loop = Math.floor(p / clip.loopMs);
  const within = p - loop * clip.loopMs;
  // Upper bound: first picture later than `within`. Picture 0 is at 0, so at least one is due.
  let lo = 0;
  let hi = clip.frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (clip.frames[mid]!.ts <= within) lo = mid + 1;
    else hi = mid;
  }
  return loop * clip.frames.length + lo;
}

/** The latest keyframe at or before frame n. */
export function latestKeyframe(clip: Clip, n: number): number {
  const count = clip.frames.length;
  const j = n % count;
  return n - j + clip.keyframeAtOrBefore[j]!;
}
