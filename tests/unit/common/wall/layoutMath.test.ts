import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellIndexAt,
  gridLayout,
  LAYOUT_PRESET_IDS,
  layoutProblems,
  mergeCells,
  neighbourCell,
  presetLayout,
  splitCell,
  type GridRect,
  type LayoutEdit,
} from '../../../../common/wall/layoutMath';
import { LayoutSchema, type Layout } from '../../../../common/wall/wallSchema';
import { layoutViolations } from './wallFixtures';

const cell = (row: number, col: number, rowSpan = 1, colSpan = 1) => ({ row, col, rowSpan, colSpan });

function edited(edit: LayoutEdit): Layout {
  if (!edit.ok) throw new Error(edit.message);
  return edit.layout;
}

describe('presets', () => {
  it.each(LAYOUT_PRESET_IDS)('preset %s covers its grid exactly', (id) => {
    const layout = presetLayout(id);
    expect(layoutViolations(layout)).toEqual([]);
    expect(layoutProblems(layout)).toEqual([]);
    expect(LayoutSchema.safeParse(layout).success).toBe(true);
    expect(layout.name).toBe(id);
  });

  it('square presets have N 1×1 cells', () => {
    for (const n of [1, 4, 9, 16, 25, 36, 49, 64]) {
      const layout = presetLayout(String(n) as (typeof LAYOUT_PRESET_IDS)[number]);
      expect(layout.rows * layout.cols).toBe(n);
      expect(layout.cells).toHaveLength(n);
      expect(layout.cells.every((c) => c.rowSpan === 1 && c.colSpan === 1)).toBe(true);
    }
  });

  it('spanned presets have the big cells where control rooms expect them', () => {
    expect(presetLayout('1+5').cells).toEqual([cell(0, 0, 2, 2), cell(0, 2), cell(1, 2), cell(2, 0), cell(2, 1), cell(2, 2)]);
    const onePlusSeven = presetLayout('1+7');
    expect(onePlusSeven.cells).toHaveLength(8);
    expect(onePlusSeven.cells[0]).toEqual(cell(0, 0, 3, 3));
    const twoPlusEight = presetLayout('2+8');
    expect(twoPlusEight.cells).toHaveLength(10);
    expect(twoPlusEight.cells.slice(0, 2)).toEqual([cell(0, 0, 2, 2), cell(0, 2, 2, 2)]);
    const onePlusTwelve = presetLayout('1+12');
    expect(onePlusTwelve.cells).toHaveLength(13);
    expect(onePlusTwelve.cells[5]).toEqual(cell(1, 1, 2, 2));
  });

  it('returns a fresh object each time, so callers cannot corrupt a preset', () => {
    const a = presetLayout('1+5');
    a.cells[0]!.rowSpan = 3;
    expect(presetLayout('1+5').cells[0]).toEqual(cell(0, 0, 2, 2));
  });
});

describe('layoutProblems', () => {
  it('reports overlapping cells', () => {
    const layout = { rows: 2, cols: 2, cells: [cell(0, 0, 2, 2), cell(0, 1), cell(1, 0), cell(1, 1)] };
    expect(layoutProblems(layout).map((p) => p.message)).toContain('overlaps cells[0] at row 0, col 1');
  });

  it('reports uncovered positions', () => {
    const problems = layoutProblems({ rows: 2, cols: 2, cells: [cell(0, 0), cell(0, 1)] });
    expect(problems).toEqual([{ path: 'cells', message: 'grid positions not covered by any cell: row 1 col 0, row 1 col 1' }]);
  });

  it('reports cells reaching outside the grid', () => {
    expect(layoutProblems({ rows: 1, cols: 2, cells: [cell(0, 0), cell(0, 1, 1, 2)] })).toContainEqual({ path: 'cells[1]', message: 'reaches outside the 1×2 grid' });
  });

  it('reports cells out of row-major order', () => {
    const problems = layoutProblems({ rows: 1, cols: 2, cells: [cell(0, 1), cell(0, 0)] });
    expect(problems).toEqual([{ path: 'cells[1]', message: 'cells must be listed row by row, left to right, by their top-left corner' }]);
  });

  it('is what the schema reports, at the cell path', () => {
    const result = LayoutSchema.safeParse({ rows: 2, cols: 2, cells: [cell(0, 0), cell(0, 1)] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['cells']);
  });
});

describe('mergeCells', () => {
  it('merges a rectangle of 1×1 cells into one', () => {
    const layout = edited(mergeCells(gridLayout(3, 3), cell(0, 0, 2, 2)));
    expect(layout.cells).toEqual(presetLayout('1+5').cells);
    expect(layout.name).toBeUndefined();
  });

  it('merges a rectangle that wholly contains a spanned cell', () => {
    const layout = edited(mergeCells(presetLayout('1+5'), cell(0, 0, 3, 3)));
    expect(layout.cells).toEqual([cell(0, 0, 3, 3)]);
  });

  it('refuses to cut through a spanned cell', () => {
    const edit = mergeCells(presetLayout('1+5'), cell(1, 1, 2, 2));
    expect(edit).toEqual({ ok: false, message: 'the selection cuts through the cell at row 0, col 0; include all of it or none' });
  });

  it('refuses a single cell and rectangles outside the grid', () => {
    expect(mergeCells(gridLayout(2, 2), cell(1, 1)).ok).toBe(false);
    expect(mergeCells(presetLayout('1+5'), cell(0, 0, 2, 2))).toEqual({ ok: false, message: 'select at least two cells to merge' });
    expect(mergeCells(gridLayout(2, 2), cell(1, 1, 2, 1))).toEqual({ ok: false, message: 'the selection does not fit in the 2×2 grid' });
    expect(mergeCells(gridLayout(2, 2), cell(-1, 0, 2, 1)).ok).toBe(false);
    expect(mergeCells(gridLayout(2, 2), cell(0, 0, 1.5, 1)).ok).toBe(false);
  });
});

describe('splitCell', () => {
  it('splits a spanned cell back into 1×1 cells', () => {
    expect(edited(splitCell(presetLayout('1+12'), 5)).cells).toEqual(gridLayout(4, 4).cells);
  });

  it('keeps the other spanned cells', () => {
    expect(edited(splitCell(presetLayout('2+8'), 1)).cells.slice(0, 3)).toEqual([cell(0, 0, 2, 2), cell(0, 2), cell(0, 3)]);
  });

  it('refuses a 1×1 cell and a missing one', () => {
    expect(splitCell(gridLayout(2, 2), 0)).toEqual({ ok: false, message: 'the cell is already a single cell' });
    expect(splitCell(gridLayout(2, 2), 4)).toEqual({ ok: false, message: 'there is no cell 4' });
  });
});

describe('neighbourCell', () => {
  const onePlusFive = presetLayout('1+5');

  it('moves geometrically across a spanned cell', () => {
    expect(neighbourCell(onePlusFive, 0, 'right')).toBe(1);
    expect(neighbourCell(onePlusFive, 0, 'down')).toBe(3);
    expect(neighbourCell(onePlusFive, 2, 'left')).toBe(0);
    expect(neighbourCell(onePlusFive, 4, 'up')).toBe(0);
    expect(neighbourCell(onePlusFive, 5, 'up')).toBe(2);
  });

  it('crosses the centre cell of 1+12 in both directions', () => {
    const layout = presetLayout('1+12');
    const centre = cellIndexAt(layout, 1, 1);
    expect(neighbourCell(layout, cellIndexAt(layout, 1, 0), 'right')).toBe(centre);
    expect(neighbourCell(layout, centre, 'right')).toBe(cellIndexAt(layout, 1, 3));
    expect(neighbourCell(layout, cellIndexAt(layout, 3, 2), 'up')).toBe(centre);
    expect(neighbourCell(layout, centre, 'down')).toBe(cellIndexAt(layout, 3, 1));
  });

  it('stays put at the edge of the grid', () => {
    const grid = gridLayout(2, 2);
    expect(neighbourCell(grid, 0, 'up')).toBe(0);
    expect(neighbourCell(grid, 0, 'left')).toBe(0);
    expect(neighbourCell(grid, 3, 'down')).toBe(3);
    expect(neighbourCell(grid, 3, 'right')).toBe(3);
  });
});

describe('editing never breaks a layout (property)', () => {
  const edit = fc.oneof(
    fc.record({ op: fc.constant('merge' as const), rect: fc.record({ row: fc.nat(8), col: fc.nat(8), rowSpan: fc.integer({ min: 1, max: 8 }), colSpan: fc.integer({ min: 1, max: 8 }) }) }),
    fc.record({ op: fc.constant('split' as const), index: fc.nat(70) }),
  );

  /** Mostly rectangles inside the grid, so merges are attempted against real cells, not refused at once. */
  const inGrid = (rect: GridRect, rows: number, cols: number): GridRect => {
    const row = rect.row % rows;
    const col = rect.col % cols;
    return { row, col, rowSpan: 1 + ((rect.rowSpan - 1) % (rows - row)), colSpan: 1 + ((rect.colSpan - 1) % (cols - col)) };
  };

  it('any sequence of merges and splits on any grid gives a valid covering', () => {
    let applied = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.array(edit, { maxLength: 30 }), (rows, cols, edits) => {
        let layout = gridLayout(rows, cols);
        for (const e of edits) {
          const result = e.op === 'merge' ? mergeCells(layout, inGrid(e.rect, rows, cols)) : splitCell(layout, e.index % (layout.cells.length + 1));
          if (result.ok) {
            layout = result.layout;
            applied++;
          }
          expect(layoutViolations(layout)).toEqual([]);
          expect(layoutProblems(layout)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
    // Guards against a generator whose edits are all refused, which would prove nothing.
    expect(applied).toBeGreaterThan(300);
  });

  it('layoutProblems agrees with brute force on arbitrary cell lists', () => {
    const anyCell = fc.record({ row: fc.nat(3), col: fc.nat(3), rowSpan: fc.integer({ min: 1, max: 4 }), colSpan: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.array(anyCell, { minLength: 1, maxLength: 8 }), (rows, cols, cells) => {
        const layout = { rows, cols, cells };
        expect(layoutProblems(layout).length === 0).toBe(layoutViolations(layout).length === 0);
      }),
    );
  });
});
