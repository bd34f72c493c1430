import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatPosition } from '../../../common/training/exerciseClock';
import { toWinAnsi, wrapWords } from '../reports/pdfText';
import {
  bookmarkResults,
  categoryLabel,
  incidentDetail,
  layoutTimelineChart,
  scoreCells,
  scoreRows,
  SCORE_COLUMNS,
  traineeName,
  type ChartLayout,
  type ReportModel,
} from '../../../common/training/report';
import type { ReportKey } from '../../../common/training/reportText';

/**
 * The after-action report as a PDF (pdf-lib, pure JS: no browser, no native module), with the
 * same content as the HTML: header, score table, timeline chart, per-incident detail, bookmarks,
 * injects and the scoring rules. A4 portrait, paginated.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const CONTENT_W = A4[0] - 2 * MARGIN;

export { toWinAnsi };

function hex(colour: string) {
  const n = Number.parseInt(colour.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

class PdfWriter {
  page!: PDFPage;
  y = 0;
  pageNo = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pageNo++;
    this.y = A4[1] - MARGIN;
    this.page.drawText(toWinAnsi(`${this.footer} — ${this.pageNo}`), { x: MARGIN, y: MARGIN / 2, size: 7, font: this.font, color: rgb(0.4, 0.4, 0.4) });
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  width(text: string, size: number, bold = false): number {
    return (bold ? this.bold : this.font).widthOfTextAtSize(toWinAnsi(text), size);
  }

  /** Splits text into lines no wider than `maxWidth`; long words are cut. */
  wrap(text: string, size: number, maxWidth: number, bold = false): string[] {
    // Paragraphs (line breaks in the text) start new lines.
    return text.split(/\s*\n\s*/).flatMap((paragraph) => wrapWords(toWinAnsi(paragraph).split(/\s+/).filter(Boolean), maxWidth, (t) => this.width(t, size, bold)));
  }

  text(text: string, opts: { size?: number; bold?: boolean; colour?: string; x?: number; gap?: number } = {}): void {
    const size = opts.size ?? 10;
    const lines = this.wrap(text, size, CONTENT_W - (opts.x ?? 0), opts.bold);
    for (const line of lines) {
      this.ensure(size * 1.35);
      this.y -= size * 1.35;
      this.page.drawText(line, { x: MARGIN + (opts.x ?? 0), y: this.y + size * 0.3, size, font: opts.bold ? this.bold : this.font, color: opts.colour ? hex(opts.colour) : rgb(0.1, 0.12, 0.14) });
    }
    this.y -= opts.gap ?? 2;
  }

  heading(text: string): void {
    this.ensure(40);
    this.y -= 10;
    this.text(text, { size: 13, bold: true, gap: 3 });
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + CONTENT_W, y: this.y }, thickness: 0.6, color: rgb(0.8, 0.82, 0.85) });
    this.y -= 6;
  }

  /** A table with wrapped cells; the header is repeated on each new page. */
  table(widths: number[], header: string[], rows: Array<{ cells: string[]; colours?: Array<string | undefined>; bold?: boolean }>, size = 8): void {
    const scale = CONTENT_W / widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((w) => w * scale);
    const pad = 3;
    const drawRow = (cells: string[], opts: { header?: boolean; colours?: Array<string | undefined>; bold?: boolean }) => {
      const wrapped = cells.map((c, i) => this.wrap(c, size, cols[i]! - 2 * pad, opts.header || opts.bold));
      const height = Math.max(...wrapped.map((l) => l.length)) * size * 1.3 + 2 * pad;
      if (this.y - height < MARGIN) {
        this.newPage();
        if (!opts.header) drawRow(header, { header: true });
      }
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        this.page.drawRectangle({ x, y: this.y - height, width: cols[i]!, height, borderColor: rgb(0.82, 0.84, 0.87), borderWidth: 0.5, ...(opts.header ? { color: rgb(0.96, 0.97, 0.98) } : {}) });
        lines.forEach((line, k) => {
          const colour = opts.colours?.[i];
          this.page.drawText(line, { x: x + pad, y: this.y - pad - (k + 1) * size * 1.3 + size * 0.3, size, font: opts.header || opts.bold ? this.bold : this.font, color: colour ? hex(colour) : rgb(0.1, 0.12, 0.14) });
        });
        x += cols[i]!;
      });
      this.y -= height;
    };
    drawRow(header, { header: true });
    for (const row of rows) drawRow(row.cells, { ...(row.colours ? { colours: row.colours } : {}), ...(row.bold ? { bold: true } : {}) });
    this.y -= 6;
  }

  /** Draws the shared chart layout, scaled to the content width; y grows downwards in the layout. */
  chart(layout: ChartLayout): void {
    const scale = CONTENT_W / layout.width;
    const height = layout.height * scale;
    this.ensure(height + 8);
    const top = this.y;
    const X = (x: number) => MARGIN + x * scale;
    const Y = (y: number) => top - y * scale;
    for (const p of layout.primitives) {
      if (p.kind === 'rect') {
        this.page.drawRectangle({ x: X(p.x), y: Y(p.y + p.h), width: p.w * scale, height: p.h * scale, color: hex(p.fill), opacity: p.opacity ?? 1 });
      } else if (p.kind === 'line') {
        this.page.drawLine({ start: { x: X(p.x1), y: Y(p.y1) }, end: { x: X(p.x2), y: Y(p.y2) }, thickness: p.width * scale, color: hex(p.stroke), ...(p.dash ? { dashArray: [3 * scale, 2 * scale] } : {}) });
      } else if (p.kind === 'text') {
        const size = p.size * scale;
        const text = toWinAnsi(p.text);
        const w = this.font.widthOfTextAtSize(text, size);
        const x = p.anchor === 'end' ? X(p.x) - w : p.anchor === 'middle' ? X(p.x) - w / 2 : X(p.x);
        this.page.drawText(text, { x, y: Y(p.y), size, font: p.bold ? this.bold : this.font, color: hex(p.fill) });
      } else {
        const r = p.r * scale;
        const cx = X(p.x);
        const cy = Y(p.y);
        const colour = hex(p.fill);
        if (p.shape === 'circle') this.page.drawCircle({ x: cx, y: cy, size: r, color: colour, borderColor: rgb(1, 1, 1), borderWidth: 0.6 });
        else if (p.shape === 'square') this.page.drawRectangle({ x: cx - r * 0.85, y: cy - r * 0.85, width: r * 1.7, height: r * 1.7, color: colour, borderColor: rgb(1, 1, 1), borderWidth: 0.6 });
        else if (p.shape === 'diamond') this.page.drawSvgPath(`M 0 ${-r} L ${r} 0 L 0 ${r} L ${-r} 0 Z`, { x: cx, y: cy, color: colour, borderColor: rgb(1, 1, 1), borderWidth: 0.6 });
        else {
          this.page.drawLine({ start: { x: cx - r, y: cy - r }, end: { x: cx + r, y: cy + r }, thickness: 1.6, color: colour });
          this.page.drawLine({ start: { x: cx - r, y: cy + r }, end: { x: cx + r, y: cy - r }, thickness: 1.6, color: colour });
        }
      }
    }
    this.y = top - height - 8;
  }
}

const OUTCOME_TEXT_COLOURS: Record<string, string> = { hit: '#2e7d32', missed: '#c62828', 'false-alarm': '#c62828', 'wrong-category': '#ef6c00', duplicate: '#757575' };

export async function renderReportPdf(model: ReportModel): Promise<Uint8Array> {
  const { t, exercise, language } = model;
  const doc = await PDFDocument.create();
  const generated = new Date(model.generatedAt);
  doc.setTitle(toWinAnsi(`${t('reportTitle')}: ${exercise.title}`));
  doc.setSubject(toWinAnsi(`${t('run')} ${model.runId}`));
  doc.setCreator('Atalaya');
  doc.setProducer('Atalaya (pdf-lib)');
  if (!Number.isNaN(generated.getTime())) {
    doc.setCreationDate(generated);
    doc.setModificationDate(generated);
  }
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new PdfWriter(doc, font, bold, `${exercise.title} · ${t('run')} ${model.runId}`);

  w.text(t('exerciseBanner'), { size: 9, bold: true, colour: '#b26a00' });
  w.text(`${t('reportTitle')}: ${exercise.title}`, { size: 17, bold: true, gap: 4 });
  w.text(`${t('run')}: ${model.runId}   ${t('started')}: ${model.startedAt ?? '—'}   ${t('ended')}: ${model.endedAt ?? t('notEnded')}`, { size: 8.5, colour: '#57606a' });
  w.text(`${t('duration')}: ${formatPosition(exercise.durationS)}   ${t('reached')}: ${formatPosition(model.reachedS)}`, { size: 8.5, colour: '#57606a', gap: 6 });
  if (exercise.description) w.text(exercise.description, { size: 9.5, gap: 4 });
  w.text(`${t('trainees')}: ${model.trainees.length > 0 ? model.trainees.map((tr) => tr.name).join(', ') : t('noTrainees')}`, { size: 9.5 });

  w.heading(t('score'));
  w.table(
    [2.2, 1, 1.2, 1, 1.1, 1.1, 1.1, 1.1, 1.2, 1.2],
    [t('trainee'), ...SCORE_COLUMNS.map((k) => t(k))],
    scoreRows(model).map((row) => ({ cells: [row.name, ...scoreCells(row.score)], bold: row.team })),
  );

  w.heading(t('timeline'));
  // Laid out narrower than the HTML's so the labels stay readable at A4 width.
  w.chart(layoutTimelineChart(model, 640));

  w.heading(t('incidents'));
  const detail = incidentDetail(model);
  if (detail.length === 0) w.text(t('noIncidents'));
  else {
    w.table(
      [1, 2.2, 1.4, 1.1, 2.6, 2.6],
      [t('incident'), t('cameras'), t('category'), t('window'), t('description'), t('result')],
      detail.map((d) => {
        const first = model.score.trainees[0]?.score.incidents.find((x) => x.incidentId === d.id)?.outcome;
        return { cells: [d.id, d.cameras, d.category, d.window, d.description, d.results.join('\n') || t('none')], colours: [undefined, undefined, undefined, undefined, undefined, model.score.trainees.length === 1 && first ? OUTCOME_TEXT_COLOURS[first] : undefined] };
      }),
    );
  }

  w.heading(t('bookmarks'));
  if (model.bookmarks.length === 0) w.text(t('noBookmarks'));
  else {
    const results = bookmarkResults(model);
    const labelOf = (id: string) => model.cameras.find((c) => c.cameraId === id)?.label ?? id;
    w.table(
      [1.1, 1.6, 2.4, 1.5, 2, 2.4],
      [t('time'), t('trainee'), t('cameras'), t('category'), t('note'), t('result')],
      [...model.bookmarks]
        .sort((a, b) => a.atS - b.atS)
        .map((b) => {
          const r = results.get(b.id);
          const outcome = r ? t(`outcome.${r.outcome}` as ReportKey) + (r.incidentId ? ` · ${r.incidentId}` : '') + (r.reason ? ` · ${t(`reason.${r.reason}` as ReportKey)}` : '') : '—';
          return {
            cells: [`${formatPosition(b.atS)} (${b.atS.toFixed(1)} s)`, traineeName(model, b.traineeId), b.cameraIds.map(labelOf).join(', '), categoryLabel(exercise.categories, b.categoryId, language), b.note, outcome],
            colours: [undefined, undefined, undefined, undefined, undefined, r ? OUTCOME_TEXT_COLOURS[r.outcome] : undefined],
          };
        }),
    );
  }

  w.heading(t('injects'));
  if (exercise.injects.length === 0) w.text(t('noInjects'));
  else {
    w.table(
      [1, 7],
      [t('time'), t('message')],
      [...exercise.injects]
        .sort((a, b) => a.atS - b.atS)
        .map((i) => ({ cells: [formatPosition(i.atS), i.text + (i.location ? ` (${i.location.label ?? ''} ${i.location.lat.toFixed(5)}, ${i.location.lng.toFixed(5)})` : '')] })),
    );
  }

  w.heading(t('rules'));
  w.text(t('rulesText', { before: exercise.scoring.graceBeforeS, after: exercise.scoring.graceAfterS }), { size: 8.5 });
  w.text(t('generated', { date: model.generatedAt }), { size: 8, colour: '#57606a' });
  return doc.save();
}
