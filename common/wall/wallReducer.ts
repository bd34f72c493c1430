import { describeProblems, problemsOf, type InputProblem } from '../validation';
import { parseLayoutFile } from './layoutFile';
import { neighbourCell, presetLayout } from './layoutMath';
import { WallActionSchema, type LayoutRef, type TileRef, type WallActionOf, type WallActionType } from './wallActions';
import type { WallContext } from './wallContext';
import {
  EMPTY_TILE,
  MAX_SAVED_LAYOUTS,
  MAX_SCREENS,
  MAX_TOURS,
  type Layout,
  type SavedLayout,
  type Screen,
  type Tile,
  type WallState,
} from './wallSchema';

/**
 * The only way the wall changes. Pure: the same state, action and site give the same result,
 * so main can persist, broadcast and replay it. Never throws on bad input: an action that is
 * malformed or does not apply returns an error and the state it was given, unchanged.
 * The state passed in must be valid (made by this reducer or checked by validateWallState).
 */

export type WallErrorCode =
  | 'invalid_action'
  | 'unknown_screen'
  | 'unknown_cell'
  | 'unknown_camera'
  | 'unknown_tour'
  | 'unknown_layout'
  | 'invalid_import'
  | 'last_screen'
  | 'limit_reached'
  | 'name_taken'
  | 'shared_layout';

export interface WallError {
  code: WallErrorCode;
  message: string;
}

export type WallResult = { ok: true; state: WallState } | { ok: false; error: WallError; state: WallState };

/** Tiles per screen in a new wall: 4 × 4, the most common control-room grid. */
const INITIAL_PRESET = '16';

/** Thrown by handlers and turned into an error result at the reducer's boundary only. */
class Rejection {
  constructor(
    readonly code: WallErrorCode,
    readonly message: string,
  ) {}
}

function reject(code: WallErrorCode, message: string): never {
  throw new Rejection(code, message);
}

export function wallReducer(state: WallState, action: unknown, ctx: WallContext): WallResult {
  const parsed = WallActionSchema.safeParse(action);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_action', message: describeProblems('action', problemsOf(parsed.error)) }, state };
  }
  try {
    const handler = handlers[parsed.data.type] as Handler<WallActionType>;
    return { ok: true, state: handler(state, parsed.data, ctx) };
  } catch (err) {
    if (err instanceof Rejection) return { ok: false, error: { code: err.code, message: err.message }, state };
    throw err;
  }
}

/**
 * A new wall: `screenCount` screens of 4 × 4, filled with `cameraIds` in order (screen 1 gets
 * the first 16, screen 2 the next 16, …; empty once they run out). Pass the cameras in
 * call-up number order so camera 1 lands top-left of screen 1.
 */
export function initialWallState(opts: { screenCount: number; cameraIds: readonly string[] }): WallState {
  const count = Math.min(MAX_SCREENS, Math.max(1, Math.trunc(opts.screenCount) || 1));
  const layout = presetLayout(INITIAL_PRESET);
  const perScreen = layout.cells.length;
  const screens = Array.from({ length: count }, (_, s): Screen => {
    const tiles = layout.cells.map((_, i): Tile => {
      const cameraId = opts.cameraIds[s * perScreen + i];
      return cameraId === undefined ? EMPTY_TILE : { kind: 'camera', cameraId };
    });
    return newScreen(String(s + 1), '', layout, tiles);
  });
  return { version: 1, screens, layouts: [], tours: [] };
}

type Handler<T extends WallActionType> = (state: WallState, action: WallActionOf<T>, ctx: WallContext) => WallState;

const handlers: { [T in WallActionType]: Handler<T> } = {
  'screen.add': (state, action) => {
    if (state.screens.length >= MAX_SCREENS) reject('limit_reached', `a wall has at most ${MAX_SCREENS} screens`);
    const id = lowestFreeScreenId(state);
    const { layout, tiles } = resolveLayout(state, action.layout ?? { kind: 'preset', preset: INITIAL_PRESET });
    const screen = newScreen(id, action.name ?? '', layout, tiles ?? layout.cells.map(() => EMPTY_TILE));
    // Kept in number order so "next screen" follows the numbers on the monitors.
    const screens = [...state.screens, screen].sort((a, b) => Number(a.id) - Number(b.id));
    return { ...state, screens };
  },

  'screen.remove': (state, action) => {
    screenOf(state, action.screenId);
    if (state.screens.length === 1) reject('last_screen', 'the last screen of a wall cannot be removed');
    return { ...state, screens: state.screens.filter((s) => s.id !== action.screenId) };
  },

  'screen.rename': (state, action) => updateScreen(state, action.screenId, (screen) => ({ ...screen, name: action.name })),

  'screen.bind': (state, action) => {
    screenOf(state, action.screenId);
    const { binding } = action;
    return {
      ...state,
      screens: state.screens.map((screen) => {
        if (screen.id === action.screenId) return { ...screen, binding };
        // One display shows one screen: the screen it showed before keeps its place in the
        // wall, unbound, for the supervisor to put elsewhere.
        if (binding.kind === 'display' && screen.binding.kind === 'display' && screen.binding.displayId === binding.displayId) {
          return { ...screen, binding: { kind: 'unbound' } };
        }
        return screen;
      }),
    };
  },

  'screen.setLayout': (state, action) => {
    const resolved = resolveLayout(state, action.layout);
    return updateScreen(state, action.screenId, (screen) => {
      const count = resolved.layout.cells.length;
      const tiles = resolved.tiles ?? Array.from({ length: count }, (_, i) => screen.tiles[i] ?? EMPTY_TILE);
      // Maximizing is about one tile of the old grid; the new grid is shown whole.
      return { ...screen, layout: resolved.layout, tiles, selected: Math.min(screen.selected, count - 1), maximized: null };
    });
  },

  'screen.setLayoutCycle': (state, action) => {
    const { cycle } = action;
    if (cycle !== null) cycle.layoutIds.forEach((id) => savedLayoutOf(state, id));
    return updateScreen(state, action.screenId, (screen) => {
      const { layoutCycle: _dropped, ...rest } = screen;
      return cycle === null ? rest : { ...rest, layoutCycle: cycle };
    });
  },

  'tile.assign': (state, action, ctx) => {
    checkTile(state, action.tile, ctx);
    return setTile(state, action, action.tile);
  },

  'tile.swap': (state, { a, b }) => {
    const tileA = tileAt(state, a);
    const tileB = tileAt(state, b);
    return setTile(setTile(state, a, tileB), b, tileA);
  },

  'tile.clear': (state, action) => setTile(state, { screenId: action.screenId, cell: action.cell ?? screenOf(state, action.screenId).selected }, EMPTY_TILE),

  select: (state, action) => updateScreen(state, action.screenId, (screen) => selectCell(screen, cellOf(screen, action.cell))),

  'selection.move': (state, action) => {
    const screen = screenOf(state, action.screenId);
    const next = neighbourCell(screen.layout, screen.selected, action.direction);
    return next === screen.selected ? state : updateScreen(state, screen.id, (s) => selectCell(s, next));
  },

  'maximize.toggle': (state, action) =>
    updateScreen(state, action.screenId, (screen) => {
      const cell = cellOf(screen, action.cell ?? screen.selected);
      return screen.maximized === cell ? { ...screen, maximized: null } : { ...screen, selected: cell, maximized: cell };
    }),

  'camera.callUp': (state, action, ctx) => {
    const cameraId = ctx.cameraIdByNumber.get(action.number);
    if (cameraId === undefined || !ctx.cameraIds.has(cameraId)) reject('unknown_camera', `there is no camera number ${action.number}`);
    const screen = screenOf(state, action.screenId);
    return setTile(state, { screenId: screen.id, cell: screen.selected }, { kind: 'camera', cameraId });
  },

  'layout.save': (state, action, ctx) => {
    const { source } = action;
    let layout: Layout;
    let tiles: Tile[] | undefined;
    if (source.kind === 'screen') {
      ({ layout, tiles } = screenOf(state, source.screenId));
    } else {
      ({ layout, tiles } = source);
      if (tiles !== undefined) {
        if (tiles.length !== layout.cells.length) reject('invalid_action', `${tiles.length} tiles given for ${layout.cells.length} layout cells`);
        tiles.forEach((tile) => checkTile(state, tile, ctx));
      }
    }
    const existing = state.layouts.find((l) => sameName(l.name, action.name));
    // Saving under a shared layout's name would let an operator overwrite it as a private one.
    if (existing?.shared && !action.shared) reject('shared_layout', `"${existing.name}" is a shared layout; only a shared layout can replace it`);
    const saved: SavedLayout = { id: existing?.id ?? newLayoutId(state), name: action.name, shared: action.shared, layout, ...(tiles && { tiles }) };
    return existing === undefined ? { ...state, layouts: [...state.layouts, saved] } : { ...state, layouts: state.layouts.map((l) => (l === existing ? saved : l)) };
  },

  'layout.delete': (state, action) => {
    savedLayoutOf(state, action.layoutId);
    return {
      ...state,
      layouts: state.layouts.filter((l) => l.id !== action.layoutId),
      screens: state.screens.map((screen) => {
        const { layoutCycle, ...rest } = screen;
        if (layoutCycle === undefined || !layoutCycle.layoutIds.includes(action.layoutId)) return screen;
        const layoutIds = layoutCycle.layoutIds.filter((id) => id !== action.layoutId);
        // A cycle of one layout is no cycle: the screen keeps what it shows.
        return layoutIds.length >= 2 ? { ...rest, layoutCycle: { ...layoutCycle, layoutIds } } : rest;
      }),
    };
  },

  'layout.import': (state, action, ctx) => {
    const parsed = parseLayoutFile(action.text);
    if (!parsed.ok) reject('invalid_import', describeProblems('layout file', parsed.problems));
    const file = parsed.value;
    const problems: InputProblem[] = [];
    file.tiles?.forEach((tile, i) => {
      const problem = tileProblem(state, tile, ctx);
      if (problem !== null) problems.push({ path: `tiles[${i}]`, message: problem.message });
    });
    if (problems.length > 0) reject('invalid_import', describeProblems('layout file', problems));
    const name = action.name ?? file.name;
    if (state.layouts.some((l) => sameName(l.name, name))) reject('name_taken', `a layout named "${name}" already exists; import it under another name`);
    if (state.layouts.length >= MAX_SAVED_LAYOUTS) reject('limit_reached', `a wall keeps at most ${MAX_SAVED_LAYOUTS} layouts`);
    const saved: SavedLayout = { id: newLayoutId(state), name, shared: action.shared, layout: file.layout, ...(file.tiles && { tiles: file.tiles }) };
    return { ...state, layouts: [...state.layouts, saved] };
  },

  'tour.upsert': (state, { tour }, ctx) => {
    const unknown = [...new Set(tour.cameraIds.filter((id) => !ctx.cameraIds.has(id)))];
    if (unknown.length > 0) reject('unknown_camera', `not in this site: ${unknown.slice(0, 5).map((id) => `"${id}"`).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`);
    const id = tour.id ?? nextId('tour', state.tours.map((t) => t.id));
    const saved = { id, name: tour.name, cameraIds: tour.cameraIds, dwellS: tour.dwellS };
    if (state.tours.some((t) => t.id === id)) return { ...state, tours: state.tours.map((t) => (t.id === id ? saved : t)) };
    if (state.tours.length >= MAX_TOURS) reject('limit_reached', `a wall keeps at most ${MAX_TOURS} tours`);
    return { ...state, tours: [...state.tours, saved] };
  },

  'tour.delete': (state, action) => {
    if (!state.tours.some((t) => t.id === action.tourId)) reject('unknown_tour', `there is no tour "${action.tourId}"`);
    // Tiles that ran the tour go empty rather than freeze on whichever camera it was showing.
    const clear = (tile: Tile): Tile => (tile.kind === 'tour' && tile.tourId === action.tourId ? EMPTY_TILE : tile);
    return {
      ...state,
      tours: state.tours.filter((t) => t.id !== action.tourId),
      screens: state.screens.map((screen) => ({ ...screen, tiles: screen.tiles.map(clear) })),
      layouts: state.layouts.map((saved) => (saved.tiles ? { ...saved, tiles: saved.tiles.map(clear) } : saved)),
    };
  },
};

function newScreen(id: string, name: string, layout: Layout, tiles: Tile[]): Screen {
  return { id, name, binding: { kind: 'unbound' }, layout, tiles, selected: 0, maximized: null };
}

/** Removed screens' numbers are reused, so a new monitor takes the gap a supervisor expects. */
function lowestFreeScreenId(state: WallState): string {
  const used = new Set(state.screens.map((s) => s.id));
  let n = 1;
  while (used.has(String(n))) n++;
  return String(n);
}

function nextId(prefix: string, ids: readonly string[]): string {
  const pattern = new RegExp(`^${prefix}-(\\d{1,9})$`);
  const highest = ids.reduce((max, id) => Math.max(max, Number(pattern.exec(id)?.[1] ?? 0)), 0);
  return `${prefix}-${highest + 1}`;
}

const newLayoutId = (state: WallState) => nextId('layout', state.layouts.map((l) => l.id));

/** Layout names are compared as people read them: "Night shift" and "night shift " are one. */
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function screenOf(state: WallState, screenId: string): Screen {
  return state.screens.find((s) => s.id === screenId) ?? reject('unknown_screen', `there is no screen ${screenId}`);
}

function updateScreen(state: WallState, screenId: string, change: (screen: Screen) => Screen): WallState {
  const target = screenOf(state, screenId);
  return { ...state, screens: state.screens.map((s) => (s === target ? change(s) : s)) };
}

function cellOf(screen: Screen, cell: number): number {
  if (cell >= screen.tiles.length) reject('unknown_cell', `screen ${screen.id} has no cell ${cell} (its layout has ${screen.tiles.length})`);
  return cell;
}

/** A maximized screen keeps showing the selected tile, so the selection takes the maximize with it. */
function selectCell(screen: Screen, cell: number): Screen {
  return { ...screen, selected: cell, maximized: screen.maximized === null ? null : cell };
}

function tileAt(state: WallState, ref: TileRef): Tile {
  const screen = screenOf(state, ref.screenId);
  return screen.tiles[cellOf(screen, ref.cell)] ?? EMPTY_TILE;
}

function setTile(state: WallState, ref: TileRef, tile: Tile): WallState {
  return updateScreen(state, ref.screenId, (screen) => {
    const cell = cellOf(screen, ref.cell);
    return { ...screen, tiles: screen.tiles.map((t, i) => (i === cell ? tile : t)) };
  });
}

function savedLayoutOf(state: WallState, layoutId: string): SavedLayout {
  return state.layouts.find((l) => l.id === layoutId) ?? reject('unknown_layout', `there is no saved layout "${layoutId}"`);
}

function resolveLayout(state: WallState, ref: LayoutRef): { layout: Layout; tiles?: Tile[] } {
  switch (ref.kind) {
    case 'preset':
      return { layout: presetLayout(ref.preset) };
    case 'explicit':
      return { layout: ref.layout };
    case 'saved': {
      const saved = savedLayoutOf(state, ref.layoutId);
      return saved.tiles === undefined ? { layout: saved.layout } : { layout: saved.layout, tiles: saved.tiles };
    }
  }
}

function tileProblem(state: WallState, tile: Tile, ctx: WallContext): WallError | null {
  if (tile.kind === 'camera' && !ctx.cameraIds.has(tile.cameraId)) return { code: 'unknown_camera', message: `camera "${tile.cameraId}" is not in this site` };
  if (tile.kind === 'tour' && !state.tours.some((t) => t.id === tile.tourId)) return { code: 'unknown_tour', message: `there is no tour "${tile.tourId}"` };
  return null;
}

function checkTile(state: WallState, tile: Tile, ctx: WallContext): void {
  const problem = tileProblem(state, tile, ctx);
  if (problem !== null) reject(problem.code, problem.message);
}
