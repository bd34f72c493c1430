import { fovContains } from '../geo/fieldOfView';
import { distanceMetres } from '../geo/geodesy';
import type { LatLng } from '../site/siteSchema';
import type { AnalyticsCamera, CoverageModel } from './coverageModel';
import type { IncidentTable } from './incidentTable';
import { zonedToEpoch } from './time';

/**
 * Before / after a camera went into service: a comparison of counts, not a causal estimate.
 *
 * Areas (fixed: the camera's current position and view):
 * - target: inside the camera's field of view;
 * - buffer: within `bufferMetres` of the camera (default twice its range) but outside its view —
 *   where incidents might move to (displacement) or also fall (diffusion of benefit);
 * - comparison: everywhere farther than the buffer that no camera sees today — a "rest of the
 *   area" control, not a matched one.
 * Incidents farther than the buffer that another camera sees are in none of the three.
 *
 * Windows: `weeks` whole weeks before local midnight of the installation date, and as many
 * after. All filters apply except the date range, which these windows replace.
 *
 * Figures: counts per area and window, the change in each, and the relative effect
 * (Welsh & Farrington's odds ratio for area-based crime prevention evaluations):
 *   RE = (target before × comparison after) / (target after × comparison before).
 * RE > 1: the target fell relative to the comparison; < 1: it rose relative to it. The 95 %
 * interval is exp(ln RE ± 1.96·√(1/a + 1/b + 1/c + 1/d)), which assumes Poisson counts; real
 * incident counts vary more than that (overdispersion), so the true uncertainty is wider.
 */

export interface BeforeAfterOptions {
  weeks: number;
  /** Default: 2 × the camera's range. */
  bufferMetres?: number;
  /** The zone the installation date is local to. */
  timeZone: string;
}

export interface AreaCounts {
  before: number;
  after: number;
  /** (after − before) / before, or null when before is 0. */
  change: number | null;
}

export const BEFORE_AFTER_WARNINGS = ['no_installation_date', 'window_incomplete', 'small_counts', 'other_installations', 'no_comparison'] as const;
export type BeforeAfterWarning = (typeof BEFORE_AFTER_WARNINGS)[number];

export interface BeforeAfterResult {
  cameraId: string;
  number: number;
  name: string;
  installedAt: string;
  weeks: number;
  /** Window edges, epoch ms: [beforeFrom, installation) and [installation, afterTo). */
  beforeFrom: number;
  installation: number;
  afterTo: number;
  bufferMetres: number;
  target: AreaCounts;
  buffer: AreaCounts;
  comparison: AreaCounts;
  /** Relative effect (odds ratio) and its 95 % interval; null when a count is zero. */
  relativeEffect: { value: number; low: number; high: number } | null;
  /** First and last incident time in the data (any filter but the date range). */
  dataFrom: number | null;
  dataTo: number | null;
  warnings: Array<{ code: BeforeAfterWarning; detail?: string }>;
}

/** Below this many target incidents in both windows together, chance alone swings the figure a lot. */
export const SMALL_COUNT = 20;

const change = (before: number, after: number): AreaCounts => ({ before, after, change: before > 0 ? (after - before) / before : null });

/** Local midnight starting an ISO date (YYYY-MM-DD) in the zone. */
export function localMidnight(isoDate: string, timeZone: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return zonedToEpoch({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 }, 0, timeZone);
}

export function beforeAfter(
  table: IncidentTable,
  model: CoverageModel,
  camera: AnalyticsCamera,
  /** Incidents passing every filter except the date range. */
  indices: ArrayLike<number>,
  opts: BeforeAfterOptions,
): BeforeAfterResult {
  const warnings: BeforeAfterResult['warnings'] = [];
  const installedAt = camera.installedAt ?? '';
  const bufferMetres = opts.bufferMetres ?? 2 * camera.range;
  const installation = installedAt ? localMidnight(installedAt, opts.timeZone) : Number.NaN;
  const weekMs = 7 * 86_400_000;
  // Whole weeks in ms; a DST change inside the window shifts its far edge by an hour, which no
  // weekly count notices.
  const beforeFrom = installation - opts.weeks * weekMs;
  const afterTo = installation + opts.weeks * weekMs;
  const counts = { tb: 0, ta: 0, bb: 0, ba: 0, cb: 0, ca: 0 };
  let dataFrom = Number.POSITIVE_INFINITY;
  let dataTo = Number.NEGATIVE_INFINITY;
  const p: LatLng = { lat: 0, lng: 0 };
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const t = table.time[i]!;
    if (t < dataFrom) dataFrom = t;
    if (t > dataTo) dataTo = t;
    if (!(t >= beforeFrom && t < afterTo)) continue;
    const after = t >= installation;
    p.lat = table.lat[i]!;
    p.lng = table.lng[i]!;
    const d = distanceMetres(camera.position, p);
    if (d <= camera.range + 1 && fovContains(camera, p)) {
      if (after) counts.ta++;
      else counts.tb++;
    } else if (d <= bufferMetres) {
      if (after) counts.ba++;
      else counts.bb++;
    } else if (!model.covered[i]) {
      if (after) counts.ca++;
      else counts.cb++;
    }
  }
  const hasData = indices.length > 0;
  if (!installedAt) warnings.push({ code: 'no_installation_date' });
  if (!hasData || dataFrom > beforeFrom || dataTo < afterTo - 86_400_000) {
    warnings.push({ code: 'window_incomplete', detail: hasData ? `${new Date(dataFrom).toISOString()}/${new Date(dataTo).toISOString()}` : 'no data' });
  }
  if (counts.tb + counts.ta < SMALL_COUNT) warnings.push({ code: 'small_counts', detail: String(counts.tb + counts.ta) });
  const others = model.cameras.filter((c) => c.id !== camera.id && c.installedAt && (() => {
    const t = localMidnight(c.installedAt, opts.timeZone);
    return t >= beforeFrom && t < afterTo;
  })());
  if (others.length) warnings.push({ code: 'other_installations', detail: others.map((c) => c.number).join(', ') });
  if (counts.cb + counts.ca === 0) warnings.push({ code: 'no_comparison' });

  const { tb: a, ta: b, cb: c, ca: d } = counts;
  let relativeEffect: BeforeAfterResult['relativeEffect'] = null;
  if (a > 0 && b > 0 && c > 0 && d > 0) {
    const value = (a * d) / (b * c);
    const se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
    relativeEffect = { value, low: Math.exp(Math.log(value) - 1.96 * se), high: Math.exp(Math.log(value) + 1.96 * se) };
  }
  return {
    cameraId: camera.id,
    number: camera.number,
    name: camera.name,
    installedAt,
    weeks: opts.weeks,
    beforeFrom,
    installation,
    afterTo,
    bufferMetres,
    target: change(a, b),
    buffer: change(counts.bb, counts.ba),
    comparison: change(c, d),
    relativeEffect,
    dataFrom: hasData ? dataFrom : null,
    dataTo: hasData ? dataTo : null,
    warnings,
  };
}
