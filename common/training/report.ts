import { formatPosition } from './exerciseClock';
import type { ExerciseBookmark, Trainee } from './exerciseRun';
import { exerciseTiles, type Exercise, type ExerciseCategory } from './exerciseSchema';
import { reportTranslator, type ReportKey, type ReportLanguage, type ReportTranslate } from './reportText';
import { scoreExercise, type BookmarkOutcome, type BookmarkResult, type ExerciseScore, type Score } from './scoring';

/**
 * The after-action report as data: everything the HTML and the PDF show, computed once, so the two
 * files cannot disagree. The timeline chart is laid out here as drawing primitives that both
 * writers render (SVG in the HTML, pdf-lib in the PDF).
 */

export interface ReportInput {
  runId: string;
  source: string;
  exercise: Exercise;
  trainees: Trainee[];
  bookmarks: ExerciseBookmark[];
  startedAt: string | null;
  endedAt: string | null;
  /** Furthest exercise position the run reached. */
  reachedS: number;
  injectsFired: Array<{ injectId: string; positionS: number }>;
  generatedAt: string;
  language: ReportLanguage;
}

export interface ReportModel extends ReportInput {
  score: ExerciseScore;
  cameras: Array<{ cameraId: string; label: string }>;
  t: ReportTranslate;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { exercise } = input;
  const score = scoreExercise(
    exercise.incidents,
    input.bookmarks,
    input.trainees.map((t) => t.id),
    exercise.scoring,
  );
  const cameras = exerciseTiles(exercise).map(({ tile }) => ({ cameraId: tile.cameraId, label: tile.label ?? tile.cameraId }));
  return { ...input, score, cameras, t: reportTranslator(input.language) };
}

export function categoryLabel(categories: readonly ExerciseCategory[], id: string, language: ReportLanguage): string {
  const category = categories.find((c) => c.id === id);
  return category ? (category.names[language] ?? category.names.en) : id;
}

export function traineeName(model: Pick<ReportModel, 'trainees'>, id: string): string {
  return model.trainees.find((t) => t.id === id)?.name ?? id;
}

/** The trainee's own result for each of their bookmarks (what the chart colours by). */
export function bookmarkResults(model: ReportModel): Map<string, BookmarkResult> {
  const results = new Map<string, BookmarkResult>();
  for (const { score } of model.score.trainees) for (const r of score.bookmarks) results.set(r.bookmarkId, r);
  return results;
}

export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
export const secs = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} s`);

/** Score table rows: each trainee, then the team. */
export function scoreRows(model: ReportModel): Array<{ name: string; score: Score; team: boolean }> {
  return [
    ...model.score.trainees.map(({ traineeId, score }) => ({ name: traineeName(model, traineeId), score, team: false })),
    ...(model.score.trainees.length > 1 ? [{ name: model.t('team'), score: model.score.team, team: true }] : []),
  ];
}

export const SCORE_COLUMNS: ReportKey[] = ['hits', 'wrongCategory', 'missed', 'falseAlarms', 'duplicates', 'detection', 'precision', 'meanReaction', 'medianReaction'];

export function scoreCells(score: Score): string[] {
  const s = score.summary;
  return [String(s.hits), String(s.wrongCategory), String(s.missed), String(s.falseAlarms), String(s.duplicates), pct(s.detectionRate), pct(s.precision), secs(s.meanReactionS), secs(s.medianReactionS)];
}

/** Per-incident detail: for each trainee, what became of it. */
export function incidentDetail(model: ReportModel): Array<{ id: string; cameras: string; category: string; window: string; description: string; results: string[] }> {
  const { t, exercise, language } = model;
  const labelOf = (id: string) => model.cameras.find((c) => c.cameraId === id)?.label ?? id;
  return [...exercise.incidents]
    .sort((a, b) => a.startS - b.startS)
    .map((incident) => ({
      id: incident.id,
      cameras: incident.cameraIds.map(labelOf).join(', '),
      category: categoryLabel(exercise.categories, incident.category, language),
      window: `${formatPosition(incident.startS)}–${formatPosition(incident.endS)}`,
      description: incident.description,
      results: model.score.trainees.map(({ traineeId, score }) => {
        const r = score.incidents.find((x) => x.incidentId === incident.id)!;
        const outcome = t(`outcome.${r.outcome}` as ReportKey) + (r.reactionS !== undefined ? ` (${secs(r.reactionS)})` : '');
        return t('by', { who: traineeName(model, traineeId), outcome });
      }),
    }));
}

// ---- the timeline chart -------------------------------------------------------------------

export type ChartPrimitive =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; opacity?: number; stroke?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: boolean }
  | { kind: 'text'; x: number; y: number; text: string; size: number; fill: string; anchor: 'start' | 'middle' | 'end'; bold?: boolean }
  | { kind: 'marker'; x: number; y: number; r: number; fill: string; shape: 'circle' | 'diamond' | 'cross' | 'square' };

export interface ChartLayout {
  width: number;
  height: number;
  primitives: ChartPrimitive[];
}

export const OUTCOME_COLOURS: Record<BookmarkOutcome, string> = {
  hit: '#2e7d32',
  'false-alarm': '#c62828',
  duplicate: '#757575',
  'wrong-category': '#ef6c00',
};
const OUTCOME_SHAPES: Record<BookmarkOutcome, 'circle' | 'cross' | 'square' | 'diamond'> = {
  hit: 'circle',
  'false-alarm': 'cross',
  duplicate: 'square',
  'wrong-category': 'diamond',
};

/** A tick step near `span / 8` from 1-2-5 steps of seconds/minutes. */
function tickStep(span: number): number {
  const steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find((s) => span / s <= 10) ?? 3600;
}

/** Lays the chart out in a box `width` wide (points or px), rows per camera, time left to right. */
export function layoutTimelineChart(model: ReportModel, width: number): ChartLayout {
  const { exercise, t } = model;
  const labelW = Math.min(180, Math.round(width * 0.26));
  const rowH = 20;
  const top = 30;
  const plotW = width - labelW - 12;
  const durationS = exercise.durationS;
  const x = (s: number) => labelW + (Math.max(0, Math.min(durationS, s)) / durationS) * plotW;
  const incidentCameras = new Set(exercise.incidents.flatMap((i) => i.cameraIds));
  const bookmarkCameras = new Set(model.bookmarks.flatMap((b) => b.cameraIds));
  // A large wall would make an unreadable chart: beyond 30 cameras, only those with something on them.
  const rows = model.cameras.length <= 30 ? model.cameras : model.cameras.filter((c) => incidentCameras.has(c.cameraId) || bookmarkCameras.has(c.cameraId));
  const rowOf = new Map(rows.map((c, i) => [c.cameraId, i]));
  const plotH = Math.max(1, rows.length) * rowH;
  const p: ChartPrimitive[] = [];

  // Time axis with ticks.
  const step = tickStep(durationS);
  for (let s = 0; s <= durationS + 1e-9; s += step) {
    p.push({ kind: 'line', x1: x(s), y1: top - 4, x2: x(s), y2: top + plotH, stroke: '#d0d0d0', width: 0.5 });
    p.push({ kind: 'text', x: x(s), y: top - 8, text: formatPosition(s), size: 8, fill: '#555555', anchor: 'middle' });
  }
  rows.forEach((camera, i) => {
    const y = top + i * rowH;
    if (i % 2 === 0) p.push({ kind: 'rect', x: labelW, y, w: plotW, h: rowH, fill: '#f4f6f8' });
    const label = camera.label.length > 28 ? `${camera.label.slice(0, 27)}…` : camera.label;
    p.push({ kind: 'text', x: labelW - 6, y: y + rowH / 2 + 3, text: label, size: 8, fill: '#222222', anchor: 'end' });
  });
  p.push({ kind: 'line', x1: labelW, y1: top + plotH, x2: labelW + plotW, y2: top + plotH, stroke: '#888888', width: 0.8 });

  // Injects: dashed verticals across the plot.
  for (const inject of exercise.injects) {
    p.push({ kind: 'line', x1: x(inject.atS), y1: top, x2: x(inject.atS), y2: top + plotH, stroke: '#5c6bc0', width: 0.8, dash: true });
  }

  // Expected incidents: bars in their category colour, the grace window lighter around them.
  for (const incident of exercise.incidents) {
    const colour = exercise.categories.find((c) => c.id === incident.category)?.colour ?? '#999999';
    for (const cameraId of incident.cameraIds) {
      const row = rowOf.get(cameraId);
      if (row === undefined) continue;
      const y = top + row * rowH;
      const g0 = x(incident.startS - exercise.scoring.graceBeforeS);
      const g1 = x(incident.endS + exercise.scoring.graceAfterS);
      p.push({ kind: 'rect', x: g0, y: y + 5, w: Math.max(1, g1 - g0), h: rowH - 10, fill: colour, opacity: 0.18 });
      p.push({ kind: 'rect', x: x(incident.startS), y: y + 5, w: Math.max(1, x(incident.endS) - x(incident.startS)), h: rowH - 10, fill: colour, opacity: 0.75 });
    }
  }

  // Bookmarks: a marker per named camera, shaped and coloured by the trainee's own result,
  // with the trainee's number above it.
  const results = bookmarkResults(model);
  const traineeNumber = new Map(model.trainees.map((tr, i) => [tr.id, i + 1]));
  for (const b of model.bookmarks) {
    const outcome = results.get(b.id)?.outcome ?? 'false-alarm';
    for (const cameraId of b.cameraIds) {
      const row = rowOf.get(cameraId);
      if (row === undefined) continue;
      const y = top + row * rowH + rowH / 2;
      p.push({ kind: 'marker', x: x(b.atS), y, r: 4, fill: OUTCOME_COLOURS[outcome], shape: OUTCOME_SHAPES[outcome] });
      if (model.trainees.length > 1) p.push({ kind: 'text', x: x(b.atS) + 5, y: y - 3, text: String(traineeNumber.get(b.traineeId) ?? '?'), size: 6, fill: '#222222', anchor: 'start' });
    }
  }

  // Legend.
  const ly = top + plotH + 18;
  let lx = labelW;
  p.push({ kind: 'rect', x: lx, y: ly - 6, w: 14, h: 8, fill: '#e53935', opacity: 0.75 });
  p.push({ kind: 'text', x: lx + 18, y: ly + 1, text: t('legendIncident'), size: 8, fill: '#222222', anchor: 'start' });
  lx += 24 + t('legendIncident').length * 4.4;
  for (const [outcome, key] of [['hit', 'legendHit'], ['false-alarm', 'legendFalseAlarm'], ['duplicate', 'legendDuplicate'], ['wrong-category', 'legendWrongCategory']] as const) {
    p.push({ kind: 'marker', x: lx + 4, y: ly - 2, r: 4, fill: OUTCOME_COLOURS[outcome], shape: OUTCOME_SHAPES[outcome] });
    p.push({ kind: 'text', x: lx + 12, y: ly + 1, text: t(key), size: 8, fill: '#222222', anchor: 'start' });
    lx += 20 + t(key).length * 4.4;
  }
  p.push({ kind: 'line', x1: lx, y1: ly - 7, x2: lx, y2: ly + 3, stroke: '#5c6bc0', width: 0.8, dash: true });
  p.push({ kind: 'text', x: lx + 5, y: ly + 1, text: t('legendInject'), size: 8, fill: '#222222', anchor: 'start' });
  let height = ly + 10;
  if (model.trainees.length > 1) {
    const names = model.trainees.map((tr, i) => `${i + 1} = ${tr.name}`).join('   ');
    p.push({ kind: 'text', x: labelW, y: ly + 16, text: names, size: 8, fill: '#222222', anchor: 'start' });
    height += 14;
  }
  return { width, height, primitives: p };
}

// ---- HTML ---------------------------------------------------------------------------------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();

export function chartSvg(layout: ChartLayout): string {
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f(layout.width)} ${f(layout.height)}" width="100%" role="img">`];
  for (const p of layout.primitives) {
    if (p.kind === 'rect') {
      out.push(`<rect x="${f(p.x)}" y="${f(p.y)}" width="${f(p.w)}" height="${f(p.h)}" fill="${p.fill}"${p.opacity !== undefined ? ` fill-opacity="${p.opacity}"` : ''}${p.stroke ? ` stroke="${p.stroke}"` : ''}/>`);
    } else if (p.kind === 'line') {
      out.push(`<line x1="${f(p.x1)}" y1="${f(p.y1)}" x2="${f(p.x2)}" y2="${f(p.y2)}" stroke="${p.stroke}" stroke-width="${p.width}"${p.dash ? ' stroke-dasharray="3 2"' : ''}/>`);
    } else if (p.kind === 'text') {
      out.push(`<text x="${f(p.x)}" y="${f(p.y)}" font-size="${p.size}" fill="${p.fill}" text-anchor="${p.anchor}"${p.bold ? ' font-weight="bold"' : ''}>${escapeHtml(p.text)}</text>`);
    } else {
      const { x, y, r, fill } = p;
      if (p.shape === 'circle') out.push(`<circle cx="${f(x)}" cy="${f(y)}" r="${r}" fill="${fill}" stroke="#ffffff" stroke-width="0.8"/>`);
      else if (p.shape === 'square') out.push(`<rect x="${f(x - r * 0.85)}" y="${f(y - r * 0.85)}" width="${f(r * 1.7)}" height="${f(r * 1.7)}" fill="${fill}" stroke="#ffffff" stroke-width="0.8"/>`);
      else if (p.shape === 'diamond') out.push(`<path d="M${f(x)} ${f(y - r)}L${f(x + r)} ${f(y)}L${f(x)} ${f(y + r)}L${f(x - r)} ${f(y)}Z" fill="${fill}" stroke="#ffffff" stroke-width="0.8"/>`);
      else out.push(`<path d="M${f(x - r)} ${f(y - r)}L${f(x + r)} ${f(y + r)}M${f(x + r)} ${f(y - r)}L${f(x - r)} ${f(y + r)}" stroke="${fill}" stroke-width="2"/>`);
    }
  }
  out.push('</svg>');
  return out.join('');
}

const STYLE = `
body{font:13px/1.45 system-ui,'Segoe UI',Roboto,sans-serif;color:#1b1f24;margin:24px auto;max-width:1000px;padding:0 16px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.meta{color:#57606a;margin:0 0 12px}.meta span{margin-right:18px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}tr.team td{font-weight:600;background:#f6f8fa}
.o-hit{color:#2e7d32;font-weight:600}.o-missed,.o-false-alarm{color:#c62828;font-weight:600}.o-wrong-category{color:#ef6c00;font-weight:600}.o-duplicate{color:#757575}
.chart{border:1px solid #d0d7de;padding:8px;margin:6px 0}.small{color:#57606a;font-size:12px}
.banner{display:inline-block;background:#ffb300;color:#000;font-weight:800;letter-spacing:.12em;padding:1px 8px;border-radius:3px;margin-bottom:8px}
`;

/** The report as one self-contained HTML page (no scripts, no external resources). */
export function renderReportHtml(model: ReportModel): string {
  const { t, exercise, language } = model;
  const e = escapeHtml;
  const results = bookmarkResults(model);
  const labelOf = (id: string) => model.cameras.find((c) => c.cameraId === id)?.label ?? id;
  const html: string[] = [];
  html.push(`<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${e(t('reportTitle'))} — ${e(exercise.title)}</title><style>${STYLE}</style></head><body>`);
  html.push(`<div class="banner">${e(t('exerciseBanner'))}</div><h1>${e(t('reportTitle'))}: ${e(exercise.title)}</h1>`);
  html.push(
    `<p class="meta"><span>${e(t('run'))}: ${e(model.runId)}</span><span>${e(t('started'))}: ${e(model.startedAt ?? '—')}</span><span>${e(t('ended'))}: ${e(model.endedAt ?? t('notEnded'))}</span><span>${e(t('duration'))}: ${formatPosition(exercise.durationS)}</span><span>${e(t('reached'))}: ${formatPosition(model.reachedS)}</span></p>`,
  );
  if (exercise.description) html.push(`<p>${e(exercise.description)}</p>`);
  html.push(`<p><strong>${e(t('trainees'))}:</strong> ${model.trainees.length > 0 ? model.trainees.map((tr) => e(tr.name)).join(', ') : e(t('noTrainees'))}</p>`);

  html.push(`<h2>${e(t('score'))}</h2><table class="score"><thead><tr><th>${e(t('trainee'))}</th>${SCORE_COLUMNS.map((k) => `<th>${e(t(k))}</th>`).join('')}</tr></thead><tbody>`);
  for (const row of scoreRows(model)) {
    html.push(`<tr${row.team ? ' class="team"' : ''} data-trainee="${e(row.name)}"><td>${e(row.name)}</td>${scoreCells(row.score).map((c, i) => `<td class="n" data-col="${SCORE_COLUMNS[i]}">${e(c)}</td>`).join('')}</tr>`);
  }
  html.push('</tbody></table>');

  html.push(`<h2>${e(t('timeline'))}</h2><div class="chart">${chartSvg(layoutTimelineChart(model, 960))}</div>`);

  html.push(`<h2>${e(t('incidents'))}</h2>`);
  const detail = incidentDetail(model);
  if (detail.length === 0) html.push(`<p>${e(t('noIncidents'))}</p>`);
  else {
    html.push(`<table class="incidents"><thead><tr><th>${e(t('incident'))}</th><th>${e(t('cameras'))}</th><th>${e(t('category'))}</th><th>${e(t('window'))}</th><th>${e(t('description'))}</th><th>${e(t('result'))}</th></tr></thead><tbody>`);
    for (const d of detail) {
      const incidentId = d.id;
      const outcomes = model.score.trainees.map(({ score }) => score.incidents.find((x) => x.incidentId === incidentId)!.outcome);
      html.push(
        `<tr data-incident="${e(d.id)}"><td>${e(d.id)}</td><td>${e(d.cameras)}</td><td>${e(d.category)}</td><td>${e(d.window)}</td><td>${e(d.description)}</td><td>${d.results.map((r, i) => `<div class="o-${outcomes[i]}">${e(r)}</div>`).join('') || e(t('none'))}</td></tr>`,
      );
    }
    html.push('</tbody></table>');
  }

  html.push(`<h2>${e(t('bookmarks'))}</h2>`);
  if (model.bookmarks.length === 0) html.push(`<p>${e(t('noBookmarks'))}</p>`);
  else {
    html.push(`<table class="bookmarks"><thead><tr><th>${e(t('time'))}</th><th>${e(t('trainee'))}</th><th>${e(t('cameras'))}</th><th>${e(t('category'))}</th><th>${e(t('note'))}</th><th>${e(t('result'))}</th></tr></thead><tbody>`);
    for (const b of [...model.bookmarks].sort((x, y) => x.atS - y.atS)) {
      const r = results.get(b.id);
      const outcome = r ? t(`outcome.${r.outcome}` as ReportKey) + (r.incidentId ? ` · ${r.incidentId}` : '') + (r.reason ? ` · ${t(`reason.${r.reason}` as ReportKey)}` : '') : '—';
      html.push(
        `<tr data-bookmark="${e(b.id)}"><td>${formatPosition(b.atS)} <span class="small">(${b.atS.toFixed(1)} s)</span></td><td>${e(traineeName(model, b.traineeId))}</td><td>${e(b.cameraIds.map(labelOf).join(', '))}</td><td>${e(categoryLabel(exercise.categories, b.categoryId, language))}</td><td>${e(b.note)}</td><td class="o-${r?.outcome ?? ''}">${e(outcome)}</td></tr>`,
      );
    }
    html.push('</tbody></table>');
  }

  html.push(`<h2>${e(t('injects'))}</h2>`);
  if (exercise.injects.length === 0) html.push(`<p>${e(t('noInjects'))}</p>`);
  else {
    html.push(`<table class="injects"><thead><tr><th>${e(t('time'))}</th><th>${e(t('message'))}</th></tr></thead><tbody>`);
    for (const inject of [...exercise.injects].sort((a, b) => a.atS - b.atS)) {
      const where = inject.location ? ` <span class="small">(${e(inject.location.label ?? '')} ${inject.location.lat.toFixed(5)}, ${inject.location.lng.toFixed(5)})</span>` : '';
      html.push(`<tr><td>${formatPosition(inject.atS)}</td><td>${e(inject.text)}${where}</td></tr>`);
    }
    html.push('</tbody></table>');
  }

  html.push(`<h2>${e(t('rules'))}</h2><p class="small">${e(t('rulesText', { before: exercise.scoring.graceBeforeS, after: exercise.scoring.graceAfterS }))}</p>`);
  html.push(`<p class="small">${e(t('generated', { date: model.generatedAt }))}</p></body></html>`);
  return html.join('\n');
}
