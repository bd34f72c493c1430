/**
 * Keeps one exercise tile's video on the exercise clock. A pure policy: the tile measures, this
 * decides, the tile applies (and ticks it about ten times a second). The approach, per tile:
 *
 * - far off (a seek by the trainer, a tile that stalled): seek, aiming a little ahead of the
 *   target by what the last seeks took, so the picture lands where the clock will be;
 * - close: steer with the playback rate, proportional to the error and capped, so the tile
 *   converges smoothly without the visible jumps that seeking for small errors would cause;
 * - close but not closing (a starved decoder cannot play faster): seek after a while;
 * - paused: stand exactly on the clock's position (a frame-accurate seek if needed).
 *
 * Errors are media seconds (positive = the video is ahead of the clock).
 */

export interface TileSyncInput {
  /** Media time the clock says this tile should show now (exercise position + the clip's offset). */
  targetS: number;
  /** The element's media time now. */
  currentS: number;
  /** Whether the exercise clock is running. */
  playing: boolean;
  speed: number;
  /** The element is seeking; for how long (wall seconds). */
  seeking: boolean;
  seekPendingS: number;
  /** Wall seconds since the last seek completed; Infinity if none yet. */
  sinceSeekS: number;
  /** Recent seek duration (wall seconds), to lead the next one. */
  seekLatencyS: number;
  /** How long (wall seconds) the error has stayed above STUCK_ERROR_S without interruption. */
  offForS: number;
  /** Null while unknown (metadata not loaded). */
  mediaDurationS: number | null;
}

export type TileSyncAction =
  /** The clock is outside this recording: show that there is no picture yet / any more. */
  | { kind: 'blank'; reason: 'before' | 'after' }
  /** A seek is under way: let it finish. */
  | { kind: 'wait' }
  | { kind: 'seek'; toS: number; play: boolean; rate: number }
  | { kind: 'run'; play: boolean; rate: number };

/** Beyond this error (media seconds, at 1×) a rate nudge would take too long: seek. */
export const SEEK_THRESHOLD_S = 0.6;
/** Proportional gain as a horizon: an error of H media seconds asks for a full MAX_RATE_ADJUST. */
export const CORRECTION_HORIZON_S = 0.5;
/** Video-only playback tolerates ±25 % without visible judder; more looks like fast-forward. */
export const MAX_RATE_ADJUST = 0.25;
/** Below this (media s) leave the rate alone: changing it for nothing costs more than it fixes. */
export const DEAD_BAND_S = 0.008;
/** A paused tile within this of its target is on it (under a frame at 25 fps). */
export const PAUSED_TOLERANCE_S = 0.02;
/** After a seek lands, give the decoder this long before seeking again (avoids seek loops). */
export const SEEK_COOLDOWN_S = 1;
/** A seek not done after this long is retried. */
export const SEEK_TIMEOUT_S = 5;
/** Cap on the seek lead (media seconds). */
export const MAX_SEEK_LEAD_S = 2;
/**
 * An error above this that steering has not removed within STUCK_AFTER_S means the tile cannot
 * speed up (a decoder starved of CPU): seek instead of steering on.
 */
export const STUCK_ERROR_S = 0.08;
export const STUCK_AFTER_S = 2;
/** Past the last frame by this much means the recording has ended. */
const END_SLACK_S = 0.05;

/** The seek threshold grows with speed: at 4× a second of media passes in a quarter second. */
export function seekThreshold(speed: number): number {
  return SEEK_THRESHOLD_S * Math.max(1, speed / 2);
}

export function decideTileSync(input: TileSyncInput): TileSyncAction {
  const { targetS, currentS, playing, speed } = input;
  if (targetS < 0) return { kind: 'blank', reason: 'before' };
  if (input.mediaDurationS !== null && targetS > input.mediaDurationS + END_SLACK_S) return { kind: 'blank', reason: 'after' };
  const lastFrame = input.mediaDurationS !== null ? Math.max(0, input.mediaDurationS - END_SLACK_S) : Number.POSITIVE_INFINITY;
  if (input.seeking && input.seekPendingS < SEEK_TIMEOUT_S) return { kind: 'wait' };

  const error = currentS - targetS;
  if (!playing) {
    if (Math.abs(error) > PAUSED_TOLERANCE_S || input.seeking) return { kind: 'seek', toS: Math.min(targetS, lastFrame), play: false, rate: speed };
    return { kind: 'run', play: false, rate: speed };
  }

  const far = Math.abs(error) > seekThreshold(speed);
  const stuck = input.offForS >= STUCK_AFTER_S && Math.abs(error) > STUCK_ERROR_S;
  if (input.seeking || ((far || stuck) && input.sinceSeekS >= SEEK_COOLDOWN_S)) {
    const lead = Math.min(MAX_SEEK_LEAD_S, Math.max(0, input.seekLatencyS) * speed);
    return { kind: 'seek', toS: Math.min(targetS + lead, lastFrame), play: true, rate: speed };
  }
  return { kind: 'run', play: true, rate: correctedRate(error, speed) };
}

/** Proportional rate correction around the clock's speed, capped at ±MAX_RATE_ADJUST. */
export function correctedRate(errorS: number, speed: number): number {
  if (Math.abs(errorS) < DEAD_BAND_S) return speed;
  const adjust = Math.max(-MAX_RATE_ADJUST, Math.min(MAX_RATE_ADJUST, -errorS / CORRECTION_HORIZON_S));
  return speed * (1 + adjust);
}

/** Smooths measured seek durations (wall seconds); one slow seek should not triple the next lead. */
export function updateSeekLatency(previousS: number, measuredS: number): number {
  const measured = Math.min(3, Math.max(0, measuredS));
  return previousS * 0.6 + measured * 0.4;
}
