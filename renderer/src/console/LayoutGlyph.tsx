import type { Layout } from '../../../common/wall/wallSchema';

/** A small drawing of a layout's cells, for preset buttons and saved-layout lists. */
export function LayoutGlyph({ layout, size = 22 }: { layout: Layout; size?: number }) {
  const gap = 1;
  const w = size;
  const h = Math.round((size * 9) / 16) + 4;
  const cw = (w - gap) / layout.cols;
  const ch = (h - gap) / layout.rows;
  return (
    <svg className="layout-glyph" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden>
      {layout.cells.map((cell, i) => (
        <rect key={i} x={cell.col * cw + gap} y={cell.row * ch + gap} width={cell.colSpan * cw - gap} height={cell.rowSpan * ch - gap} rx={0.5} />
      ))}
    </svg>
  );
}
