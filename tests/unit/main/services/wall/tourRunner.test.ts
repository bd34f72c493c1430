import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TourTileView } from '../../../../../common/wall/tourClock';
import { wallContextOf } from '../../../../../common/wall/wallContext';
import { initialWallState, wallReducer } from '../../../../../common/wall/wallReducer';
import type { WallState } from '../../../../../common/wall/wallSchema';
import { TourRunner } from '../../../../../main/services/wall/tourRunner';

const cameras = ['a', 'b', 'c'].map((id, i) => ({ id, number: i + 1 }));
const ctx = wallContextOf(cameras);

function apply(state: WallState, action: unknown): WallState {
  const result = wallReducer(state, action, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

afterEach(() => vi.useRealTimers());

describe('tour runner', () => {
  it('switches a tour tile to the next camera after its dwell, publishing only changes', () => {
    vi.useFakeTimers();
    let state = initialWallState({ screenCount: 1, cameraIds: ['a', 'b', 'c'] });
    state = apply(state, { type: 'tour.upsert', tour: { id: 't1', name: 'Centro', cameraIds: ['b', 'c'], dwellS: 3 } });
    state = apply(state, { type: 'tile.assign', screenId: '1', cell: 5, tile: { kind: 'tour', tourId: 't1' } });
    const published: TourTileView[][] = [];
    const runner = new TourRunner({ state: () => state, publish: (tiles) => published.push(tiles), applyLayout: () => undefined, now: () => Date.now() });
    runner.update();
    expect(published.map((tiles) => tiles.map((t) => t.cameraId))).toEqual([['b']]);
    vi.advanceTimersByTime(2999);
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(published.at(-1)!.map((t) => t.cameraId)).toEqual(['c']);
    vi.advanceTimersByTime(3000);
    expect(published.at(-1)!.map((t) => t.cameraId)).toEqual(['b']);
    runner.update();
    expect(published).toHaveLength(3);
    runner.stop();
  });

  it('applies a screen layout cycle through the wall and keeps going', () => {
    vi.useFakeTimers();
    let state = initialWallState({ screenCount: 1, cameraIds: ['a', 'b', 'c'] });
    state = apply(state, { type: 'layout.save', name: 'Four', shared: true, source: { kind: 'layout', layout: { rows: 2, cols: 2, cells: [0, 1, 2, 3].map((i) => ({ row: Math.floor(i / 2), col: i % 2, rowSpan: 1, colSpan: 1 })) } } });
    state = apply(state, { type: 'layout.save', name: 'One', shared: true, source: { kind: 'layout', layout: { rows: 1, cols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1 }] } } });
    const [four, one] = state.layouts.map((l) => l.id);
    state = apply(state, { type: 'screen.setLayoutCycle', screenId: '1', cycle: { layoutIds: [four, one], dwellS: 5 } });
    const applied: string[] = [];
    const runner = new TourRunner({
      state: () => state,
      publish: () => undefined,
      applyLayout: (screenId, layoutId) => {
        applied.push(layoutId);
        state = apply(state, { type: 'screen.setLayout', screenId, layout: { kind: 'saved', layoutId } });
        runner.update(); // what WallService's after-change hook does: must not recurse without end
      },
      now: () => Date.now(),
    });
    runner.update();
    vi.advanceTimersByTime(5000);
    vi.advanceTimersByTime(5000);
    expect(applied).toEqual([four, one, four]);
    expect(state.screens[0]!.layout.cells).toHaveLength(4);
    runner.stop();
  });
});
