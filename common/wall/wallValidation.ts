import { problemsOf, type InputProblem } from '../validation';
import type { WallContext } from './wallContext';
import { EMPTY_TILE, WallStateSchema, type Tile, type WallState } from './wallSchema';

/**
 * Checking a wall that did not come from the reducer — the persisted one at start-up — against
 * the current site. Sites change between runs (a camera is decommissioned, the file is
 * replaced), and the operator must still get the rest of their wall back, so a camera that is
 * gone is repaired away rather than losing the whole wall.
 */

export type WallValidation = { ok: true; state: WallState } | { ok: false; problems: InputProblem[] };
export type WallRestore = { ok: true; state: WallState; repaired: InputProblem[] } | { ok: false; problems: InputProblem[] };

/** Cameras a valid-shaped wall names that the site does not have. */
export function danglingCameraProblems(state: WallState, ctx: WallContext): InputProblem[] {
  const problems: InputProblem[] = [];
  const checkTiles = (tiles: readonly Tile[], path: string) =>
    tiles.forEach((tile, i) => {
      if (tile.kind === 'camera' && !ctx.cameraIds.has(tile.cameraId)) problems.push({ path: `${path}.tiles[${i}].cameraId`, message: `camera "${tile.cameraId}" is not in the site` });
    });
  state.screens.forEach((screen, s) => checkTiles(screen.tiles, `screens[${s}]`));
  state.layouts.forEach((saved, l) => saved.tiles && checkTiles(saved.tiles, `layouts[${l}]`));
  state.tours.forEach((tour, t) =>
    tour.cameraIds.forEach((id, c) => {
      if (!ctx.cameraIds.has(id)) problems.push({ path: `tours[${t}].cameraIds[${c}]`, message: `camera "${id}" is not in the site` });
    }),
  );
  return problems;
}

/** Every problem with a wall: shape, layouts, selections, references, and cameras against the site. */
export function validateWallState(raw: unknown, ctx: WallContext): WallValidation {
  const parsed = WallStateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  const problems = danglingCameraProblems(parsed.data, ctx);
  return problems.length === 0 ? { ok: true, state: parsed.data } : { ok: false, problems };
}

/**
 * Empties tiles showing cameras the site no longer has and drops those cameras from tours;
 * a tour left with no camera is deleted and its tiles emptied. Each change is reported.
 */
export function reconcileWallState(state: WallState, ctx: WallContext): { state: WallState; repaired: InputProblem[] } {
  const repaired: InputProblem[] = [];
  const tours = state.tours.flatMap((tour, t) => {
    const cameraIds = tour.cameraIds.filter((id) => ctx.cameraIds.has(id));
    if (cameraIds.length === tour.cameraIds.length) return [tour];
    const gone = tour.cameraIds.filter((id) => !ctx.cameraIds.has(id));
    if (cameraIds.length === 0) {
      repaired.push({ path: `tours[${t}]`, message: `tour "${tour.name}" deleted: none of its cameras is in the site` });
      return [];
    }
    repaired.push({ path: `tours[${t}].cameraIds`, message: `removed cameras no longer in the site: ${gone.join(', ')}` });
    return [{ ...tour, cameraIds }];
  });
  const tourIds = new Set(tours.map((t) => t.id));
  const repairTiles = (tiles: Tile[], path: string) =>
    tiles.map((tile, i) => {
      if (tile.kind === 'camera' && !ctx.cameraIds.has(tile.cameraId)) {
        repaired.push({ path: `${path}.tiles[${i}]`, message: `emptied: camera "${tile.cameraId}" is no longer in the site` });
        return EMPTY_TILE;
      }
      if (tile.kind === 'tour' && !tourIds.has(tile.tourId)) {
        repaired.push({ path: `${path}.tiles[${i}]`, message: `emptied: tour "${tile.tourId}" was deleted` });
        return EMPTY_TILE;
      }
      return tile;
    });
  const screens = state.screens.map((screen, s) => ({ ...screen, tiles: repairTiles(screen.tiles, `screens[${s}]`) }));
  const layouts = state.layouts.map((saved, l) => (saved.tiles ? { ...saved, tiles: repairTiles(saved.tiles, `layouts[${l}]`) } : saved));
  return repaired.length === 0 ? { state, repaired } : { state: { ...state, tours, screens, layouts }, repaired };
}

/**
 * Start-up: the persisted wall, repaired against the current site. Fails only when the data
 * itself is broken; the caller then starts from `initialWallState` and tells the operator why.
 */
export function restoreWallState(raw: unknown, ctx: WallContext): WallRestore {
  const parsed = WallStateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  return { ok: true, ...reconcileWallState(parsed.data, ctx) };
}
