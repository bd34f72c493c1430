import { describe, expect, it } from 'vitest';
import { cellsBySize, layoutForCount, nextFreeCell, planAssign, planSendAll } from '../../../../common/map/wallFill';
import { presetLayout } from '../../../../common/wall/layoutMath';
import { initialWallState, wallReducer } from '../../../../common/wall/wallReducer';
import { wallContextOf } from '../../../../common/wall/wallContext';
import type { WallState } from '../../../../common/wall/wallSchema';

const ids = Array.from({ length: 80 }, (_, i) => `cam-${String(i + 1).padStart(2, '0')}`);
const ctx = wallContextOf(ids.map((id, i) => ({ id, number: i + 1 })));
const wall = (): WallState => initialWallState({ screenCount: 2, cameraIds: ids.slice(0, 20) });

function apply(state: WallState, actions: unknown[]): WallState {
  return actions.reduce<WallState>((s, action) => {
    const result = wallReducer(s, action, ctx);
    if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
    return result.state;
  }, state);
}

describe('layoutForCount', () => {
  it('picks the smallest preset that fits, with a large tile for the nearest camera when it can', () => {
    expect([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16, 17, 25, 26, 49, 50, 64, 65, 0].map(layoutForCount)).toEqual([
      '1', '4', '4', '1+5', '1+5', '1+7', '1+7', '9', '2+8', '1+12', '1+12', '16', '16', '25', '25', '36', '49', '64', '64', '64', '1',
    ]);
  });

  it('puts the largest cell first, then reading order', () => {
    expect(cellsBySize(presetLayout('1+12'))[0]).toBe(5);
    expect(cellsBySize(presetLayout('2+8')).slice(0, 3)).toEqual([0, 1, 2]);
    expect(cellsBySize(presetLayout('4'))).toEqual([0, 1, 2, 3]);
  });
});

describe('planSendAll', () => {
  it('shows exactly the cameras, nearest in the big tile, others emptied, nearest selected', () => {
    const before = wall();
    const nearestFirst = ['cam-40', 'cam-03', 'cam-41', 'cam-42', 'cam-43', 'cam-44'];
    const plan = planSendAll(before.screens[0]!, nearestFirst);
    expect(plan.preset).toBe('1+5');
    const after = apply(before, plan.actions);
    const screen = after.screens[0]!;
    expect(screen.layout.name).toBe('1+5');
    const shown = screen.tiles.map((t) => (t.kind === 'camera' ? t.cameraId : null));
    expect(shown).toEqual(nearestFirst);
    expect(screen.layout.cells[0]!.rowSpan).toBe(2);
    expect(screen.selected).toBe(0);
    // The other screen is untouched.
    expect(after.screens[1]).toEqual(before.screens[1]);
  });

  it('clears tiles the new layout keeps from the old one', () => {
    const before = wall();
    const plan = planSendAll(before.screens[0]!, ['cam-50', 'cam-51']);
    const screen = apply(before, plan.actions).screens[0]!;
    expect(screen.tiles.map((t) => t.kind)).toEqual(['camera', 'camera', 'empty', 'empty']);
  });

  it('caps at 64 cameras and ignores duplicates', () => {
    const plan = planSendAll(wall().screens[0]!, [...ids, 'cam-01']);
    expect(plan.placed).toHaveLength(64);
    expect(plan.preset).toBe('64');
    expect(apply(wall(), plan.actions).screens[0]!.tiles.filter((t) => t.kind === 'camera')).toHaveLength(64);
  });
});

describe('planAssign (marker click)', () => {
  it('puts the camera in the selected tile', () => {
    const before = apply(wall(), [{ type: 'select', screenId: '1', cell: 4 }]);
    const after = apply(before, planAssign(before.screens[0]!, 'cam-07', 'selected'));
    expect(after.screens[0]!.tiles[4]).toEqual({ kind: 'camera', cameraId: 'cam-07' });
    expect(after.screens[0]!.selected).toBe(4);
  });

  it('Shift: into the next free tile, which becomes selected; full screen: the selected tile', () => {
    let state = apply(wall(), [{ type: 'tile.clear', screenId: '1', cell: 9 }, { type: 'tile.clear', screenId: '1', cell: 2 }, { type: 'select', screenId: '1', cell: 5 }]);
    expect(nextFreeCell(state.screens[0]!)).toBe(9);
    state = apply(state, planAssign(state.screens[0]!, 'cam-70', 'nextFree'));
    expect(state.screens[0]!.tiles[9]).toEqual({ kind: 'camera', cameraId: 'cam-70' });
    expect(state.screens[0]!.selected).toBe(9);
    // Wraps round to the free tile before the selection.
    state = apply(state, planAssign(state.screens[0]!, 'cam-71', 'nextFree'));
    expect(state.screens[0]!.tiles[2]).toEqual({ kind: 'camera', cameraId: 'cam-71' });
    expect(nextFreeCell(state.screens[0]!)).toBeNull();
    state = apply(state, planAssign(state.screens[0]!, 'cam-72', 'nextFree'));
    expect(state.screens[0]!.tiles[2]).toEqual({ kind: 'camera', cameraId: 'cam-72' });
  });

  it('an empty selected tile is the first free one', () => {
    const state = apply(wall(), [{ type: 'tile.clear', screenId: '1', cell: 3 }, { type: 'tile.clear', screenId: '1', cell: 6 }, { type: 'select', screenId: '1', cell: 6 }]);
    expect(nextFreeCell(state.screens[0]!)).toBe(6);
  });
});
