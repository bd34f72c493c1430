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

/**
 * Where to jump when a stream has just shown its first frame. A server's GOP cache starts the
 * picture at once but at the last keyframe, up to a GOP behind, with the rest of the GOP already
 * buffered; playing it through at 1× would keep the tile that far behind. Jumping to near the
 * buffered end right away brings it to the live edge while the first picture stays on screen.
 * Returns null when the start is already close enough to the edge.
 */
export function startJumpTarget(currentTime: number, bufferedEnd: number | null, opts: WatchdogOptions = DEFAULT_WATCHDOG): number | null {
  if (bufferedEnd === null) return null;
  if (bufferedEnd - currentTime <= opts.targetLatencyS * START_JUMP_SLACK) return null;
  return bufferedEnd - opts.targetLatencyS;
}

/** A start within this many times the target latency is left to play (a jump costs a decode burst). */
const START_JUMP_SLACK = 2;
