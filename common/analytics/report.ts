import type { Position } from 'geojson';
import { UNCATEGORISED } from '../geo/coverage';
import { fovPolygon } from '../geo/fieldOfView';
import type { ImportSummary } from '../contract/methods/analytics';
import { SMALL_COUNT } from './beforeAfter';
import type { AnalyticsCamera } from './coverageModel';
import type { GridSpec } from './density';
import type { AnalysisSettings, Summary } from './engine';
import { barChart, circlePath, type Figure, Frame, polygonPath, polylinePath, type Shape } from './figureShapes';
import { hexCorners, type HexCell, type HexLayout } from './hexbin';
import { DEFAULT_SPACING_M } from './hotspots';
import type { Histograms, IncidentFilter } from './incidentTable';
import { analyticsText, type AnalyticsText, fill, interpretRelativeEffect } from './text';
import { formatLocal, formatLocalDate } from './time';

/**
 * The analytics report as a list of blocks (headings, paragraphs, figures, tables) that an HTML
 * writer (here) and a PDF writer (main) both lay out: same content, same numbers, same words.
 */

export type ReportLanguage = 'en' | 'es' | 'pt';

export interface Basemap {
  areas: Array<{ kind: string; rings: Position[][] }>;
  lines: Array<{ kind: string; coords: Position[] }>;
}

export interface ReportInput {
  language: ReportLanguage;
  siteName: string;
  generatedAt: number;
  generatedBy: string;
  timeZone: string;
  filter: IncidentFilter;
  settings: AnalysisSettings;
  counts: { imported: number; bookmarks: number; filtered: number };
  imports: readonly ImportSummary[];
  summary: Summary;
  histograms: Histograms;
  cameras: readonly AnalyticsCamera[];
  /** The heat grid (its bounds are the maps' view) and its maximum, or none without data. */
  heat: { spec: GridSpec; max: number } | null;
  hexes: { layout: HexLayout; cells: readonly HexCell[] };
  basemap?: Basemap | undefined;
}

export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; tone?: 'normal' | 'note' | 'warning' }
  | { type: 'figure'; figure: Figure; caption: string }
  | { type: 'table'; header: string[]; rows: string[][]; align?: Array<'left' | 'right'> };

const MAP_WIDTH = 515;
const MAP_MAX_HEIGHT = 470;

const AREA_STYLE: Record<string, { fill: string }> = {
  water: { fill: '#aad3df' },
  park: { fill: '#cfe8c4' },
  plaza: { fill: '#efe9dc' },
  block: { fill: '#e4ded3' },
};

function baseShapes(frame: Frame, basemap: Basemap | undefined): Shape[] {
  if (!basemap) return [];
  const shapes: Shape[] = [];
  for (const kind of ['water', 'park', 'plaza', 'block']) {
    const d = basemap.areas
      .filter((a) => a.kind === kind)
      .map((a) => polygonPath(frame, a.rings))
      .filter((p) => p !== '')
      .join(' ');
    if (d) shapes.push({ kind: 'path', d, fill: AREA_STYLE[kind]!.fill });
  }
  for (const [kind, width] of [
    ['street', 2.2],
    ['avenue', 3.4],
  ] as const) {
    const d = basemap.lines
      .filter((l) => l.kind === kind)
      .map((l) => polylinePath(frame, l.coords))
      .filter((p) => p !== '')
      .join(' ');
    if (d) shapes.push({ kind: 'path', d, stroke: '#ffffff', strokeWidth: width });
  }
  return shapes;
}

function wedgeShapes(frame: Frame, cameras: readonly AnalyticsCamera[]): Shape[] {
  const d = cameras
    .map((c) => polygonPath(frame, fovPolygon(c).coordinates))
    .filter((p) => p !== '')
    .join(' ');
  return d ? [{ kind: 'path', d, fill: '#1e88e5', fillOpacity: 0.16, stroke: '#1565c0', strokeWidth: 0.5, strokeOpacity: 0.8 }] : [];
}

function hotspotShapes(frame: Frame, summary: Summary): Shape[] {
  const shapes: Shape[] = [];
  for (const s of summary.suggestions.cameras) {
    const d = polygonPath(frame, fovPolygon(s).coordinates);
    if (d) shapes.push({ kind: 'path', d, fill: '#2e7d32', fillOpacity: 0.4, stroke: '#1b5e20', strokeWidth: 1.5, dash: 3 });
  }
  for (const h of summary.hotspots) {
    const d = circlePath(frame, h.centre, h.radiusMetres);
    if (!d) continue;
    shapes.push({ kind: 'path', d, stroke: '#b71c1c', strokeWidth: 1.2 });
    const [x, y] = frame.point(h.centre);
    shapes.push({ kind: 'text', x, y: y + 3, text: String(h.rank), size: 8, anchor: 'middle', colour: '#b71c1c', bold: true });
  }
  return shapes;
}

/** Purple-blue sequential scale for hexagon counts (the map and the report share it). */
export function hexColour(t: number): string {
  const stops = [
    [237, 248, 251],
    [158, 188, 218],
    [140, 107, 177],
    [110, 1, 107],
  ];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = stops[i]!.map((v, k) => Math.round(v + (stops[i + 1]![k]! - v) * f));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function heatMapFigure(input: ReportInput): Figure | null {
  if (!input.heat) return null;
  const { spec } = input.heat;
  const frame = new Frame([spec.west, spec.south, spec.east, spec.north], MAP_WIDTH, MAP_MAX_HEIGHT);
  return {
    width: frame.width,
    height: frame.height,
    background: '#f4f1ea',
    shapes: [...baseShapes(frame, input.basemap), { kind: 'image', x: 0, y: 0, width: frame.width, height: frame.height, ref: 'heat' }, ...wedgeShapes(frame, input.cameras)],
  };
}

export function hexMapFigure(input: ReportInput): Figure | null {
  if (!input.heat) return null;
  const { spec } = input.heat;
  const frame = new Frame([spec.west, spec.south, spec.east, spec.north], MAP_WIDTH, MAP_MAX_HEIGHT);
  const max = Math.max(1, ...input.hexes.cells.map((c) => c.count));
  // One path per colour step keeps the SVG and the PDF small (thousands of hexagons, 8 colours).
  const steps = 8;
  const byStep: string[][] = Array.from({ length: steps }, () => []);
  for (const cell of input.hexes.cells) {
    const ring: Position[] = hexCorners(input.hexes.layout, cell.q, cell.r).map((p) => [p.lng, p.lat]);
    const d = polygonPath(frame, [ring]);
    if (!d) continue;
    byStep[Math.min(steps - 1, Math.floor((Math.sqrt(cell.count / max) * steps) - 1e-9))]!.push(d);
  }
  const hexShapes: Shape[] = byStep.flatMap((parts, k) => (parts.length ? [{ kind: 'path' as const, d: parts.join(' '), fill: hexColour((k + 1) / steps), fillOpacity: 0.75, stroke: '#ffffff', strokeWidth: 0.3 }] : []));
  return {
    width: frame.width,
    height: frame.height,
    background: '#f4f1ea',
    shapes: [...baseShapes(frame, input.basemap), ...hexShapes, ...wedgeShapes(frame, input.cameras), ...hotspotShapes(frame, input.summary)],
  };
}

function monthDay(epoch: number, tz: string): string {
  return formatLocalDate(epoch, tz).slice(2);
}

export function timeFigure(input: ReportInput): Figure {
  const h = input.histograms.time;
  const n = h.counts.length;
  const labelEvery = Math.max(1, Math.ceil(n / 6));
  const labels = [];
  for (let i = 0; i < n; i += labelEvery) labels.push({ at: i, text: monthDay(h.edges[i]!, input.timeZone) });
  return barChart({ width: MAP_WIDTH, height: 110, values: h.counts, highlight: h.selected, labels, colour: '#bdbdbd', highlightColour: '#455a64' });
}

export function hoursFigure(input: ReportInput): Figure {
  return barChart({ width: 250, height: 90, values: input.histograms.hours, labels: [0, 6, 12, 18, 23].map((at) => ({ at, text: String(at) })), colour: '#455a64' });
}

export function daysFigure(input: ReportInput, text: AnalyticsText): Figure {
  const names = text.days.split('|');
  return barChart({ width: 250, height: 90, values: input.histograms.days, labels: names.map((name, at) => ({ at, text: name })), colour: '#455a64' });
}

export function describeFilter(filter: IncidentFilter, categoryName: (c: string) => string, text: AnalyticsText, tz: string): string[] {
  const lines: string[] = [];
  if (filter.from !== undefined || filter.to !== undefined) {
    lines.push(fill(text.filterFrom, { from: filter.from !== undefined ? formatLocal(filter.from, tz, false) : '…', to: filter.to !== undefined ? formatLocal(filter.to, tz, false) : '…' }));
  }
  if (filter.categories?.length) lines.push(fill(text.filterCategories, { list: filter.categories.map((c) => (c === '' ? text.uncategorised : categoryName(c))).join(', ') }));
  if (filter.days?.length) {
    const names = text.days.split('|');
    lines.push(fill(text.filterDays, { list: [...filter.days].sort().map((d) => names[d]).join(', ') }));
  }
  if (filter.hours?.length) lines.push(fill(text.filterHours, { list: hourRanges(filter.hours) }));
  if (filter.sources?.length) lines.push(fill(text.filterSources, { list: filter.sources.map((s) => (s === 'import' ? text.sourceImport : text.sourceBookmark)).join(', ') }));
  return lines.length ? lines : [text.noFilter];
}

/** [20, 21, 22, 23, 0, 1] → "20:00–01:59"; scattered hours → "02, 05, 17". */
export function hourRanges(hours: readonly number[]): string {
  const set = new Set(hours);
  const runs: Array<[number, number]> = [];
  for (let h = 0; h < 24; h++) {
    if (!set.has(h) || set.has((h + 23) % 24)) continue;
    let end = h;
    while (set.has((end + 1) % 24) && (end + 1) % 24 !== h) end = (end + 1) % 24;
    runs.push([h, end]);
  }
  if (!runs.length && set.size === 24) return '00:00–23:59';
  return runs.map(([a, b]) => (a === b ? `${String(a).padStart(2, '0')}:00–${String(a).padStart(2, '0')}:59` : `${String(a).padStart(2, '0')}:00–${String(b).padStart(2, '0')}:59`)).join(', ');
}

export function buildReport(input: ReportInput, categoryName: (c: string) => string = (c) => c): Block[] {
  const text = analyticsText(input.language);
  const tz = input.timeZone;
  const nf = new Intl.NumberFormat(input.language);
  const pct = (x: number) => new Intl.NumberFormat(input.language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
  const signedPct = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${pct(x)}`);
  const cat = (c: string) => (c === UNCATEGORISED ? text.uncategorised : categoryName(c));
  const { summary, settings } = input;
  const blocks: Block[] = [];

  blocks.push({ type: 'title', text: text.title });
  blocks.push({ type: 'paragraph', text: `${text.site}: ${input.siteName}. ${fill(text.generated, { date: formatLocal(input.generatedAt, tz, false), user: input.generatedBy, tz })}`, tone: 'note' });
  blocks.push({ type: 'heading', text: text.data });
  blocks.push({ type: 'paragraph', text: fill(text.dataLine, { imported: nf.format(input.counts.imported), bookmarks: nf.format(input.counts.bookmarks), filtered: nf.format(input.counts.filtered) }) });
  for (const imp of input.imports) blocks.push({ type: 'paragraph', text: fill(text.importsLine, { file: imp.fileName, rows: nf.format(imp.rows), date: formatLocal(Date.parse(imp.importedAt), tz, false), user: imp.by }), tone: 'note' });
  blocks.push({ type: 'paragraph', text: `${text.filter}: ${describeFilter(input.filter, categoryName, text, tz).join('; ')}` });

  // Maps.
  const heat = heatMapFigure(input);
  if (heat && input.heat) {
    blocks.push({ type: 'heading', text: text.heatTitle });
    blocks.push({ type: 'figure', figure: heat, caption: fill(text.heatLegend, { bandwidth: settings.bandwidthMetres, max: nf.format(Math.round(input.heat.max)) }) });
  }
  const hex = hexMapFigure(input);
  if (hex) {
    blocks.push({ type: 'heading', text: text.hexTitle });
    blocks.push({ type: 'figure', figure: hex, caption: fill(text.hexLegend, { size: settings.hexSizeMetres, max: nf.format(Math.max(0, ...input.hexes.cells.map((c) => c.count))) }) });
  }

  // Time.
  const unit = input.histograms.time.unit === 'day' ? text.unitDay : input.histograms.time.unit === 'week' ? text.unitWeek : text.unitMonth;
  blocks.push({ type: 'heading', text: fill(text.timeTitle, { unit }) });
  blocks.push({ type: 'figure', figure: timeFigure(input), caption: '' });
  blocks.push({ type: 'figure', figure: hoursFigure(input), caption: text.hourTitle });
  blocks.push({ type: 'figure', figure: daysFigure(input, text), caption: text.dayTitle });

  // Coverage.
  const cov = summary.coverage;
  blocks.push({ type: 'heading', text: text.coverageTitle });
  blocks.push({ type: 'paragraph', text: fill(text.coverageLine, { share: pct(cov.share), covered: nf.format(cov.covered), total: nf.format(cov.total) }) });
  blocks.push({ type: 'paragraph', text: fill(text.coverageCameras, { cameras: nf.format(input.cameras.length), none: nf.format(cov.camerasWithNone) }), tone: 'note' });
  blocks.push({
    type: 'table',
    header: [text.category, text.incidents, text.inView, text.share],
    rows: cov.byCategory.map((c) => [cat(c.category), nf.format(c.total), nf.format(c.covered), pct(c.share)]),
    align: ['left', 'right', 'right', 'right'],
  });
  blocks.push({ type: 'heading', text: text.perCameraTitle });
  const shown = cov.perCamera.slice(0, 20);
  blocks.push({ type: 'table', header: [text.camera, text.name, text.inThisView], rows: shown.map((c) => [String(c.number), c.name, nf.format(c.incidents)]), align: ['right', 'left', 'right'] });
  const more = cov.perCamera.length - shown.length;
  blocks.push({ type: 'paragraph', text: `${text.perCameraNote}${more > 0 ? ` ${fill(text.moreCameras, { count: more })}` : ''}`, tone: 'note' });

  // Hotspots and suggestions.
  blocks.push({ type: 'heading', text: text.hotspotsTitle });
  if (summary.hotspots.length) {
    blocks.push({
      type: 'table',
      header: [text.rank, text.place, fill(text.within, { radius: settings.bandwidthMetres }), text.topCategories],
      rows: summary.hotspots.map((h) => [String(h.rank), `${h.centre.lat.toFixed(5)}, ${h.centre.lng.toFixed(5)}`, nf.format(h.incidents), h.topCategories.map((c) => `${cat(c.category)} (${c.count})`).join(', ')]),
      align: ['right', 'left', 'right', 'left'],
    });
  } else blocks.push({ type: 'paragraph', text: text.noHotspots });
  blocks.push({ type: 'heading', text: text.suggestionsTitle });
  const sug = summary.suggestions;
  if (sug.cameras.length) {
    blocks.push({
      type: 'table',
      header: ['#', text.position, text.heading, text.newlyCovered, text.cumulative, text.nearHotspot],
      rows: sug.cameras.map((s, k) => [String(k + 1), `${s.position.lat.toFixed(5)}, ${s.position.lng.toFixed(5)}`, `${Math.round(s.heading)}°`, nf.format(s.newlyCovered), nf.format(s.totalCovered), String(s.hotspotRank)]),
      align: ['right', 'left', 'right', 'right', 'right', 'right'],
    });
  } else blocks.push({ type: 'paragraph', text: text.noSuggestions });
  blocks.push({ type: 'paragraph', text: fill(text.assumptions, { fov: Math.round(sug.template.fov), range: Math.round(sug.template.range) }), tone: 'note' });
  if (sug.searched < sug.nearHotspots) blocks.push({ type: 'paragraph', text: fill(text.sampleNote, { near: nf.format(sug.nearHotspots), searched: nf.format(sug.searched) }), tone: 'note' });

  // Before / after.
  blocks.push({ type: 'heading', text: text.beforeAfterTitle });
  if (summary.beforeAfter.length) {
    blocks.push({
      type: 'table',
      header: [text.camera, text.installed, `${text.target} ${text.before}/${text.after}`, text.change, `${text.comparison} ${text.before}/${text.after}`, text.change, text.relativeEffect],
      rows: summary.beforeAfter.map((b) => [
        `${b.number} ${b.name}`,
        b.installedAt,
        `${nf.format(b.target.before)} / ${nf.format(b.target.after)}`,
        signedPct(b.target.change),
        `${nf.format(b.comparison.before)} / ${nf.format(b.comparison.after)}`,
        signedPct(b.comparison.change),
        b.relativeEffect ? `${b.relativeEffect.value.toFixed(2)} (${b.relativeEffect.low.toFixed(2)}–${b.relativeEffect.high.toFixed(2)})` : '—',
      ]),
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    });
    for (const b of summary.beforeAfter) {
      const notes = [interpretRelativeEffect(text, b.relativeEffect), ...b.warnings.filter((w) => w.code !== 'no_installation_date').map((w) => fill(text.warnings[w.code], { detail: w.code === 'window_incomplete' ? formatWindow(w.detail, tz) : (w.detail ?? '') }))];
      blocks.push({
        type: 'paragraph',
        text: `${b.number} ${b.name} — ${fill(text.weeksEach, { weeks: b.weeks })}; ${fill(text.buffer, { buffer: Math.round(b.bufferMetres) })}: ${nf.format(b.buffer.before)} / ${nf.format(b.buffer.after)}. ${notes.join(' ')}`,
        tone: b.warnings.some((w) => w.code !== 'no_installation_date') ? 'warning' : 'note',
      });
    }
  } else blocks.push({ type: 'paragraph', text: text.noInstalled });

  // Method and limits, always printed with the figures.
  blocks.push({ type: 'heading', text: text.methodTitle });
  const cell = input.heat ? Math.round(input.heat.spec.cellMetres) : Math.round(settings.bandwidthMetres / 6);
  blocks.push({ type: 'paragraph', text: fill(text.methodHeat, { bandwidth: settings.bandwidthMetres, cell }) });
  blocks.push({ type: 'paragraph', text: text.methodCoverage });
  blocks.push({ type: 'paragraph', text: fill(text.methodHotspots, { radius: settings.bandwidthMetres }) });
  blocks.push({ type: 'paragraph', text: fill(text.methodPlacement, { spacing: DEFAULT_SPACING_M, along: sug.candidateSource === 'grid' ? text.onGrid : text.alongStreets }) });
  blocks.push({ type: 'paragraph', text: fill(text.methodBeforeAfter, { weeks: settings.weeks }) });
  blocks.push({ type: 'heading', text: text.limitsTitle });
  blocks.push({ type: 'paragraph', text: fill(text.limitsBeforeAfter, { small: SMALL_COUNT }), tone: 'warning' });
  blocks.push({ type: 'paragraph', text: text.limitsData });
  return blocks;
}

function formatWindow(detail: string | undefined, tz: string): string {
  if (!detail || !detail.includes('/')) return detail ?? '';
  const [a, b] = detail.split('/');
  return `${formatLocalDate(Date.parse(a!), tz)} – ${formatLocalDate(Date.parse(b!), tz)}`;
}

// ---- HTML --------------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function figureSvg(figure: Figure, images: { heat?: string }): string {
  const parts = figure.shapes.map((s) => {
    if (s.kind === 'path') {
      const attrs = [
        `d="${s.d}"`,
        `fill="${s.fill ?? 'none'}"`,
        s.fillOpacity !== undefined ? `fill-opacity="${s.fillOpacity}"` : '',
        s.stroke ? `stroke="${s.stroke}" stroke-width="${s.strokeWidth ?? 1}" stroke-linejoin="round" stroke-linecap="round"` : '',
        s.strokeOpacity !== undefined ? `stroke-opacity="${s.strokeOpacity}"` : '',
        s.dash ? `stroke-dasharray="${s.dash} ${s.dash}"` : '',
      ];
      return `<path ${attrs.filter(Boolean).join(' ')}/>`;
    }
    if (s.kind === 'text') {
      return `<text x="${s.x.toFixed(1)}" y="${s.y.toFixed(1)}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.colour}"${s.bold ? ' font-weight="bold"' : ''}>${esc(s.text)}</text>`;
    }
    const href = images[s.ref];
    return href ? `<image x="${s.x}" y="${s.y}" width="${s.width.toFixed(1)}" height="${s.height.toFixed(1)}" preserveAspectRatio="none" href="${href}"/>` : '';
  });
  const bg = figure.background ? `<rect width="100%" height="100%" fill="${figure.background}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${figure.width.toFixed(1)} ${figure.height.toFixed(1)}" width="${figure.width.toFixed(0)}" height="${figure.height.toFixed(0)}" font-family="Helvetica, Arial, sans-serif">${bg}${parts.join('')}</svg>`;
}

/** A self-contained page: no script, no external resource (the heat raster is a data: URI). */
export function renderReportHtml(blocks: readonly Block[], language: ReportLanguage, images: { heat?: string }): string {
  const body = blocks
    .map((b) => {
      switch (b.type) {
        case 'title':
          return `<h1>${esc(b.text)}</h1>`;
        case 'heading':
          return `<h2>${esc(b.text)}</h2>`;
        case 'paragraph':
          return `<p class="${b.tone ?? 'normal'}">${esc(b.text)}</p>`;
        case 'figure':
          return `<figure class="${b.figure.width >= 500 ? 'wide' : 'small'}">${figureSvg(b.figure, images)}${b.caption ? `<figcaption>${esc(b.caption)}</figcaption>` : ''}</figure>`;
        case 'table': {
          const cls = (i: number) => (b.align?.[i] === 'right' ? ' class="num"' : '');
          return `<table><thead><tr>${b.header.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
        }
      }
    })
    .join('\n');
  const title = blocks.find((b) => b.type === 'title');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${esc(title?.type === 'title' ? title.text : 'Atalaya')}</title>
<style>
body{font-family:Helvetica,Arial,sans-serif;max-width:820px;margin:24px auto;padding:0 16px;color:#212121;line-height:1.4}
h1{font-size:22px;margin-bottom:4px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:3px}
p.note{color:#555;font-size:13px}p.warning{background:#fff8e1;border-left:3px solid #f9a825;padding:6px 10px;font-size:13px}
figure{margin:10px 0}figure svg{max-width:100%;height:auto;border:1px solid #ddd}figure.wide svg{width:100%}figure.small{display:inline-block;margin-right:24px;vertical-align:top}figcaption{font-size:12px;color:#555;margin-top:4px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border-bottom:1px solid #e0e0e0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5}.num{text-align:right;font-variant-numeric:tabular-nums}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}figure,table{break-inside:avoid}}
</style></head><body>
${body}
</body></html>
`;
}
