import { LAYOUT_PRESET_IDS, presetLayout, type LayoutPresetId } from '../wall/layoutMath';
import type { WallAction } from '../wall/wallActions';
import type { Layout, Screen } from '../wall/wallSchema';

/**
 * What the map asks of the wall, as plain wall actions (main validates and applies them like any
 * other): put one camera on a screen, or fill a screen with every camera that sees a point.
 */

/** A screen holds at most 64 tiles (the largest preset). */
export const MAX_SEND = 64;

const presetCells = new Map<LayoutPresetId, number>(LAYOUT_PRESET_IDS.map((id) => [id, presetLayout(id).cells.length]));

/**
 * The smallest preset with at least `count` tiles. The presets with one large tile (1+5, 1+7, 2+8,
 * 1+12) sit between the plain grids, so 5–6 cameras get 1+5 with the nearest camera large, which
 * is what an operator following an incident wants, rather than a 3×3 with three empty tiles.
 */
export function layoutForCount(count: number): LayoutPresetId {
  const wanted = Math.min(MAX_SEND, Math.max(1, Math.floor(count)));
  let best: LayoutPresetId = '64';
  for (const [id, cells] of presetCells) {
    if (cells >= wanted && cells < (presetCells.get(best) ?? Infinity)) best = id;
  }
  return best;
}

/** Cell indices from the largest cell to the smallest; equal sizes in reading order. */
export function cellsBySize(layout: Layout): number[] {
  return layout.cells
    .map((cell, index) => ({ index, area: cell.rowSpan * cell.colSpan }))
    .sort((a, b) => b.area - a.area || a.index - b.index)
    .map((c) => c.index);
}

export interface SendPlan {
  preset: LayoutPresetId;
  actions: WallAction[];
  /** Cameras placed (the first MAX_SEND of those given). */
  placed: string[];
  /** Cell of each placed camera, in the same order. */
  cells: number[];
}

/**
 * Shows `cameraIds` (nearest first) on the screen: the layout that fits them, the nearest camera
 * in the largest tile, every other tile emptied so the screen shows only the incident, and the
 * nearest camera's tile selected.
 */
export function planSendAll(screen: Screen, cameraIds: readonly string[]): SendPlan {
  const placed = [...new Set(cameraIds)].slice(0, MAX_SEND);
  const preset = layoutForCount(placed.length);
  const layout = presetLayout(preset);
  const order = cellsBySize(layout);
  const cells = placed.map((_, i) => order[i] as number);
  const actions: WallAction[] = [{ type: 'screen.setLayout', screenId: screen.id, layout: { kind: 'preset', preset } }];
  placed.forEach((cameraId, i) => actions.push({ type: 'tile.assign', screenId: screen.id, cell: cells[i] as number, tile: { kind: 'camera', cameraId } }));
  // screen.setLayout keeps the screen's old tiles in the first cells; clear those not reused.
  const used = new Set(cells);
  layout.cells.forEach((_, cell) => {
    const kept = screen.tiles[cell];
    if (!used.has(cell) && kept !== undefined && kept.kind !== 'empty') actions.push({ type: 'tile.clear', screenId: screen.id, cell });
  });
  if (cells.length > 0) actions.push({ type: 'select', screenId: screen.id, cell: cells[0] as number });
  return { preset, actions, placed, cells };
}

/** The first empty tile from `from` on (itself first, wrapping round), or null when the screen is full. */
export function nextFreeCell(screen: Screen, from = screen.selected): number | null {
  const count = screen.tiles.length;
  for (let step = 0; step < count; step++) {
    const cell = (from + step) % count;
    if (screen.tiles[cell]?.kind === 'empty') return cell;
  }
  return null;
}

export type AssignMode = 'selected' | 'nextFree';

/**
 * A marker was clicked. 'selected': the camera goes into the selected tile (the CCTV keyboard's
 * call-up, done with the mouse). 'nextFree' (Shift+click): into the next empty tile, which becomes
 * selected, so clicking markers one after another fills a screen; with no empty tile it falls
 * back to the selected one rather than overwrite a tile the operator did not point at.
 */
export function planAssign(screen: Screen, cameraId: string, mode: AssignMode): WallAction[] {
  const free = mode === 'nextFree' ? nextFreeCell(screen) : null;
  const cell = free ?? screen.selected;
  const actions: WallAction[] = [{ type: 'tile.assign', screenId: screen.id, cell, tile: { kind: 'camera', cameraId } }];
  if (cell !== screen.selected) actions.push({ type: 'select', screenId: screen.id, cell });
  return actions;
}
