import { describe, expect, it } from 'vitest';
import { exportLayoutFile } from '../../../../common/wall/layoutFile';
import { gridLayout, mergeCells, presetLayout } from '../../../../common/wall/layoutMath';
import type { WallAction } from '../../../../common/wall/wallActions';
import { wallContextOf } from '../../../../common/wall/wallContext';
import { initialWallState, wallReducer, type WallErrorCode } from '../../../../common/wall/wallReducer';
import type { Layout, Screen, Tile, WallState } from '../../../../common/wall/wallSchema';
import { apply, deepFreeze, siteContext, wallViolations } from './wallFixtures';

const ctx = siteContext(40);
const cam = (n: number): Tile => ({ kind: 'camera', cameraId: `cam-${n}` });
const EMPTY: Tile = { kind: 'empty' };

/** Two screens of 4×4: screen 1 shows cam-1…16, screen 2 cam-17…32. Frozen to catch mutation. */
const wall = (): WallState => deepFreeze(initialWallState({ screenCount: 2, cameraIds: [...ctx.cameraIds].slice(0, 32) }));

const run = (state: WallState, ...actions: WallAction[]) => {
  const next = actions.reduce((s, a) => apply(s, a, ctx), state);
  expect(wallViolations(next, ctx)).toEqual([]);
  return deepFreeze(next);
};

const screen = (state: WallState, id: string): Screen => {
  const found = state.screens.find((s) => s.id === id);
  if (!found) throw new Error(`no screen ${id}`);
  return found;
};

function rejects(state: WallState, action: unknown, code: WallErrorCode, message?: RegExp) {
  const result = wallReducer(state, action, ctx);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (message) expect(result.error.message).toMatch(message);
  expect(result.state).toBe(state);
}

describe('initialWallState', () => {
  it('fills screens of 4×4 with the cameras in order, then empty tiles', () => {
    const state = initialWallState({ screenCount: 3, cameraIds: ['a', 'b', ...Array.from({ length: 18 }, (_, i) => `c${i}`)] });
    expect(state.screens.map((s) => s.id)).toEqual(['1', '2', '3']);
    expect(state.screens.every((s) => s.layout.rows === 4 && s.layout.cols === 4 && s.selected === 0 && s.maximized === null)).toBe(true);
    expect(state.screens[0]!.tiles.slice(0, 3)).toEqual([{ kind: 'camera', cameraId: 'a' }, { kind: 'camera', cameraId: 'b' }, { kind: 'camera', cameraId: 'c0' }]);
    expect(state.screens[1]!.tiles.slice(0, 5)).toEqual([{ kind: 'camera', cameraId: 'c14' }, { kind: 'camera', cameraId: 'c15' }, { kind: 'camera', cameraId: 'c16' }, { kind: 'camera', cameraId: 'c17' }, EMPTY]);
    expect(state.screens[2]!.tiles.every((t) => t.kind === 'empty')).toBe(true);
  });

  it('always has at least one screen', () => {
    expect(initialWallState({ screenCount: 0, cameraIds: [] }).screens).toHaveLength(1);
  });
});

describe('rejecting malformed actions', () => {
  it.each([
    ['not an object', 42],
    ['unknown type', { type: 'wall.explode' }],
    ['missing field', { type: 'select', screenId: '1' }],
    ['extra field', { type: 'select', screenId: '1', cell: 0, also: true }],
    ['bad screen id', { type: 'select', screenId: 'one', cell: 0 }],
    ['negative cell', { type: 'select', screenId: '1', cell: -1 }],
    ['fractional cell', { type: 'select', screenId: '1', cell: 1.5 }],
    ['dwell under 3 s', { type: 'tour.upsert', tour: { name: 'T', cameraIds: ['cam-1'], dwellS: 2 } }],
    ['tour without cameras', { type: 'tour.upsert', tour: { name: 'T', cameraIds: [], dwellS: 5 } }],
    ['overlapping explicit layout', { type: 'screen.setLayout', screenId: '1', layout: { kind: 'explicit', layout: { rows: 1, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 2 }, { row: 0, col: 1, rowSpan: 1, colSpan: 1 }] } } }],
    ['unknown preset', { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '3' } }],
    ['blank layout name', { type: 'layout.save', name: '   ', shared: false, source: { kind: 'screen', screenId: '1' } }],
  ])('%s', (_, action) => {
    rejects(wall(), action, 'invalid_action', /^action: /);
  });

  it('names the offending field', () => {
    const result = wallReducer(wall(), { type: 'select', screenId: '1', cell: 'x' }, ctx);
    expect(!result.ok && result.error.message).toMatch(/^action: cell: /);
  });
});

describe('screens', () => {
  it('screen.add appends a 4×4 screen with the lowest free number, in number order', () => {
    let state = run(wall(), { type: 'screen.add' });
    expect(screen(state, '3').tiles).toHaveLength(16);
    expect(screen(state, '3').binding).toEqual({ kind: 'unbound' });
    state = run(state, { type: 'screen.remove', screenId: '2' }, { type: 'screen.add', name: 'Puerto', layout: { kind: 'preset', preset: '1+5' } });
    expect(state.screens.map((s) => s.id)).toEqual(['1', '2', '3']);
    expect(screen(state, '2')).toMatchObject({ name: 'Puerto', layout: presetLayout('1+5'), selected: 0, maximized: null });
    expect(screen(state, '2').tiles).toEqual(Array(6).fill(EMPTY));
  });

  it('screen.add stops at the screen limit', () => {
    let state = wall();
    for (let i = 0; i < 62; i++) state = apply(state, { type: 'screen.add' }, ctx);
    rejects(state, { type: 'screen.add' }, 'limit_reached');
  });

  it('screen.remove refuses an unknown screen and the last one', () => {
    rejects(wall(), { type: 'screen.remove', screenId: '9' }, 'unknown_screen', /no screen 9/);
    const single = run(wall(), { type: 'screen.remove', screenId: '1' });
    expect(single.screens.map((s) => s.id)).toEqual(['2']);
    rejects(single, { type: 'screen.remove', screenId: '2' }, 'last_screen');
  });

  it('screen.rename trims the name', () => {
    expect(screen(run(wall(), { type: 'screen.rename', screenId: '2', name: '  Centro  ' }), '2').name).toBe('Centro');
  });

  it('screen.bind moves a display from the screen that had it, leaving that screen unbound', () => {
    const display = { kind: 'display' as const, displayId: 2528732444, bounds: { x: -1920, y: 0, width: 1920, height: 1080 } };
    let state = run(wall(), { type: 'screen.bind', screenId: '1', binding: display });
    expect(screen(state, '1').binding).toEqual(display);
    state = run(state, { type: 'screen.bind', screenId: '2', binding: display });
    expect(screen(state, '2').binding).toEqual(display);
    expect(screen(state, '1').binding).toEqual({ kind: 'unbound' });
    state = run(state, { type: 'screen.bind', screenId: '1', binding: { kind: 'client' } });
    expect(screen(state, '1').binding).toEqual({ kind: 'client' });
    rejects(state, { type: 'screen.bind', screenId: '7', binding: { kind: 'client' } }, 'unknown_screen');
  });
});

describe('screen.setLayout', () => {
  it('keeps tiles in order as far as they fit and the selection in range', () => {
    const before = wall();
    let state = run(before, { type: 'select', screenId: '1', cell: 12 }, { type: 'maximize.toggle', screenId: '1', cell: 12 });
    state = run(state, { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '1+5' } });
    const s1 = screen(state, '1');
    expect(s1.layout).toEqual(presetLayout('1+5'));
    expect(s1.tiles).toEqual([cam(1), cam(2), cam(3), cam(4), cam(5), cam(6)]);
    expect(s1.selected).toBe(5);
    expect(s1.maximized).toBeNull();
    state = run(state, { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '9' } });
    expect(screen(state, '1').tiles).toEqual([cam(1), cam(2), cam(3), cam(4), cam(5), cam(6), EMPTY, EMPTY, EMPTY]);
    // Untouched screens are the same objects, so the owner can diff cheaply.
    expect(screen(state, '2')).toBe(screen(before, '2'));
  });

  it('accepts an explicit layout from the editor', () => {
    const merged = mergeCells(gridLayout(2, 3), { row: 0, col: 1, rowSpan: 2, colSpan: 2 });
    if (!merged.ok) throw new Error(merged.message);
    const state = run(wall(), { type: 'screen.setLayout', screenId: '2', layout: { kind: 'explicit', layout: merged.layout } });
    expect(screen(state, '2').tiles).toEqual([cam(17), cam(18), cam(19)]);
  });

  it('applies a saved view with its tiles, and a saved template keeping the screen tiles', () => {
    let state = run(
      wall(),
      { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '4' } },
      { type: 'layout.save', name: 'Puerto', shared: false, source: { kind: 'screen', screenId: '1' } },
      { type: 'layout.save', name: 'Wide', shared: false, source: { kind: 'layout', layout: gridLayout(1, 3) } },
    );
    const [view, template] = state.layouts;
    state = run(state, { type: 'screen.setLayout', screenId: '2', layout: { kind: 'saved', layoutId: view!.id } });
    expect(screen(state, '2').tiles).toEqual([cam(1), cam(2), cam(3), cam(4)]);
    state = run(state, { type: 'screen.setLayout', screenId: '2', layout: { kind: 'saved', layoutId: template!.id } });
    expect(screen(state, '2').tiles).toEqual([cam(1), cam(2), cam(3)]);
    rejects(state, { type: 'screen.setLayout', screenId: '2', layout: { kind: 'saved', layoutId: 'nope' } }, 'unknown_layout');
    rejects(state, { type: 'screen.setLayout', screenId: '5', layout: { kind: 'preset', preset: '4' } }, 'unknown_screen');
  });
});

describe('tiles', () => {
  it('tile.assign puts a camera, a tour or nothing in a cell', () => {
    let state = run(wall(), { type: 'tile.assign', screenId: '2', cell: 3, tile: cam(40) });
    expect(screen(state, '2').tiles[3]).toEqual(cam(40));
    state = run(state, { type: 'tour.upsert', tour: { name: 'Muelle', cameraIds: ['cam-1', 'cam-2'], dwellS: 5 } });
    state = run(state, { type: 'tile.assign', screenId: '2', cell: 4, tile: { kind: 'tour', tourId: 'tour-1' } });
    expect(screen(state, '2').tiles[4]).toEqual({ kind: 'tour', tourId: 'tour-1' });
    expect(screen(run(state, { type: 'tile.assign', screenId: '2', cell: 4, tile: EMPTY }), '2').tiles[4]).toEqual(EMPTY);
  });

  it('tile.assign refuses a camera not in the site, an unknown tour and a cell outside the layout', () => {
    rejects(wall(), { type: 'tile.assign', screenId: '1', cell: 0, tile: { kind: 'camera', cameraId: 'cam-99' } }, 'unknown_camera', /"cam-99" is not in this site/);
    rejects(wall(), { type: 'tile.assign', screenId: '1', cell: 0, tile: { kind: 'tour', tourId: 'tour-1' } }, 'unknown_tour');
    rejects(wall(), { type: 'tile.assign', screenId: '1', cell: 16, tile: cam(1) }, 'unknown_cell', /screen 1 has no cell 16 \(its layout has 16\)/);
    rejects(wall(), { type: 'tile.assign', screenId: '3', cell: 0, tile: cam(1) }, 'unknown_screen');
  });

  it('tile.swap exchanges two tiles on one screen or across screens', () => {
    let state = run(wall(), { type: 'tile.swap', a: { screenId: '1', cell: 0 }, b: { screenId: '1', cell: 15 } });
    expect(screen(state, '1').tiles[0]).toEqual(cam(16));
    expect(screen(state, '1').tiles[15]).toEqual(cam(1));
    state = run(state, { type: 'tile.swap', a: { screenId: '1', cell: 0 }, b: { screenId: '2', cell: 1 } });
    expect(screen(state, '1').tiles[0]).toEqual(cam(18));
    expect(screen(state, '2').tiles[1]).toEqual(cam(16));
    expect(screen(run(state, { type: 'tile.swap', a: { screenId: '2', cell: 2 }, b: { screenId: '2', cell: 2 } }), '2').tiles[2]).toEqual(cam(19));
    rejects(state, { type: 'tile.swap', a: { screenId: '1', cell: 0 }, b: { screenId: '2', cell: 40 } }, 'unknown_cell');
  });

  it('tile.clear empties a tile', () => {
    expect(screen(run(wall(), { type: 'tile.clear', screenId: '1', cell: 5 }), '1').tiles[5]).toEqual(EMPTY);
    rejects(wall(), { type: 'tile.clear', screenId: '1', cell: 63 }, 'unknown_cell');
  });
});

describe('selection and maximize', () => {
  it('select moves the one selection of a screen', () => {
    const state = run(wall(), { type: 'select', screenId: '2', cell: 7 });
    expect(screen(state, '2').selected).toBe(7);
    expect(screen(state, '1').selected).toBe(0);
    rejects(state, { type: 'select', screenId: '2', cell: 16 }, 'unknown_cell');
  });

  it('selection.move walks the grid geometrically and stops at its edges', () => {
    let state = run(wall(), { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '1+5' } });
    const moves = (...directions: Array<'up' | 'down' | 'left' | 'right'>) =>
      directions.map((direction) => {
        state = run(state, { type: 'selection.move', screenId: '1', direction });
        return screen(state, '1').selected;
      });
    expect(moves('right', 'down', 'down', 'left', 'left', 'up', 'up', 'left')).toEqual([1, 2, 5, 4, 3, 0, 0, 0]);
  });

  it('selection.move at an edge returns the very same state', () => {
    const state = wall();
    const result = wallReducer(state, { type: 'selection.move', screenId: '1', direction: 'up' }, ctx);
    expect(result).toEqual({ ok: true, state });
    expect(result.state).toBe(state);
  });

  it('maximize.toggle maximizes and selects a tile, and toggles back', () => {
    let state = run(wall(), { type: 'maximize.toggle', screenId: '1', cell: 6 });
    expect(screen(state, '1')).toMatchObject({ selected: 6, maximized: 6 });
    state = run(state, { type: 'maximize.toggle', screenId: '1', cell: 6 });
    expect(screen(state, '1')).toMatchObject({ selected: 6, maximized: null });
    rejects(state, { type: 'maximize.toggle', screenId: '1', cell: 20 }, 'unknown_cell');
  });

  it('moving the selection on a maximized screen steps the maximized tile with it', () => {
    let state = run(wall(), { type: 'maximize.toggle', screenId: '1', cell: 0 }, { type: 'selection.move', screenId: '1', direction: 'right' });
    expect(screen(state, '1')).toMatchObject({ selected: 1, maximized: 1 });
    state = run(state, { type: 'maximize.toggle', screenId: '1', cell: 9 });
    expect(screen(state, '1')).toMatchObject({ selected: 9, maximized: 9 });
    state = run(state, { type: 'select', screenId: '1', cell: 2 });
    expect(screen(state, '1')).toMatchObject({ selected: 2, maximized: 2 });
  });
});

describe('camera.callUp', () => {
  it('puts the camera with that number in the selected tile', () => {
    const state = run(wall(), { type: 'select', screenId: '1', cell: 4 }, { type: 'camera.callUp', screenId: '1', number: 12 });
    expect(screen(state, '1').tiles[4]).toEqual(cam(12));
  });

  it('refuses a number no camera has', () => {
    rejects(wall(), { type: 'camera.callUp', screenId: '1', number: 41 }, 'unknown_camera', /no camera number 41/);
    rejects(wall(), { type: 'camera.callUp', screenId: '8', number: 1 }, 'unknown_screen');
  });
});

describe('saved layouts', () => {
  const save = (name: string, shared: boolean, screenId = '1'): WallAction => ({ type: 'layout.save', name, shared, source: { kind: 'screen', screenId } });

  it('layout.save snapshots a screen: grid and tiles', () => {
    const state = run(wall(), save('Noche', true));
    expect(state.layouts).toEqual([{ id: 'layout-1', name: 'Noche', shared: true, layout: presetLayout('16'), tiles: screen(state, '1').tiles }]);
  });

  it('saving under an existing name replaces that layout and keeps its id', () => {
    let state = run(wall(), save('Noche', false), save('Día', false));
    state = run(state, save('noche ', false, '2'));
    expect(state.layouts.map((l) => [l.id, l.name])).toEqual([['layout-1', 'noche'], ['layout-2', 'Día']]);
    expect(state.layouts[0]!.tiles![0]).toEqual(cam(17));
  });

  it('a shared layout cannot be overwritten as a private one', () => {
    const state = run(wall(), save('Noche', true));
    rejects(state, save('NOCHE', false), 'shared_layout', /"Noche" is a shared layout/);
    expect(run(state, save('Noche', true, '2')).layouts[0]!.tiles![0]).toEqual(cam(17));
  });

  it('an editor layout is saved as a template, or as a view when tiles are given', () => {
    const layout: Layout = presetLayout('4');
    let state = run(wall(), { type: 'layout.save', name: 'Plantilla', shared: false, source: { kind: 'layout', layout } });
    expect(state.layouts[0]).toEqual({ id: 'layout-1', name: 'Plantilla', shared: false, layout });
    state = run(state, { type: 'layout.save', name: 'Vista', shared: false, source: { kind: 'layout', layout, tiles: [cam(1), EMPTY, EMPTY, cam(2)] } });
    expect(state.layouts[1]!.tiles).toEqual([cam(1), EMPTY, EMPTY, cam(2)]);
    rejects(state, { type: 'layout.save', name: 'Corta', shared: false, source: { kind: 'layout', layout, tiles: [cam(1)] } }, 'invalid_action', /1 tiles given for 4 layout cells/);
    rejects(state, { type: 'layout.save', name: 'Mala', shared: false, source: { kind: 'layout', layout, tiles: [cam(99), EMPTY, EMPTY, EMPTY] } }, 'unknown_camera');
    rejects(state, save('X', false, '4'), 'unknown_screen');
  });

  it('layout.delete removes the layout and takes it out of layout cycles', () => {
    let state = run(wall(), save('A', false), save('B', false), save('C', false));
    state = run(
      state,
      { type: 'screen.setLayoutCycle', screenId: '1', cycle: { layoutIds: ['layout-1', 'layout-2', 'layout-3'], dwellS: 30 } },
      { type: 'screen.setLayoutCycle', screenId: '2', cycle: { layoutIds: ['layout-1', 'layout-2'], dwellS: 30 } },
      { type: 'layout.delete', layoutId: 'layout-2' },
    );
    expect(state.layouts.map((l) => l.name)).toEqual(['A', 'C']);
    expect(screen(state, '1').layoutCycle).toEqual({ layoutIds: ['layout-1', 'layout-3'], dwellS: 30 });
    expect(screen(state, '2').layoutCycle).toBeUndefined();
    rejects(state, { type: 'layout.delete', layoutId: 'layout-2' }, 'unknown_layout');
  });

  it('layout ids are not reused while higher ones exist', () => {
    const state = run(wall(), save('A', false), save('B', false), { type: 'layout.delete', layoutId: 'layout-1' }, save('C', false));
    expect(state.layouts.map((l) => l.id)).toEqual(['layout-2', 'layout-3']);
  });
});

describe('layout.import', () => {
  const file = (over: Record<string, unknown> = {}) =>
    JSON.stringify({ format: 'atalaya.layout', version: 1, name: 'Importada', layout: presetLayout('1+5'), ...over });

  it('imports a layout file exported from a wall', () => {
    const source = run(wall(), { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '4' } }, { type: 'layout.save', name: 'Puerto', shared: true, source: { kind: 'screen', screenId: '1' } });
    const text = exportLayoutFile(source.layouts[0]!);
    const state = run(wall(), { type: 'layout.import', text, shared: false, name: 'Puerto 2' });
    expect(state.layouts).toEqual([{ id: 'layout-1', name: 'Puerto 2', shared: false, layout: presetLayout('4'), tiles: [cam(1), cam(2), cam(3), cam(4)] }]);
  });

  it.each([
    ['not JSON', 'layout: 1+5', /layout file: \(root\): not valid JSON/],
    ['wrong format', file({ format: 'other' }), /layout file: format: /],
    ['overlapping cells', file({ layout: { rows: 1, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 2 }, { row: 0, col: 1, rowSpan: 1, colSpan: 1 }] } }), /layout file: layout\.cells\[1\]: overlaps cells\[0\]/],
    ['uncovered grid', file({ layout: { rows: 2, cols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1 }] } }), /not covered by any cell: row 1 col 0/],
    ['tiles not matching cells', file({ tiles: [{ kind: 'empty' }] }), /layout file: tiles: has 1 tiles for 6 layout cells/],
    ['camera not in this site', file({ layout: presetLayout('1'), tiles: [{ kind: 'camera', cameraId: 'cam-77' }] }), /layout file: tiles\[0\]: camera "cam-77" is not in this site/],
  ])('a malformed import (%s) gives a clear error and changes nothing', (_, text, message) => {
    rejects(wall(), { type: 'layout.import', text, shared: false }, 'invalid_import', message);
  });

  it('refuses a name already taken', () => {
    const state = run(wall(), { type: 'layout.import', text: file(), shared: false });
    rejects(state, { type: 'layout.import', text: file(), shared: false }, 'name_taken', /"Importada" already exists/);
  });
});

describe('tours', () => {
  const tour = { name: 'Muelle', cameraIds: ['cam-1', 'cam-5', 'cam-1'], dwellS: 10 };

  it('tour.upsert creates a tour with a new id, or replaces the one with the given id', () => {
    let state = run(wall(), { type: 'tour.upsert', tour }, { type: 'tour.upsert', tour: { ...tour, name: 'Plaza' } });
    expect(state.tours.map((t) => t.id)).toEqual(['tour-1', 'tour-2']);
    state = run(state, { type: 'tour.upsert', tour: { ...tour, id: 'tour-1', dwellS: 4 } }, { type: 'tour.upsert', tour: { ...tour, id: 'noche' } });
    expect(state.tours).toEqual([{ id: 'tour-1', ...tour, dwellS: 4 }, { id: 'tour-2', ...tour, name: 'Plaza' }, { id: 'noche', ...tour }]);
  });

  it('tour.upsert refuses cameras not in the site', () => {
    rejects(wall(), { type: 'tour.upsert', tour: { ...tour, cameraIds: ['cam-1', 'cam-90', 'x'] } }, 'unknown_camera', /not in this site: "cam-90", "x"/);
  });

  it('tour.delete empties the tiles and saved views that ran it', () => {
    const state = run(
      wall(),
      { type: 'tour.upsert', tour },
      { type: 'tile.assign', screenId: '2', cell: 0, tile: { kind: 'tour', tourId: 'tour-1' } },
      { type: 'layout.save', name: 'Con tour', shared: false, source: { kind: 'screen', screenId: '2' } },
      { type: 'tour.delete', tourId: 'tour-1' },
    );
    expect(state.tours).toEqual([]);
    expect(screen(state, '2').tiles[0]).toEqual(EMPTY);
    expect(state.layouts[0]!.tiles![0]).toEqual(EMPTY);
    rejects(state, { type: 'tour.delete', tourId: 'tour-1' }, 'unknown_tour');
  });
});

describe('screen.setLayoutCycle', () => {
  it('sets and clears a cycle over saved layouts', () => {
    let state = run(
      wall(),
      { type: 'layout.save', name: 'A', shared: true, source: { kind: 'screen', screenId: '1' } },
      { type: 'layout.save', name: 'B', shared: true, source: { kind: 'screen', screenId: '2' } },
      { type: 'screen.setLayoutCycle', screenId: '1', cycle: { layoutIds: ['layout-1', 'layout-2'], dwellS: 60 } },
    );
    expect(screen(state, '1').layoutCycle).toEqual({ layoutIds: ['layout-1', 'layout-2'], dwellS: 60 });
    state = run(state, { type: 'screen.setLayoutCycle', screenId: '1', cycle: null });
    expect(screen(state, '1')).not.toHaveProperty('layoutCycle');
    rejects(state, { type: 'screen.setLayoutCycle', screenId: '1', cycle: { layoutIds: ['layout-1', 'layout-9'], dwellS: 60 } }, 'unknown_layout');
    rejects(state, { type: 'screen.setLayoutCycle', screenId: '1', cycle: { layoutIds: ['layout-1'], dwellS: 60 } }, 'invalid_action', /at least two layouts/);
  });
});

describe('actions on the selected cell as main sees it', () => {
  it('maximize.toggle and tile.clear without a cell use the selected cell at apply time', () => {
    const ctx = wallContextOf([{ id: 'a', number: 1 }, { id: 'b', number: 2 }]);
    let state = initialWallState({ screenCount: 1, cameraIds: ['a', 'b'] });
    const run = (action: unknown) => {
      const r = wallReducer(state, action, ctx);
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
    };
    run({ type: 'select', screenId: '1', cell: 1 });
    run({ type: 'maximize.toggle', screenId: '1' });
    expect(state.screens[0]!.maximized).toBe(1);
    run({ type: 'maximize.toggle', screenId: '1' });
    expect(state.screens[0]!.maximized).toBeNull();
    run({ type: 'tile.clear', screenId: '1' });
    expect(state.screens[0]!.tiles[1]).toEqual({ kind: 'empty' });
    expect(state.screens[0]!.tiles[0]).toEqual({ kind: 'camera', cameraId: 'a' });
  });
});
