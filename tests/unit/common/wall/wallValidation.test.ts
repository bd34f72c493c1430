import { describe, expect, it } from 'vitest';
import { initialWallState } from '../../../../common/wall/wallReducer';
import type { WallState } from '../../../../common/wall/wallSchema';
import { reconcileWallState, restoreWallState, validateWallState } from '../../../../common/wall/wallValidation';
import { apply, siteContext, wallViolations } from './wallFixtures';

const ctx = siteContext(20);
const smallerSite = siteContext(10);

/** Screen 1 shows cam-1…16, screen 2 cam-17…20; tour-1 runs cam-2 and cam-15; tour-2 only cam-12. */
function persistedWall(): WallState {
  let state = initialWallState({ screenCount: 2, cameraIds: [...ctx.cameraIds] });
  for (const action of [
    { type: 'tour.upsert', tour: { name: 'Mixta', cameraIds: ['cam-2', 'cam-15'], dwellS: 5 } },
    { type: 'tour.upsert', tour: { name: 'Lejana', cameraIds: ['cam-12'], dwellS: 5 } },
    { type: 'tile.assign', screenId: '2', cell: 5, tile: { kind: 'tour', tourId: 'tour-1' } },
    { type: 'tile.assign', screenId: '2', cell: 6, tile: { kind: 'tour', tourId: 'tour-2' } },
    { type: 'layout.save', name: 'Vista', shared: true, source: { kind: 'screen', screenId: '2' } },
  ]) {
    state = apply(state, action, ctx);
  }
  return JSON.parse(JSON.stringify(state)) as WallState;
}

describe('validateWallState', () => {
  it('accepts a wall made by the reducer, after a JSON round trip', () => {
    const result = validateWallState(persistedWall(), ctx);
    expect(result.ok).toBe(true);
  });

  it('reports broken data with JSON paths', () => {
    const state = persistedWall();
    const broken = {
      ...state,
      screens: [
        { ...state.screens[0]!, selected: 16, tiles: state.screens[0]!.tiles.slice(1) },
        { ...state.screens[1]!, id: '1', maximized: 3, layoutCycle: { layoutIds: ['layout-1', 'gone'], dwellS: 10 } },
      ],
    };
    const result = validateWallState(broken, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: 'screens[0].tiles', message: 'has 15 tiles for 16 layout cells' },
        { path: 'screens[0].selected', message: 'cell 16 is outside the 16-cell layout' },
        { path: 'screens[1].id', message: 'duplicate screen id "1" (also screens[0].id)' },
        { path: 'screens[1].maximized', message: 'the maximized cell must be the selected one' },
        { path: 'screens[1].layoutCycle.layoutIds[1]', message: 'unknown layout "gone"' },
      ]),
    );
  });

  it('reports an invalid layout covering', () => {
    const state = persistedWall();
    const screen = state.screens[0]!;
    const cells = [...screen.layout.cells.slice(0, 15), { row: 3, col: 3, rowSpan: 1, colSpan: 2 }];
    const result = validateWallState({ ...state, screens: [{ ...screen, layout: { ...screen.layout, cells } }, state.screens[1]] }, ctx);
    expect(!result.ok && result.problems).toEqual([{ path: 'screens[0].layout.cells[15]', message: 'reaches outside the 4×4 grid' }, { path: 'screens[0].layout.cells', message: 'grid positions not covered by any cell: row 3 col 3' }]);
  });

  it('reports tiles naming a tour that does not exist', () => {
    const result = validateWallState({ ...persistedWall(), tours: [] }, ctx);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['screens[1].tiles[5].tourId', 'screens[1].tiles[6].tourId', 'layouts[0].tiles[5].tourId', 'layouts[0].tiles[6].tourId']);
  });

  it('reports cameras the site no longer has', () => {
    const result = validateWallState(persistedWall(), smallerSite);
    expect(!result.ok && result.problems).toContainEqual({ path: 'screens[0].tiles[10].cameraId', message: 'camera "cam-11" is not in the site' });
    expect(!result.ok && result.problems).toContainEqual({ path: 'tours[0].cameraIds[1]', message: 'camera "cam-15" is not in the site' });
  });
});

describe('reconcileWallState', () => {
  it('empties dangling tiles, trims tours and deletes tours left without cameras', () => {
    const { state, repaired } = reconcileWallState(persistedWall(), smallerSite);
    expect(wallViolations(state, smallerSite)).toEqual([]);
    expect(validateWallState(state, smallerSite).ok).toBe(true);
    expect(state.screens[0]!.tiles.slice(8, 12)).toEqual([
      { kind: 'camera', cameraId: 'cam-9' },
      { kind: 'camera', cameraId: 'cam-10' },
      { kind: 'empty' },
      { kind: 'empty' },
    ]);
    expect(state.tours).toEqual([{ id: 'tour-1', name: 'Mixta', cameraIds: ['cam-2'], dwellS: 5 }]);
    expect(state.screens[1]!.tiles.slice(5, 7)).toEqual([{ kind: 'tour', tourId: 'tour-1' }, { kind: 'empty' }]);
    expect(state.layouts[0]!.tiles![6]).toEqual({ kind: 'empty' });
    expect(repaired).toContainEqual({ path: 'tours[1]', message: 'tour "Lejana" deleted: none of its cameras is in the site' });
    expect(repaired).toContainEqual({ path: 'screens[1].tiles[6]', message: 'emptied: tour "tour-2" was deleted' });
    expect(repaired).toContainEqual({ path: 'screens[0].tiles[10]', message: 'emptied: camera "cam-11" is no longer in the site' });
  });

  it('empties dangling tiles of a wall without tours', () => {
    const plain = initialWallState({ screenCount: 1, cameraIds: [...ctx.cameraIds] });
    const { state, repaired } = reconcileWallState(plain, smallerSite);
    expect(repaired).toHaveLength(6);
    expect(state.screens[0]!.tiles.filter((t) => t.kind === 'empty')).toHaveLength(6);
  });

  it('returns the same state when nothing dangles', () => {
    const state = persistedWall();
    expect(reconcileWallState(state, ctx)).toEqual({ state, repaired: [] });
    expect(reconcileWallState(state, ctx).state).toBe(state);
  });
});

describe('restoreWallState', () => {
  it('brings back the same wall after a restart', () => {
    const state = persistedWall();
    expect(restoreWallState(JSON.parse(JSON.stringify(state)), ctx)).toEqual({ ok: true, state, repaired: [] });
  });

  it('repairs a wall against a changed site', () => {
    const result = restoreWallState(persistedWall(), smallerSite);
    expect(result.ok && result.repaired.length).toBeGreaterThan(0);
    expect(result.ok && wallViolations(result.state, smallerSite)).toEqual([]);
  });

  it('refuses data that is not a wall', () => {
    expect(restoreWallState({ version: 2 }, ctx).ok).toBe(false);
    expect(restoreWallState(null, ctx)).toEqual({ ok: false, problems: [expect.objectContaining({ path: '(root)' })] });
  });
});
