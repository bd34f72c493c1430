import { describe, expect, it } from 'vitest';
import { TourClock } from '../../../../common/wall/tourClock';
import type { WallAction } from '../../../../common/wall/wallActions';
import { initialWallState } from '../../../../common/wall/wallReducer';
import type { WallState } from '../../../../common/wall/wallSchema';
import { apply, siteContext } from './wallFixtures';

const ctx = siteContext(20);
const S = 1000;

const wallWith = (...actions: WallAction[]): WallState =>
  actions.reduce((s, a) => apply(s, a, ctx), initialWallState({ screenCount: 2, cameraIds: [...ctx.cameraIds] }));

const upsertTour = (id: string, cameraIds: string[], dwellS = 5): WallAction => ({ type: 'tour.upsert', tour: { id, name: id, cameraIds, dwellS } });
const tourOn = (screenId: string, cell: number, tourId: string): WallAction => ({ type: 'tile.assign', screenId, cell, tile: { kind: 'tour', tourId } });

/** Screen 1, cell 1 runs tour "t" over cam-1, cam-2, cam-3 every 5 s; the selection is on cell 0. */
const touring = (...more: WallAction[]) => wallWith(upsertTour('t', ['cam-1', 'cam-2', 'cam-3']), tourOn('1', 1, 't'), ...more);

const cameraAt = (clock: TourClock, state: WallState, now: number) => {
  const frame = clock.update(state, now);
  return { cameraId: frame.tiles[0]?.cameraId, paused: frame.tiles[0]?.paused, next: frame.nextChangeAt };
};

describe('TourClock: tours', () => {
  it('steps through the cameras every dwell and wraps around', () => {
    const clock = new TourClock();
    const state = touring();
    expect(clock.update(state, 100 * S)).toEqual({ tiles: [{ screenId: '1', cell: 1, tourId: 't', cameraId: 'cam-1', paused: false }], layoutCycles: [], nextChangeAt: 105 * S });
    expect(cameraAt(clock, state, 104.999 * S)).toEqual({ cameraId: 'cam-1', paused: false, next: 105 * S });
    expect(cameraAt(clock, state, 105 * S)).toEqual({ cameraId: 'cam-2', paused: false, next: 110 * S });
    expect(cameraAt(clock, state, 112 * S)).toEqual({ cameraId: 'cam-3', paused: false, next: 115 * S });
    expect(cameraAt(clock, state, 115 * S)).toEqual({ cameraId: 'cam-1', paused: false, next: 120 * S });
  });

  it('a late tick lands where the rhythm would be, without drifting', () => {
    const clock = new TourClock();
    const state = touring();
    clock.update(state, 0);
    expect(cameraAt(clock, state, 23 * S)).toEqual({ cameraId: 'cam-2', paused: false, next: 25 * S });
  });

  it('pauses while the tile is selected and resumes with the rest of its dwell', () => {
    const clock = new TourClock();
    const state = touring();
    const selected = apply(state, { type: 'select', screenId: '1', cell: 1 }, ctx);
    clock.update(state, 0);
    expect(cameraAt(clock, selected, 2 * S)).toEqual({ cameraId: 'cam-1', paused: true, next: null });
    expect(cameraAt(clock, selected, 60 * S)).toEqual({ cameraId: 'cam-1', paused: true, next: null });
    // 2 s of the 5 s dwell were used before the pause: 3 s remain after it.
    expect(cameraAt(clock, state, 70 * S)).toEqual({ cameraId: 'cam-1', paused: false, next: 73 * S });
    expect(cameraAt(clock, state, 73 * S)).toEqual({ cameraId: 'cam-2', paused: false, next: 78 * S });
  });

  it('a tile selected from the start shows its first camera until released', () => {
    const clock = new TourClock();
    const state = touring({ type: 'select', screenId: '1', cell: 1 });
    expect(cameraAt(clock, state, 0)).toEqual({ cameraId: 'cam-1', paused: true, next: null });
    expect(cameraAt(clock, state, 30 * S)).toEqual({ cameraId: 'cam-1', paused: true, next: null });
  });

  it('restarts a tour when its tile is reassigned', () => {
    const clock = new TourClock();
    const state = touring();
    clock.update(state, 0);
    expect(cameraAt(clock, state, 6 * S).cameraId).toBe('cam-2');
    const cleared = apply(state, { type: 'tile.clear', screenId: '1', cell: 1 }, ctx);
    expect(clock.update(cleared, 7 * S)).toEqual({ tiles: [], layoutCycles: [], nextChangeAt: null });
    expect(cameraAt(clock, state, 8 * S)).toEqual({ cameraId: 'cam-1', paused: false, next: 13 * S });
  });

  it('runs each tile on its own, and reports the earliest change', () => {
    const clock = new TourClock();
    const one = touring();
    clock.update(one, 0);
    const two = apply(one, tourOn('2', 3, 't'), ctx);
    const frame = clock.update(two, 2 * S);
    expect(frame.tiles.map((t) => [t.screenId, t.cell, t.cameraId])).toEqual([['1', 1, 'cam-1'], ['2', 3, 'cam-1']]);
    expect(frame.nextChangeAt).toBe(5 * S);
    const later = clock.update(two, 6 * S);
    expect(later.tiles.map((t) => t.cameraId)).toEqual(['cam-2', 'cam-1']);
    expect(later.nextChangeAt).toBe(7 * S);
  });

  it('a one-camera tour never schedules a change', () => {
    const clock = new TourClock();
    expect(cameraAt(clock, wallWith(upsertTour('solo', ['cam-9']), tourOn('1', 2, 'solo')), 0)).toEqual({ cameraId: 'cam-9', paused: false, next: null });
  });

  it('follows a tour edited while running: a shorter list wraps, a new dwell applies from the current camera', () => {
    const clock = new TourClock();
    clock.update(touring(), 0);
    expect(cameraAt(clock, touring(), 11 * S).cameraId).toBe('cam-3');
    // It was on its third camera; a two-camera list wraps that round to the first.
    const shorter = touring(upsertTour('t', ['cam-7', 'cam-8'], 10));
    expect(cameraAt(clock, shorter, 12 * S)).toEqual({ cameraId: 'cam-7', paused: false, next: 20 * S });
  });

  it('takes a clock going backwards as no time passing', () => {
    const clock = new TourClock();
    const state = touring();
    clock.update(state, 10 * S);
    expect(cameraAt(clock, state, 1 * S)).toEqual({ cameraId: 'cam-1', paused: false, next: 15 * S });
  });
});

describe('TourClock: layout cycles', () => {
  const cycling = (...more: WallAction[]) =>
    wallWith(
      { type: 'layout.save', name: 'A', shared: true, source: { kind: 'screen', screenId: '1' } },
      { type: 'layout.save', name: 'B', shared: true, source: { kind: 'screen', screenId: '2' } },
      { type: 'screen.setLayoutCycle', screenId: '2', cycle: { layoutIds: ['layout-1', 'layout-2'], dwellS: 30 } },
      ...more,
    );

  it('names the layout a screen should show and flags when to apply it', () => {
    const clock = new TourClock();
    const state = cycling();
    expect(clock.update(state, 0)).toEqual({ tiles: [], layoutCycles: [{ screenId: '2', layoutId: 'layout-1', paused: false, changed: true }], nextChangeAt: 30 * S });
    expect(clock.update(state, 10 * S).layoutCycles[0]).toMatchObject({ layoutId: 'layout-1', changed: false });
    expect(clock.update(state, 30 * S).layoutCycles[0]).toMatchObject({ layoutId: 'layout-2', changed: true });
    expect(clock.update(state, 60 * S).layoutCycles[0]).toMatchObject({ layoutId: 'layout-1', changed: true });
  });

  it('pauses while a tile of the screen is maximized', () => {
    const clock = new TourClock();
    const state = cycling();
    clock.update(state, 0);
    const maximized = apply(state, { type: 'maximize.toggle', screenId: '2', cell: 4 }, ctx);
    expect(clock.update(maximized, 20 * S)).toMatchObject({ layoutCycles: [{ layoutId: 'layout-1', paused: true, changed: false }], nextChangeAt: null });
    expect(clock.update(state, 100 * S)).toMatchObject({ layoutCycles: [{ layoutId: 'layout-1', paused: false }], nextChangeAt: 110 * S });
  });

  it('a changed list of layouts starts again from its first', () => {
    const clock = new TourClock();
    clock.update(cycling(), 0);
    clock.update(cycling(), 31 * S);
    const reversed = apply(cycling(), { type: 'screen.setLayoutCycle', screenId: '2', cycle: { layoutIds: ['layout-2', 'layout-1'], dwellS: 30 } }, ctx);
    expect(clock.update(reversed, 32 * S)).toMatchObject({ layoutCycles: [{ layoutId: 'layout-2', changed: true }], nextChangeAt: 62 * S });
  });
});
