import { wallContextOf, type WallContext } from '../../../../common/wall/wallContext';
import { wallReducer } from '../../../../common/wall/wallReducer';
import type { Layout, WallState } from '../../../../common/wall/wallSchema';

/** A site of `count` cameras: id `cam-N`, call-up number N. */
export function siteContext(count: number): WallContext {
  return wallContextOf(Array.from({ length: count }, (_, i) => ({ id: `cam-${i + 1}`, number: i + 1 })));
}

/** Dispatches an action that must succeed, failing the test with the reducer's message if not. */
export function apply(state: WallState, action: unknown, ctx: WallContext): WallState {
  const result = wallReducer(state, action, ctx);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.state;
}

/** Freezes an object graph so a reducer that mutates its input fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Layout coverage checked by brute force, independently of layoutMath's own checks: every grid
 * position is covered by exactly one cell, no cell leaves the grid, cells are row-major.
 */
export function layoutViolations(layout: Layout): string[] {
  const out: string[] = [];
  const hits = new Array<number>(layout.rows * layout.cols).fill(0);
  layout.cells.forEach((c, i) => {
    if (c.row < 0 || c.col < 0 || c.rowSpan < 1 || c.colSpan < 1 || c.row + c.rowSpan > layout.rows || c.col + c.colSpan > layout.cols) {
      out.push(`cell ${i} outside its ${layout.rows}x${layout.cols} grid`);
      return;
    }
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) hits[r * layout.cols + k]! += 1;
    const prev = layout.cells[i - 1];
    if (prev && (prev.row > c.row || (prev.row === c.row && prev.col >= c.col))) out.push(`cell ${i} out of row-major order`);
  });
  hits.forEach((h, at) => {
    if (h !== 1) out.push(`grid position ${at} covered ${h} times`);
  });
  return out;
}

/** The wall invariants the issue names, checked without the model's own validation code. */
export function wallViolations(state: WallState, ctx: WallContext): string[] {
  const out: string[] = [];
  const tourIds = new Set(state.tours.map((t) => t.id));
  const layoutIds = new Set(state.layouts.map((l) => l.id));
  const tilesOk = (where: string, tiles: WallState['screens'][number]['tiles'], cellCount: number) => {
    if (tiles.length !== cellCount) out.push(`${where}: ${tiles.length} tiles for ${cellCount} cells`);
    tiles.forEach((t, i) => {
      if (t.kind === 'camera' && !ctx.cameraIds.has(t.cameraId)) out.push(`${where} tile ${i}: dangling camera ${t.cameraId}`);
      if (t.kind === 'tour' && !tourIds.has(t.tourId)) out.push(`${where} tile ${i}: dangling tour ${t.tourId}`);
    });
  };
  if (state.screens.length === 0) out.push('no screens');
  if (new Set(state.screens.map((s) => s.id)).size !== state.screens.length) out.push('duplicate screen ids');
  const displays = state.screens.flatMap((s) => (s.binding.kind === 'display' ? [s.binding.displayId] : []));
  if (new Set(displays).size !== displays.length) out.push('a display bound to two screens');
  for (const s of state.screens) {
    out.push(...layoutViolations(s.layout).map((v) => `screen ${s.id}: ${v}`));
    tilesOk(`screen ${s.id}`, s.tiles, s.layout.cells.length);
    if (!Number.isInteger(s.selected) || s.selected < 0 || s.selected >= s.layout.cells.length) out.push(`screen ${s.id}: selection ${s.selected} out of range`);
    if (s.maximized !== null && (s.maximized < 0 || s.maximized >= s.layout.cells.length)) out.push(`screen ${s.id}: maximized ${s.maximized} out of range`);
    if (s.maximized !== null && s.maximized !== s.selected) out.push(`screen ${s.id}: maximized tile is not the selected one`);
    for (const id of s.layoutCycle?.layoutIds ?? []) if (!layoutIds.has(id)) out.push(`screen ${s.id}: cycle names missing layout ${id}`);
  }
  for (const l of state.layouts) {
    out.push(...layoutViolations(l.layout).map((v) => `layout ${l.id}: ${v}`));
    if (l.tiles) tilesOk(`layout ${l.id}`, l.tiles, l.layout.cells.length);
  }
  for (const t of state.tours) {
    if (t.cameraIds.length === 0) out.push(`tour ${t.id} has no cameras`);
    if (t.dwellS < 3) out.push(`tour ${t.id} dwell below 3 s`);
    for (const id of t.cameraIds) if (!ctx.cameraIds.has(id)) out.push(`tour ${t.id}: dangling camera ${id}`);
  }
  return out;
}

/** Every path to a value inside a JSON-like tree, root first. */
function pathsOf(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  const out: PropertyKey[][] = [prefix];
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) out.push(...pathsOf(child, [...prefix, Array.isArray(value) ? Number(key) : key]));
  }
  return out;
}

/** A copy of `value` with the `pick`-th value inside it (any depth, modulo their count) replaced by `junk`. */
export function replacedSomewhere(value: unknown, pick: number, junk: unknown): unknown {
  const paths = pathsOf(value);
  const path = paths[pick % paths.length]!;
  const replace = (node: unknown, depth: number): unknown => {
    if (depth === path.length) return junk;
    const key = path[depth]!;
    if (Array.isArray(node)) return node.map((child, i) => (i === key ? replace(child, depth + 1) : child));
    const record = node as Record<PropertyKey, unknown>;
    return { ...record, [key]: replace(record[key], depth + 1) };
  };
  return replace(value, 0);
}
