import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import { positionAt } from '../../../common/training/exerciseClock';
import type { ExerciseState } from '../../../common/training/exerciseRun';

/** How many round trips to main the clock-offset estimate takes, and how often it is refreshed. */
const OFFSET_SAMPLES = 5;
const OFFSET_REFRESH_MS = 60_000;

/**
 * This window's view of the exercise: the state main pushes, and main's clock. The exercise clock
 * is anchored to main's wall clock; a display PC's own clock may be off by seconds, so the window
 * estimates the offset NTP-style (the sample with the shortest round trip wins) and reads the
 * position through it. On the machine running main the offset is ~0.
 */
export class ExerciseClient {
  private state: ExerciseState | null = null;
  private offsetMs = 0;
  private bestRttMs: number | null = null;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly api: WallApi) {
    api.on('exercises.changed', (state) => this.set(state));
    void this.refresh();
    void this.syncClock();
    this.timer = setInterval(() => void this.syncClock(), OFFSET_REFRESH_MS);
  }

  async refresh(): Promise<void> {
    const result = await this.api.call('exercises.get', {});
    if (result.ok) this.set(result.value);
  }

  async syncClock(): Promise<void> {
    let best: { rtt: number; offset: number } | null = null;
    for (let i = 0; i < OFFSET_SAMPLES; i++) {
      const t0 = Date.now();
      const result = await this.api.call('exercises.time', {});
      const t1 = Date.now();
      if (!result.ok) return;
      const sample = { rtt: t1 - t0, offset: result.value.nowMs - (t0 + t1) / 2 };
      if (!best || sample.rtt < best.rtt) best = sample;
    }
    if (!best) return;
    // A round measured while this page was busy has long round trips and a poor offset: keep the
    // better estimate we have (clocks drift by milliseconds per hour, not per minute).
    if (this.bestRttMs === null || best.rtt <= this.bestRttMs * 2 + 2) {
      this.offsetMs = best.offset;
      this.bestRttMs = this.bestRttMs === null ? best.rtt : Math.min(this.bestRttMs, best.rtt);
    }
  }

  /** Main's wall clock now, as best this window knows it. */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  /** Exercise position now (seconds). */
  position(): number {
    const s = this.state;
    if (!s || !s.exercise) return 0;
    return positionAt(s.clock, this.serverNow(), s.exercise.durationS);
  }

  get = (): ExerciseState | null => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies a state answered by a call (it may arrive before or after the matching event). */
  apply(state: ExerciseState): void {
    this.set(state);
  }

  private set(state: ExerciseState): void {
    // A call's answer and the pushed event carry the same state and may cross: never go back.
    if (this.state && state.instance === this.state.instance && state.rev < this.state.rev) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

const clients = new WeakMap<WallApi, ExerciseClient>();

/** One client per connection, shared by every component of the window. */
export function exerciseClientFor(api: WallApi): ExerciseClient {
  let client = clients.get(api);
  if (!client) {
    client = new ExerciseClient(api);
    clients.set(api, client);
  }
  return client;
}

export function useExerciseState(client: ExerciseClient): ExerciseState | null {
  return useSyncExternalStore(client.subscribe, client.get);
}

/** The exercise position, re-read `everyMs` (for readouts; tiles read the clock themselves). */
export function usePosition(client: ExerciseClient, everyMs = 250): number {
  const [position, setPosition] = useState(() => client.position());
  const state = useExerciseState(client);
  useEffect(() => {
    setPosition(client.position());
    const timer = setInterval(() => setPosition(client.position()), everyMs);
    return () => clearInterval(timer);
  }, [client, everyMs, state]);
  return position;
}
