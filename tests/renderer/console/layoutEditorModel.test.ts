import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridLayout, layoutProblems, MAX_GRID, mergeCells, presetLayout } from '../../../common/wall/layoutMath';
import type { Layout } from '../../../common/wall/wallSchema';
import { cellsWithin, growToCells, rectBetween, resizeGrid, splitWithin } from '../../../renderer/src/console/layoutEditorModel';

const point = fc.record({ row: fc.integer({ min: 0, max: MAX_GRID - 1 }), col: fc.integer({ min: 0, max: MAX_GRID - 1 }) });

/** A layout built the way the editor builds them: merges of random rectangles on a grid. */
const drawnLayout = fc
  .record({ rows: fc.integer({ min: 1, max: MAX_GRID }), cols: fc.integer({ min: 1, max: MAX_GRID }), drags: fc.array(fc.tuple(point, point), { maxLength: 6 }) })
  .map(({ rows, cols, drags }) => {
    let layout: Layout = gridLayout(rows, cols);
    for (const [a, b] of drags) {
      const clamp = (p: { row: number; col: number }) => ({ row: Math.min(p.row, rows - 1), col: Math.min(p.col, cols - 1) });
      const rect = growToCells(layout, rectBetween(clamp(a), clamp(b)));
      if (cellsWithin(layout, rect).length >= 2) {
        const merged = mergeCells(layout, rect);
        if (!merged.ok) throw new Error(merged.message);
        layout = merged.layout;
      }
    }
    return layout;
  });

describe('the layout editor', () => {
  it('normalises a drag in any direction', () => {
    expect(rectBetween({ row: 2, col: 3 }, { row: 0, col: 1 })).toEqual({ row: 0, col: 1, rowSpan: 3, colSpan: 3 });
  });

  it('grows a selection to whole cells so merging never has to refuse', () => {
    const layout = presetLayout('1+5'); // 2×2 top-left
    expect(growToCells(layout, { row: 1, col: 1, rowSpan: 2, colSpan: 1 })).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 2 });
    fc.assert(
      fc.property(drawnLayout, point, point, (layout, a, b) => {
        const clamp = (p: { row: number; col: number }) => ({ row: Math.min(p.row, layout.rows - 1), col: Math.min(p.col, layout.cols - 1) });
        const rect = growToCells(layout, rectBetween(clamp(a), clamp(b)));
        const inside = cellsWithin(layout, rect);
        const merged = mergeCells(layout, rect);
        if (inside.length >= 2) expect(merged.ok).toBe(true);
        if (merged.ok) expect(layoutProblems(merged.layout)).toEqual([]);
      }),
    );
  });

  it('splits every merged cell in the selection, and nothing else', () => {
    const twoPlusEight = presetLayout('2+8');
    const split = splitWithin(twoPlusEight, { row: 0, col: 0, rowSpan: 2, colSpan: 2 });
    expect(split.ok && split.layout.cells.length).toBe(4 + 8 + 1);
    const all = splitWithin(twoPlusEight, { row: 0, col: 0, rowSpan: 4, colSpan: 4 });
    expect(all.ok && all.layout.cells.length).toBe(16);
    expect(splitWithin(gridLayout(3, 3), { row: 0, col: 0, rowSpan: 3, colSpan: 3 }).ok).toBe(false);
  });

  it('resizes the grid keeping the merged cells that still fit, always a valid layout', () => {
    const resized = resizeGrid(presetLayout('1+7'), 5, 5);
    expect(resized.cells[0]).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 3 });
    expect(resized.cells).toHaveLength(25 - 9 + 1);
    expect(resizeGrid(presetLayout('1+7'), 2, 2).cells).toHaveLength(4);
    expect(resizeGrid(gridLayout(2, 2), 99, 0)).toMatchObject({ rows: MAX_GRID, cols: 1 });
    fc.assert(
      fc.property(drawnLayout, fc.integer({ min: 1, max: MAX_GRID }), fc.integer({ min: 1, max: MAX_GRID }), (layout, rows, cols) => {
        expect(layoutProblems(resizeGrid(layout, rows, cols))).toEqual([]);
      }),
    );
  });
});
