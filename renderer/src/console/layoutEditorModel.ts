import { gridLayout, mergeCells, MAX_GRID, splitCell, type GridRect } from '../../../common/wall/layoutMath';
import type { Layout } from '../../../common/wall/wallSchema';

/**
 * The layout editor's geometry, on top of common/wall/layoutMath: the rectangle a mouse drag
 * selects, grown so it never cuts a merged cell in two (then merging never has to refuse), and
 * changing the grid size while keeping the merged cells that still fit.
 */

export interface GridPoint {
  row: number;
  col: number;
}

export function rectBetween(a: GridPoint, b: GridPoint): GridRect {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rowSpan: Math.abs(a.row - b.row) + 1, colSpan: Math.abs(a.col - b.col) + 1 };
}

const overlaps = (a: GridRect, b: GridRect) => a.row < b.row + b.rowSpan && b.row < a.row + a.rowSpan && a.col < b.col + b.colSpan && b.col < a.col + a.colSpan;

/** The smallest rectangle containing `rect` and every cell it touches. */
export function growToCells(layout: Layout, rect: GridRect): GridRect {
  let current = rect;
  for (;;) {
    let top = current.row;
    let left = current.col;
    let bottom = current.row + current.rowSpan;
    let right = current.col + current.colSpan;
    for (const cell of layout.cells) {
      if (!overlaps(cell, current)) continue;
      top = Math.min(top, cell.row);
      left = Math.min(left, cell.col);
      bottom = Math.max(bottom, cell.row + cell.rowSpan);
      right = Math.max(right, cell.col + cell.colSpan);
    }
    const next = { row: top, col: left, rowSpan: bottom - top, colSpan: right - left };
    if (next.row === current.row && next.col === current.col && next.rowSpan === current.rowSpan && next.colSpan === current.colSpan) return current;
    current = next;
  }
}

/** Indices of the cells lying within `rect`. */
export function cellsWithin(layout: Layout, rect: GridRect): number[] {
  return layout.cells.flatMap((cell, i) =>
    cell.row >= rect.row && cell.col >= rect.col && cell.row + cell.rowSpan <= rect.row + rect.rowSpan && cell.col + cell.colSpan <= rect.col + rect.colSpan ? [i] : [],
  );
}

/** Splits every merged cell within `rect`; unchanged (ok: false) when there is none. */
export function splitWithin(layout: Layout, rect: GridRect): { ok: true; layout: Layout } | { ok: false } {
  let current = layout;
  let changed = false;
  for (;;) {
    const index = cellsWithin(current, rect).find((i) => {
      const cell = current.cells[i]!;
      return cell.rowSpan > 1 || cell.colSpan > 1;
    });
    if (index === undefined) return changed ? { ok: true, layout: current } : { ok: false };
    const split = splitCell(current, index);
    if (!split.ok) return changed ? { ok: true, layout: current } : { ok: false };
    current = split.layout;
    changed = true;
  }
}

/** A `rows × cols` grid keeping the merged cells of `layout` that fit inside it. */
export function resizeGrid(layout: Layout, rows: number, cols: number): Layout {
  const r = Math.max(1, Math.min(MAX_GRID, Math.trunc(rows)));
  const c = Math.max(1, Math.min(MAX_GRID, Math.trunc(cols)));
  let result = gridLayout(r, c);
  for (const cell of layout.cells) {
    if (cell.rowSpan === 1 && cell.colSpan === 1) continue;
    if (cell.row + cell.rowSpan > r || cell.col + cell.colSpan > c) continue;
    const merged = mergeCells(result, cell);
    if (merged.ok) result = merged.layout;
  }
  return result;
}
