import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { Figure } from '../../../common/analytics/figureShapes';
import type { Block } from '../../../common/analytics/report';
import { analyticsText, type AnalyticsText } from '../../../common/analytics/text';
import { toWinAnsi, wrapWords } from '../reports/pdfText';

/**
 * The analytics report as a PDF (pdf-lib: pure JS, no browser): the same blocks as the HTML page,
 * laid out on A4 portrait with the maps drawn as vector paths over the heat raster.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const CONTENT_W = A4[0] - 2 * MARGIN;

// The standard fonts encode WinAnsi (cp1252): Spanish and Portuguese fit; the few signs that do not
// get their ASCII spelling, anything else becomes "?" rather than failing the report.
function colour(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

const INK = rgb(0.13, 0.13, 0.13);
const GREY = rgb(0.35, 0.35, 0.35);

class Writer {
  page!: PDFPage;
  y = 0;
  private pageNo = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
    private readonly images: { heat?: PDFImage },
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pageNo++;
    this.y = A4[1] - MARGIN;
    this.page.drawText(toWinAnsi(`${this.footer} ${this.pageNo}`), { x: MARGIN, y: MARGIN / 2, size: 7, font: this.font, color: GREY });
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  private width(text: string, size: number, bold = false): number {
    return (bold ? this.bold : this.font).widthOfTextAtSize(text, size);
  }

  wrap(text: string, size: number, maxWidth: number, bold = false): string[] {
    return wrapWords(toWinAnsi(text).split(/[ \t\n]+/).filter(Boolean), maxWidth, (t) => this.width(t, size, bold));
  }

  text(text: string, opts: { size: number; bold?: boolean; colour?: ReturnType<typeof rgb>; indent?: number; bar?: boolean }): void {
    const indent = opts.indent ?? 0;
    const lines = this.wrap(text, opts.size, CONTENT_W - indent, opts.bold);
    const lh = opts.size * 1.35;
    for (const line of lines) {
      this.ensure(lh);
      this.y -= lh;
      if (opts.bar) this.page.drawRectangle({ x: MARGIN, y: this.y - 2, width: 2, height: lh, color: rgb(0.98, 0.66, 0.15) });
      this.page.drawText(line, { x: MARGIN + indent, y: this.y + opts.size * 0.25, size: opts.size, font: opts.bold ? this.bold : this.font, color: opts.colour ?? INK });
    }
    this.y -= 4;
  }

  figure(figure: Figure, caption: string): void {
    const scale = Math.min(1, CONTENT_W / figure.width);
    const w = figure.width * scale;
    const h = figure.height * scale;
    this.ensure(h + 20);
    const left = MARGIN;
    const top = this.y - 2;
    if (figure.background) this.page.drawRectangle({ x: left, y: top - h, width: w, height: h, color: colour(figure.background) });
    for (const s of figure.shapes) {
      if (s.kind === 'path') {
        if (!s.d) continue;
        this.page.drawSvgPath(s.d, {
          x: left,
          y: top,
          scale,
          ...(s.fill ? { color: colour(s.fill), opacity: s.fillOpacity ?? 1 } : {}),
          ...(s.stroke ? { borderColor: colour(s.stroke), borderWidth: (s.strokeWidth ?? 1) * scale, borderOpacity: s.strokeOpacity ?? 1 } : { borderWidth: 0 }),
          ...(s.dash ? { borderDashArray: [s.dash * scale, s.dash * scale] } : {}),
        });
      } else if (s.kind === 'text') {
        const text = toWinAnsi(s.text);
        const size = s.size * scale;
        const font = s.bold ? this.bold : this.font;
        const tw = font.widthOfTextAtSize(text, size);
        const x = left + s.x * scale - (s.anchor === 'middle' ? tw / 2 : s.anchor === 'end' ? tw : 0);
        this.page.drawText(text, { x, y: top - s.y * scale, size, font, color: colour(s.colour) });
      } else {
        const image = this.images[s.ref];
        if (image) this.page.drawImage(image, { x: left + s.x * scale, y: top - (s.y + s.height) * scale, width: s.width * scale, height: s.height * scale });
      }
    }
    if (figure.background) this.page.drawRectangle({ x: left, y: top - h, width: w, height: h, borderColor: rgb(0.8, 0.8, 0.8), borderWidth: 0.5 });
    this.y = top - h - 4;
    if (caption) this.text(caption, { size: 7.5, colour: GREY });
    else this.y -= 4;
  }

  table(header: string[], rows: string[][], align: Array<'left' | 'right'> | undefined): void {
    const size = 8;
    const pad = 3;
    // Column widths: every column at least as wide as its longest word, the rest of the page
    // shared out in proportion to how much more each column's longest value would need.
    const longestWord = (t: string, bold: boolean) => Math.max(0, ...toWinAnsi(t).split(/[ \t\n]+/).map((w) => this.width(w, size, bold)));
    const minW = header.map((h, i) => Math.min(110, Math.max(longestWord(h, true), ...rows.map((r) => longestWord(r[i] ?? '', false)))) + 2 * pad);
    const natural = header.map((h, i) => Math.min(240, Math.max(this.width(toWinAnsi(h), size, true), ...rows.map((r) => this.width(toWinAnsi(r[i] ?? ''), size)))) + 2 * pad);
    const sumMin = minW.reduce((a, b) => a + b, 0);
    const sumNatural = natural.reduce((a, b) => a + b, 0);
    let cols: number[];
    if (sumNatural <= CONTENT_W) cols = natural.map((w) => (w * CONTENT_W) / sumNatural);
    else if (sumMin >= CONTENT_W) cols = minW.map((w) => (w * CONTENT_W) / sumMin);
    else {
      const extra = natural.map((w, i) => Math.max(0, w - minW[i]!));
      const sumExtra = extra.reduce((a, b) => a + b, 0) || 1;
      cols = minW.map((w, i) => w + ((CONTENT_W - sumMin) * extra[i]!) / sumExtra);
    }
    const drawRow = (cells: string[], isHeader: boolean) => {
      const wrapped = cells.map((c, i) => this.wrap(c, size, cols[i]! - 2 * pad, isHeader));
      const height = Math.max(...wrapped.map((l) => l.length)) * size * 1.3 + 2 * pad;
      if (this.y - height < MARGIN) {
        this.newPage();
        if (!isHeader) drawRow(header, true);
      }
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        if (isHeader) this.page.drawRectangle({ x, y: this.y - height, width: cols[i]!, height, color: rgb(0.95, 0.95, 0.95) });
        lines.forEach((line, k) => {
          const font = isHeader ? this.bold : this.font;
          const lw = font.widthOfTextAtSize(line, size);
          const tx = align?.[i] === 'right' ? x + cols[i]! - pad - lw : x + pad;
          this.page.drawText(line, { x: tx, y: this.y - pad - (k + 1) * size * 1.3 + size * 0.3, size, font, color: INK });
        });
        x += cols[i]!;
      });
      this.page.drawLine({ start: { x: MARGIN, y: this.y - height }, end: { x: MARGIN + CONTENT_W, y: this.y - height }, thickness: 0.4, color: rgb(0.85, 0.85, 0.85) });
      this.y -= height;
    };
    this.ensure(40);
    drawRow(header, true);
    for (const row of rows) drawRow(row, false);
    this.y -= 6;
  }
}

export async function renderAnalyticsPdf(blocks: readonly Block[], opts: { language: string; heatPng?: Uint8Array; generatedAt: number }): Promise<Uint8Array> {
  const text: AnalyticsText = analyticsText(opts.language);
  const doc = await PDFDocument.create();
  const title = blocks.find((b) => b.type === 'title');
  doc.setTitle(toWinAnsi(title?.type === 'title' ? title.text : 'Atalaya'));
  doc.setCreator('Atalaya');
  doc.setProducer('Atalaya (pdf-lib)');
  doc.setCreationDate(new Date(opts.generatedAt));
  doc.setModificationDate(new Date(opts.generatedAt));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const images = opts.heatPng ? { heat: await doc.embedPng(opts.heatPng) } : {};
  const w = new Writer(doc, font, bold, `Atalaya — ${title?.type === 'title' ? title.text : ''} — ${text.page}`, images);
  for (const [index, b] of blocks.entries()) {
    switch (b.type) {
      case 'title':
        w.text(b.text, { size: 16, bold: true });
        break;
      case 'heading': {
        // Keep a heading with what follows it: a map that does not fit takes its title along.
        const next = blocks[index + 1];
        w.ensure(next?.type === 'figure' ? Math.min(A4[1] - 2 * MARGIN, next.figure.height * Math.min(1, CONTENT_W / next.figure.width) + 40) : 60);
        w.y -= 8;
        w.text(b.text, { size: 12, bold: true });
        break;
      }
      case 'paragraph':
        if (b.tone === 'warning') w.text(b.text, { size: 8.5, indent: 6, bar: true });
        else if (b.tone === 'note') w.text(b.text, { size: 8, colour: GREY });
        else w.text(b.text, { size: 9 });
        break;
      case 'figure':
        w.figure(b.figure, b.caption);
        break;
      case 'table':
        w.table(b.header, b.rows, b.align);
        break;
    }
  }
  return doc.save();
}
