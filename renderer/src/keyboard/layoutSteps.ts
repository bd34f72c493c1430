import { LAYOUT_PRESET_IDS, presetLayout, type LayoutPresetId } from '../../../common/wall/layoutMath';
import type { Layout, SavedLayout, Screen, Tile } from '../../../common/wall/wallSchema';

/**
 * Stepping a screen through layouts from the keyboard. Presets are ordered by how many tiles they
 * show (1, 4, 1+5, 1+7, 9, 2+8, 1+12, 16, 25, 36, 49, 64), so "next" always means "more tiles",
 * and each count names exactly one preset: typing 13 then "next layout" gives 1+12.
 * Saved layouts (views) are stepped in name order, wrapping round.
 */

export const PRESETS_BY_TILES: readonly LayoutPresetId[] = [...LAYOUT_PRESET_IDS].sort((a, b) => presetLayout(a).cells.length - presetLayout(b).cells.length);

export const presetTileCount = (id: LayoutPresetId): number => presetLayout(id).cells.length;

/** The preset showing exactly `tiles` tiles, if any. */
export function presetWithTiles(tiles: number): LayoutPresetId | null {
  return PRESETS_BY_TILES.find((id) => presetTileCount(id) === tiles) ?? null;
}

/** Same grid and cells; the name does not matter. */
export function sameLayout(a: Layout, b: Layout): boolean {
  return (
    a.rows === b.rows &&
    a.cols === b.cols &&
    a.cells.length === b.cells.length &&
    a.cells.every((c, i) => {
      const d = b.cells[i];
      return d !== undefined && c.row === d.row && c.col === d.col && c.rowSpan === d.rowSpan && c.colSpan === d.colSpan;
    })
  );
}

const sameTile = (a: Tile | undefined, b: Tile | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.kind === b.kind &&
  (a.kind !== 'camera' || (b.kind === 'camera' && a.cameraId === b.cameraId)) &&
  (a.kind !== 'tour' || (b.kind === 'tour' && a.tourId === b.tourId));

/** The preset a screen shows, if its grid is one. */
export function currentPreset(layout: Layout): LayoutPresetId | null {
  const named = PRESETS_BY_TILES.find((id) => id === layout.name);
  if (named !== undefined && sameLayout(layout, presetLayout(named))) return named;
  return PRESETS_BY_TILES.find((id) => sameLayout(layout, presetLayout(id))) ?? null;
}

/**
 * The preset one step up (`+1`) or down (`-1`) from what the screen shows; null at either end.
 * From a drawn layout, the step goes to the nearest preset with more (or fewer) tiles.
 */
export function stepPreset(layout: Layout, step: 1 | -1): LayoutPresetId | null {
  const current = currentPreset(layout);
  if (current !== null) return PRESETS_BY_TILES[PRESETS_BY_TILES.indexOf(current) + step] ?? null;
  const count = layout.cells.length;
  const candidates = step === 1 ? PRESETS_BY_TILES.filter((id) => presetTileCount(id) > count) : PRESETS_BY_TILES.filter((id) => presetTileCount(id) < count);
  return (step === 1 ? candidates[0] : candidates[candidates.length - 1]) ?? null;
}

/** Saved layouts in the order the keyboard steps through them. */
export function savedLayoutsInOrder(layouts: readonly SavedLayout[]): SavedLayout[] {
  return [...layouts].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) || a.id.localeCompare(b.id));
}

/** Whether a screen shows exactly a saved layout (its grid, and its cameras if it has them). */
export function showsSavedLayout(screen: Screen, saved: SavedLayout): boolean {
  if (!sameLayout(screen.layout, saved.layout)) return false;
  return saved.tiles === undefined || saved.tiles.every((tile, i) => sameTile(tile, screen.tiles[i]));
}

/**
 * The saved layout one step from the one the screen shows, wrapping; from a screen showing none
 * of them, `+1` gives the first and `-1` the last. Null when there are no saved layouts.
 */
export function stepSavedLayout(screen: Screen, layouts: readonly SavedLayout[], step: 1 | -1): SavedLayout | null {
  const ordered = savedLayoutsInOrder(layouts);
  if (ordered.length === 0) return null;
  // Views with cameras are checked first: a grid template matches any screen with that grid.
  const current = ordered.findIndex((l) => l.tiles !== undefined && showsSavedLayout(screen, l));
  const index = current !== -1 ? current : ordered.findIndex((l) => showsSavedLayout(screen, l));
  if (index === -1) return (step === 1 ? ordered[0] : ordered[ordered.length - 1]) ?? null;
  return ordered[(index + step + ordered.length) % ordered.length] ?? null;
}
