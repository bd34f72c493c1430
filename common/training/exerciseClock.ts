import { MAX_SPEED, MIN_SPEED } from './exerciseSchema';

/**
 * The one exercise clock. Main owns it and pushes it to every window; each tile derives the media
 * time it should show from it. It is stored as "position P held at wall-clock instant A, moving at
 * speed S when playing", so nothing ticks: any runtime computes the position at any instant, and
 * a window that joins late, or misses an update, is right as soon as it has the latest value.
 *
 * `atMs` is main's wall clock (epoch ms); a window on another machine corrects for its own clock's
 * offset before calling positionAt (see the renderer's clock-offset estimate).
 */
export interface ExerciseClock {
  playing: boolean;
  positionS: number;
  atMs: number;
  speed: number;
  /** Bumped on every change, so a tile can tell a seek from ordinary progress. */
  seq: number;
}

export const stoppedClock = (atMs: number): ExerciseClock => ({ playing: false, positionS: 0, atMs, speed: 1, seq: 0 });

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Exercise position at `nowMs`, within 0…durationS. */
export function positionAt(clock: ExerciseClock, nowMs: number, durationS: number): number {
  const raw = clock.playing ? clock.positionS + ((nowMs - clock.atMs) / 1000) * clock.speed : clock.positionS;
  return clamp(raw, 0, durationS);
}

/** Re-anchors the clock at `nowMs` (position unchanged), then applies `patch`. */
function rebase(clock: ExerciseClock, nowMs: number, durationS: number, patch: Partial<ExerciseClock>): ExerciseClock {
  return { ...clock, positionS: positionAt(clock, nowMs, durationS), atMs: nowMs, ...patch, seq: clock.seq + 1 };
}

export function play(clock: ExerciseClock, nowMs: number, durationS: number): ExerciseClock {
  if (clock.playing) return clock;
  return rebase(clock, nowMs, durationS, { playing: true });
}

export function pause(clock: ExerciseClock, nowMs: number, durationS: number): ExerciseClock {
  if (!clock.playing) return clock;
  return rebase(clock, nowMs, durationS, { playing: false });
}

export function seek(clock: ExerciseClock, positionS: number, nowMs: number, durationS: number): ExerciseClock {
  return rebase(clock, nowMs, durationS, { positionS: clamp(positionS, 0, durationS) });
}

export function isValidSpeed(speed: number): boolean {
  return Number.isFinite(speed) && speed >= MIN_SPEED && speed <= MAX_SPEED;
}

export function setSpeed(clock: ExerciseClock, speed: number, nowMs: number, durationS: number): ExerciseClock {
  if (!isValidSpeed(speed)) throw new RangeError(`speed must be from ${MIN_SPEED} to ${MAX_SPEED}, not ${speed}`);
  if (speed === clock.speed) return clock;
  return rebase(clock, nowMs, durationS, { speed });
}

/** The wall-clock instant (ms) at which a playing clock reaches `positionS`; null if it never will. */
export function instantOf(clock: ExerciseClock, positionS: number): number | null {
  if (!clock.playing || positionS < clock.positionS) return null;
  return clock.atMs + ((positionS - clock.positionS) / clock.speed) * 1000;
}

/** `m:ss` (or `h:mm:ss`) of an exercise position, for timelines, logs and reports. */
export function formatPosition(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
