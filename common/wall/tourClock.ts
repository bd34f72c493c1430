import type { WallState } from './wallSchema';

/**
 * Tour policy: which camera each tour tile shows and which saved layout each cycling screen
 * shows, at a time the owner passes in. No timers: the owner calls `update` whenever the wall
 * changes and again at `nextChangeAt`, then broadcasts the frame. Keeping time out makes the
 * policy testable to the millisecond and lets every window show the same camera at once.
 *
 * - Each tour tile runs its own copy of the tour, from its first camera, from when the clock
 *   first sees it; reassigning the tile restarts it.
 * - A selected tour tile is paused: the operator picked it to look at what it shows. Time
 *   stands still for it and it resumes with the rest of its dwell.
 * - A screen's layout cycle pauses while a tile on it is maximized, so the operator does not
 *   lose the camera being studied to a layout change.
 */

export interface TourTileView {
  screenId: string;
  cell: number;
  tourId: string;
  cameraId: string;
  paused: boolean;
}

export interface LayoutCycleView {
  screenId: string;
  /** The saved layout the screen should show now. */
  layoutId: string;
  paused: boolean;
  /** True when this differs from the previous frame: the owner should apply the layout now. */
  changed: boolean;
}

export interface TourFrame {
  tiles: TourTileView[];
  layoutCycles: LayoutCycleView[];
  /** When the next frame will differ from this one; null while nothing is running. */
  nextChangeAt: number | null;
}

interface Progress {
  index: number;
  /** When the current item's dwell began, moved forward by time spent paused. */
  stepStartedAt: number;
  pausedAt: number | null;
}

export class TourClock {
  private tiles = new Map<string, Progress>();
  private cycles = new Map<string, Progress & { shown: string | null }>();
  private lastNow = -Infinity;

  /** `now` in milliseconds from a monotonic clock; a value going backwards is taken as no time passing. */
  update(state: WallState, now: number): TourFrame {
    now = Math.max(now, this.lastNow);
    this.lastNow = now;
    const frame: TourFrame = { tiles: [], layoutCycles: [], nextChangeAt: null };
    const schedule = (at: number | null) => {
      if (at !== null && (frame.nextChangeAt === null || at < frame.nextChangeAt)) frame.nextChangeAt = at;
    };
    const tours = new Map(state.tours.map((t) => [t.id, t]));
    const tiles = new Map<string, Progress>();
    const cycles = new Map<string, Progress & { shown: string | null }>();

    for (const screen of state.screens) {
      screen.tiles.forEach((tile, cell) => {
        const tour = tile.kind === 'tour' ? tours.get(tile.tourId) : undefined;
        if (tour === undefined) return;
        const key = `${screen.id}/${cell}/${tour.id}`;
        const progress = this.tiles.get(key) ?? { index: 0, stepStartedAt: now, pausedAt: null };
        tiles.set(key, progress);
        const paused = cell === screen.selected;
        schedule(advance(progress, tour.cameraIds.length, tour.dwellS * 1000, paused, now));
        frame.tiles.push({ screenId: screen.id, cell, tourId: tour.id, cameraId: tour.cameraIds[progress.index] as string, paused });
      });

      const cycle = screen.layoutCycle;
      if (cycle !== undefined) {
        // A changed list of layouts is a new cycle and starts from its first layout.
        const key = `${screen.id}/${cycle.layoutIds.join(',')}`;
        const progress = this.cycles.get(key) ?? { index: 0, stepStartedAt: now, pausedAt: null, shown: null };
        cycles.set(key, progress);
        const paused = screen.maximized !== null;
        schedule(advance(progress, cycle.layoutIds.length, cycle.dwellS * 1000, paused, now));
        const layoutId = cycle.layoutIds[progress.index] as string;
        frame.layoutCycles.push({ screenId: screen.id, layoutId, paused, changed: layoutId !== progress.shown });
        progress.shown = layoutId;
      }
    }
    // Tiles and cycles no longer on the wall are forgotten, so they restart if they come back.
    this.tiles = tiles;
    this.cycles = cycles;
    return frame;
  }
}

/** Moves `progress` to `now`; returns when its item next changes, or null if it will not. */
function advance(progress: Progress, length: number, dwellMs: number, paused: boolean, now: number): number | null {
  // The tour or cycle may have been shortened since the last update.
  progress.index %= length;
  if (progress.pausedAt !== null) {
    if (paused) return null;
    progress.stepStartedAt += now - progress.pausedAt;
    progress.pausedAt = null;
  }
  // Whole dwells elapsed since the last update: a late tick (a busy or suspended main) lands
  // on the item it would have reached, keeping the rhythm instead of drifting.
  const steps = Math.floor((now - progress.stepStartedAt) / dwellMs);
  progress.stepStartedAt += steps * dwellMs;
  progress.index = (progress.index + steps) % length;
  if (paused) {
    progress.pausedAt = now;
    return null;
  }
  return length > 1 ? progress.stepStartedAt + dwellMs : null;
}
