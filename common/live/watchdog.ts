/**
 * Decides when a live tile has fallen behind or frozen. Pure: the owner samples the video element
 * and calls `observe` on its own tick (no timers here), with the time injected.
 *
 * Two failure modes seen in practice (../shared/design.md):
 * - frames stop advancing (a stalled socket, a decoder that gave up) → rebuild the player;
 * - the buffer grows ahead of the play head (CPU contention, a GOP burst at start) → jump to the
 *   live edge; if latency is back above the bound soon after a jump, the jump did not help → rebuild.
 */
export interface WatchdogOptions {
  /** Frames not advancing for this long means frozen. */
  stallMs: number;
  /** Buffer latency (buffered end − current time) above this means behind. */
  maxLatencyS: number;
  /** Where to land when jumping: this far behind the buffered end. */
  targetLatencyS: number;
  /** A second jump needed within this window means jumping does not help. */
  jumpCooldownMs: number;
}

export const DEFAULT_WATCHDOG: WatchdogOptions = { stallMs: 2000, maxLatencyS: 0.5, targetLatencyS: 0.1, jumpCooldownMs: 3000 };

/**
 * Keyframes only (the overload governor's last step): one picture per GOP, each lasting until the
 * next, so the buffer legitimately holds up to a GOP and frames advance about once a second.
 */
export const KEYFRAME_ONLY_WATCHDOG: WatchdogOptions = { stallMs: 4500, maxLatencyS: 2.5, targetLatencyS: 0.1, jumpCooldownMs: 6000 };

export interface PlaybackSample {
  now: number;
  /** Total decoded frames so far (getVideoPlaybackQuality().totalVideoFrames). */
  frames: number;
  currentTime: number;
  /** End of the last buffered range, or null when nothing is buffered. */
  bufferedEnd: number | null;
}

export type WatchdogVerdict = { kind: 'ok' } | { kind: 'seek'; to: number } | { kind: 'rebuild'; reason: 'stalled' | 'latency' };

export class LiveWatchdog {
  private lastFrames = -1;
  private lastProgressAt = 0;
  private jumps: number[] = [];

  constructor(private opts: WatchdogOptions = DEFAULT_WATCHDOG) {}

  /** Call when a (re)connection starts: the stall clock starts from now. */
  reset(now: number, opts: WatchdogOptions = this.opts): void {
    this.opts = opts;
    this.lastFrames = -1;
    this.lastProgressAt = now;
    this.jumps = [];
  }

  observe(sample: PlaybackSample): WatchdogVerdict {
    if (sample.frames !== this.lastFrames) {
      this.lastFrames = sample.frames;
      this.lastProgressAt = sample.now;
    } else if (sample.now - this.lastProgressAt > this.opts.stallMs) {
      return { kind: 'rebuild', reason: 'stalled' };
    }
    if (sample.bufferedEnd === null) return { kind: 'ok' };
    const latency = sample.bufferedEnd - sample.currentTime;
    if (latency <= this.opts.maxLatencyS) return { kind: 'ok' };
    this.jumps = this.jumps.filter((t) => sample.now - t < this.opts.jumpCooldownMs);
    if (this.jumps.length >= 2) return { kind: 'rebuild', reason: 'latency' };
    this.jumps.push(sample.now);
    return { kind: 'seek', to: Math.max(sample.currentTime, sample.bufferedEnd - this.opts.targetLatencyS) };
  }
}
