import type { InputProblem } from '../validation';
import type { Cell, Layout } from './wallSchema';

/**
 * Grid layouts: presets, the editor's merge and split, and the geometry the keyboard needs.
 * A layout is `rows × cols` grid positions covered exactly, without overlap, by `cells`, each
 * a rectangle; cells are listed row-major by their top-left corner, which is the order tiles
 * follow and the order "next tile" means to an operator.
 */

/** 8 × 8 = 64 tiles, the largest preset; beyond it tiles are too small to identify a face. */
export const MAX_GRID = 8;

export type GridRect = Cell;
export type Direction = 'up' | 'down' | 'left' | 'right';
export type LayoutEdit = { ok: true; layout: Layout } | { ok: false; message: string };

export const LAYOUT_PRESET_IDS = ['1', '4', '9', '16', '25', '36', '49', '64', '1+5', '1+7', '2+8', '1+12'] as const;
export type LayoutPresetId = (typeof LAYOUT_PRESET_IDS)[number];

const rowMajor = (a: Cell, b: Cell) => a.row - b.row || a.col - b.col;

const contains = (outer: GridRect, row: number, col: number) =>
  row >= outer.row && row < outer.row + outer.rowSpan && col >= outer.col && col < outer.col + outer.colSpan;

/** `rows × cols` with the given spanned rectangles (assumed disjoint) and 1 × 1 cells elsewhere. */
function spannedGrid(rows: number, cols: number, spans: readonly GridRect[]): Layout {
  const cells: Cell[] = spans.map((s) => ({ ...s }));
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      if (!spans.some((s) => contains(s, row, col))) cells.push({ row, col, rowSpan: 1, colSpan: 1 });
    }
  }
  return { rows, cols, cells: cells.sort(rowMajor) };
}

/** A plain grid of 1 × 1 cells, the editor's starting point. */
export function gridLayout(rows: number, cols: number): Layout {
  return spannedGrid(rows, cols, []);
}

const PRESET_SPANS: Record<LayoutPresetId, [rows: number, cols: number, spans: GridRect[]]> = {
  '1': [1, 1, []],
  '4': [2, 2, []],
  '9': [3, 3, []],
  '16': [4, 4, []],
  '25': [5, 5, []],
  '36': [6, 6, []],
  '49': [7, 7, []],
  '64': [8, 8, []],
  '1+5': [3, 3, [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }]],
  '1+7': [4, 4, [{ row: 0, col: 0, rowSpan: 3, colSpan: 3 }]],
  '2+8': [4, 4, [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 0, col: 2, rowSpan: 2, colSpan: 2 }]],
  '1+12': [4, 4, [{ row: 1, col: 1, rowSpan: 2, colSpan: 2 }]],
};

/** A preset, named by its id so the UI can show which preset a screen is on. */
export function presetLayout(id: LayoutPresetId): Layout {
  const [rows, cols, spans] = PRESET_SPANS[id];
  return { name: id, ...spannedGrid(rows, cols, spans) };
}

/** Everything wrong with a layout's cells, located as `cells[i]`; empty when it tiles its grid. */
export function layoutProblems(layout: Layout): InputProblem[] {
  const { rows, cols, cells } = layout;
  const problems: InputProblem[] = [];
  const owner = new Array<number>(rows * cols).fill(-1);
  const reported = new Set<string>();
  cells.forEach((cell, i) => {
    const previous = cells[i - 1];
    if (previous !== undefined && rowMajor(previous, cell) >= 0) {
      problems.push({ path: `cells[${i}]`, message: 'cells must be listed row by row, left to right, by their top-left corner' });
    }
    if (cell.row + cell.rowSpan > rows || cell.col + cell.colSpan > cols) {
      problems.push({ path: `cells[${i}]`, message: `reaches outside the ${rows}×${cols} grid` });
      return;
    }
    for (let row = cell.row; row < cell.row + cell.rowSpan; row++) {
      for (let col = cell.col; col < cell.col + cell.colSpan; col++) {
        const other = owner[row * cols + col] ?? -1;
        if (other === -1) owner[row * cols + col] = i;
        else if (!reported.has(`${other}/${i}`)) {
          reported.add(`${other}/${i}`);
          problems.push({ path: `cells[${i}]`, message: `overlaps cells[${other}] at row ${row}, col ${col}` });
        }
      }
    }
  });
  const uncovered = owner.flatMap((o, at) => (o === -1 ? [`row ${Math.floor(at / cols)} col ${at % cols}`] : []));
  if (uncovered.length > 0) {
    // A wholly wrong file would otherwise list up to 64 positions.
    const shown = uncovered.slice(0, 4).join(', ') + (uncovered.length > 4 ? ` and ${uncovered.length - 4} more` : '');
    problems.push({ path: 'cells', message: `grid positions not covered by any cell: ${shown}` });
  }
  return problems;
}

/**
 * Merges every cell inside `rect` into one. Refused when the rectangle would cut through a
 * spanned cell, since the result could not be a grid of rectangles without moving that cell.
 * The result is no longer a preset, so it loses the name.
 */
export function mergeCells(layout: Layout, rect: GridRect): LayoutEdit {
  const { row, col, rowSpan, colSpan } = rect;
  if (![row, col, rowSpan, colSpan].every(Number.isInteger) || row < 0 || col < 0 || rowSpan < 1 || colSpan < 1 || row + rowSpan > layout.rows || col + colSpan > layout.cols) {
    return { ok: false, message: `the selection does not fit in the ${layout.rows}×${layout.cols} grid` };
  }
  const outside: Cell[] = [];
  let inside = 0;
  for (const cell of layout.cells) {
    const within = contains(rect, cell.row, cell.col) && contains(rect, cell.row + cell.rowSpan - 1, cell.col + cell.colSpan - 1);
    const disjoint =
      cell.row >= row + rowSpan || cell.row + cell.rowSpan <= row || cell.col >= col + colSpan || cell.col + cell.colSpan <= col;
    if (within) inside++;
    else if (disjoint) outside.push(cell);
    else return { ok: false, message: `the selection cuts through the cell at row ${cell.row}, col ${cell.col}; include all of it or none` };
  }
  if (inside < 2) return { ok: false, message: 'select at least two cells to merge' };
  return { ok: true, layout: { rows: layout.rows, cols: layout.cols, cells: [...outside, { row, col, rowSpan, colSpan }].sort(rowMajor) } };
}

/** Splits a spanned cell back into 1 × 1 cells. */
export function splitCell(layout: Layout, cellIndex: number): LayoutEdit {
  const cell = layout.cells[cellIndex];
  if (cell === undefined) return { ok: false, message: `there is no cell ${cellIndex}` };
  if (cell.rowSpan === 1 && cell.colSpan === 1) return { ok: false, message: 'the cell is already a single cell' };
  const others = layout.cells.filter((_, i) => i !== cellIndex);
  const { cells } = spannedGrid(layout.rows, layout.cols, others);
  return { ok: true, layout: { rows: layout.rows, cols: layout.cols, cells } };
}

/** Index of the cell covering a grid position, or -1. */
export function cellIndexAt(layout: Layout, row: number, col: number): number {
  return layout.cells.findIndex((cell) => contains(cell, row, col));
}

/**
 * The cell an arrow key moves to: the one just past the current cell's edge, level with its
 * top-left corner, so moving across a spanned cell and back lands where a person expects.
 * At the grid's edge the selection stays put rather than wrapping, as on CCTV keyboards.
 */
export function neighbourCell(layout: Layout, cellIndex: number, direction: Direction): number {
  const cell = layout.cells[cellIndex];
  if (cell === undefined) return cellIndex;
  const [row, col] =
    direction === 'up' ? [cell.row - 1, cell.col]
    : direction === 'down' ? [cell.row + cell.rowSpan, cell.col]
    : direction === 'left' ? [cell.row, cell.col - 1]
    : [cell.row, cell.col + cell.colSpan];
  const next = cellIndexAt(layout, row, col);
  return next === -1 ? cellIndex : next;
}
