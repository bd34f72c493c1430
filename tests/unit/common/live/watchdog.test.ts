import { describe, expect, it } from 'vitest';
import { KEYFRAME_ONLY_WATCHDOG, LiveWatchdog, startJumpTarget } from '../../../../common/live/watchdog';

const opts = { stallMs: 2000, maxLatencyS: 0.5, targetLatencyS: 0.1, jumpCooldownMs: 3000 };

describe('live watchdog', () => {
  it('is content while frames advance near the live edge', () => {
    const dog = new LiveWatchdog(opts);
    dog.reset(0);
    for (let t = 0; t <= 10_000; t += 500) {
      expect(dog.observe({ now: t, frames: t / 40, currentTime: t / 1000, bufferedEnd: t / 1000 + 0.2 })).toEqual({ kind: 'ok' });
    }
  });

  it('rebuilds when frames stop advancing for more than 2 s', () => {
    const dog = new LiveWatchdog(opts);
    dog.reset(0);
    expect(dog.observe({ now: 0, frames: 10, currentTime: 1, bufferedEnd: 1.1 }).kind).toBe('ok');
    expect(dog.observe({ now: 2000, frames: 10, currentTime: 1, bufferedEnd: 1.1 }).kind).toBe('ok');
    expect(dog.observe({ now: 2001, frames: 10, currentTime: 1, bufferedEnd: 1.1 })).toEqual({ kind: 'rebuild', reason: 'stalled' });
  });

  it('rebuilds a player that never produced a frame', () => {
    const dog = new LiveWatchdog(opts);
    dog.reset(1000);
    expect(dog.observe({ now: 1500, frames: 0, currentTime: 0, bufferedEnd: null }).kind).toBe('ok');
    expect(dog.observe({ now: 3600, frames: 0, currentTime: 0, bufferedEnd: null })).toEqual({ kind: 'rebuild', reason: 'stalled' });
  });

  it('jumps to the live edge when behind, and rebuilds when jumping does not help', () => {
    const dog = new LiveWatchdog(opts);
    dog.reset(0);
    expect(dog.observe({ now: 100, frames: 1, currentTime: 10, bufferedEnd: 12 })).toEqual({ kind: 'seek', to: 11.9 });
    expect(dog.observe({ now: 600, frames: 2, currentTime: 12, bufferedEnd: 12.2 })).toEqual({ kind: 'ok' });
    expect(dog.observe({ now: 1100, frames: 3, currentTime: 12, bufferedEnd: 14 })).toEqual({ kind: 'seek', to: 13.9 });
    expect(dog.observe({ now: 1600, frames: 4, currentTime: 14, bufferedEnd: 16 })).toEqual({ kind: 'rebuild', reason: 'latency' });
  });

  it('allows a jump again once the cooldown has passed', () => {
    const dog = new LiveWatchdog(opts);
    dog.reset(0);
    expect(dog.observe({ now: 0, frames: 1, currentTime: 0, bufferedEnd: 1 }).kind).toBe('seek');
    expect(dog.observe({ now: 1000, frames: 2, currentTime: 0, bufferedEnd: 1 }).kind).toBe('seek');
    expect(dog.observe({ now: 4500, frames: 3, currentTime: 0, bufferedEnd: 1 }).kind).toBe('seek');
  });
});

describe('start jump (a GOP-cache start goes straight to the live edge)', () => {
  it('jumps to the target latency behind the buffered end when the start is a GOP behind', () => {
    // First picture at the keyframe (t = 3.0), the rest of the GOP buffered up to 3.96.
    expect(startJumpTarget(3.0, 3.96, opts)).toBeCloseTo(3.86, 6);
  });

  it('leaves a start that is already near the edge alone', () => {
    expect(startJumpTarget(3.0, 3.19, opts)).toBeNull();
    expect(startJumpTarget(3.0, 3.25, opts)).toBeCloseTo(3.15, 6);
  });

  it('does nothing when nothing is buffered', () => {
    expect(startJumpTarget(0, null, opts)).toBeNull();
  });

  it('keeps a keyframes-only stream on its last keyframe', () => {
    expect(startJumpTarget(5, 6, KEYFRAME_ONLY_WATCHDOG)).toBeCloseTo(5.9, 6);
  });
});
