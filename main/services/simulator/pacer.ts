// The one timer behind every live stream. Channels with viewers are ticked together;
// with none, the timer stops. One timer for 128 streams keeps the cost per stream to a
// loop iteration and a write, instead of a timer wake-up per stream or per viewer.
import type { LiveChannel } from './liveChannel';

/**
 * Ticks every 5 ms: a frame waits at most that long past its due time (2.5 ms on
 * average), small beside a 40 ms frame interval, and 200 wake-ups a second are cheap.
 */
export const TICK_MS = 5;

export class Pacer {
  private readonly active = new Set<LiveChannel>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number) {}

  setActive(channel: LiveChannel, active: boolean): void {
    if (active) this.active.add(channel);
    else this.active.delete(channel);
    if (this.active.size > 0 && !this.timer) {
      this.timer = setInterval(() => this.tick(), TICK_MS);
    } else if (this.active.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  stop(): void {
    this.active.clear();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = this.now();
    for (const channel of this.active) channel.tick(now);
  }
}
