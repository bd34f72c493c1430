import type { Clock } from '../../../../../common/bookmarks/outbox';
import type { Scheduler } from '../../../../../main/services/bookmarks/scheduler';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A clock and timer queue that only move when told: minutes of retries pass in milliseconds.
 * Real network I/O still happens in real time; `settle` lets it finish after each timer fires.
 */
export class SimulatedClock implements Clock, Scheduler {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(private time: number) {}

  now = (): number => this.time;

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.time + Math.max(0, ms), seq: (this.seq += 1), callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    await this.advanceTo(this.time + ms, settle);
  }

  /** Fires every timer due up to `until`, in order, letting the work each one starts settle. */
  async advanceTo(until: number, settle: () => Promise<void>): Promise<void> {
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
      await settle();
    }
    this.time = Math.max(this.time, until);
  }
}

/** Deterministic randomness for jitter (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
