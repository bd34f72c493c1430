import type { TourFrame, TourTileView } from '../../../common/wall/tourClock';
import { TourClock } from '../../../common/wall/tourClock';
import type { WallState } from '../../../common/wall/wallSchema';

export interface TourRunnerOptions {
  /** The wall as it is now. */
  state: () => WallState;
  /** What each tour tile shows, for every window (called only when it changes). */
  publish: (tiles: TourTileView[]) => void;
  /** A screen's layout cycle moved on: apply that saved layout. */
  applyLayout: (screenId: string, layoutId: string) => void;
  now?: () => number;
}

/**
 * Owns the timer the pure TourClock leaves out: re-evaluates on every wall change and at the
 * clock's next change, so all windows show a tour's next camera at the same moment (main decides,
 * windows only display).
 */
export class TourRunner {
  private readonly clock = new TourClock();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPublished = '';
  private readonly now: () => number;

  constructor(private readonly opts: TourRunnerOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  private updating = false;
  private again = false;

  /** Call after every wall change (and once at start). Re-entrant calls (a layout cycle's own change) fold into one loop. */
  update(): void {
    if (this.updating) {
      this.again = true;
      return;
    }
    this.updating = true;
    try {
      do {
        this.again = false;
        this.step();
      } while (this.again);
    } finally {
      this.updating = false;
    }
  }

  private step(): TourFrame {
    clearTimeout(this.timer);
    const frame = this.clock.update(this.opts.state(), this.now());
    const key = JSON.stringify(frame.tiles);
    if (key !== this.lastPublished) {
      this.lastPublished = key;
      this.opts.publish(frame.tiles);
    }
    for (const cycle of frame.layoutCycles) if (cycle.changed) this.opts.applyLayout(cycle.screenId, cycle.layoutId);
    if (frame.nextChangeAt !== null) this.timer = setTimeout(() => this.update(), Math.max(0, frame.nextChangeAt - this.now()));
    return frame;
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
