import { z } from 'zod';
import { type AnalyticsIncident, INCIDENT_SOURCES, type IncidentSource } from './incident';
import { LocalCalendar } from './time';

/**
 * Incidents as columns of typed arrays: 100 000 of them filter in a millisecond or two, go to a
 * Web Worker without copying, and cross the contract as plain number arrays. Each row's local
 * day, day of week and hour are worked out once, when the table is built, in the city's zone.
 */

/** What `analytics.dataset` sends: one array per column, aligned; `category` indexes `categories`. */
export const IncidentColumnsSchema = z
  .object({
    lat: z.array(z.number()),
    lng: z.array(z.number()),
    time: z.array(z.number()),
    /** Index into `categories`; −1 = no category. */
    category: z.array(z.number().int().min(-1)),
    /** Index into INCIDENT_SOURCES. */
    source: z.array(z.number().int().min(0).max(INCIDENT_SOURCES.length - 1)),
    categories: z.array(z.string()),
  })
  .strict();
export type IncidentColumns = z.infer<typeof IncidentColumnsSchema>;

export const NO_CATEGORY = -1;

export class IncidentTable {
  readonly size: number;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  readonly time: Float64Array;
  /** Index into `categories`, or NO_CATEGORY. */
  readonly category: Int32Array;
  readonly source: Uint8Array;
  readonly categories: readonly string[];
  /** Local days since 1970-01-01, 0 = Monday … 6 = Sunday, 0–23: in `calendar.timeZone`. */
  readonly day: Int32Array;
  readonly dayOfWeek: Uint8Array;
  readonly hour: Uint8Array;
  readonly calendar: LocalCalendar;
  /** Earliest and latest time, or NaN when empty. */
  readonly first: number;
  readonly last: number;

  constructor(columns: { lat: ArrayLike<number>; lng: ArrayLike<number>; time: ArrayLike<number>; category: ArrayLike<number>; source: ArrayLike<number>; categories: readonly string[] }, timeZone: string) {
    const n = columns.lat.length;
    if ([columns.lng, columns.time, columns.category, columns.source].some((c) => c.length !== n)) throw new Error('incident columns differ in length');
    this.size = n;
    this.lat = Float64Array.from(columns.lat);
    this.lng = Float64Array.from(columns.lng);
    this.time = Float64Array.from(columns.time);
    this.category = Int32Array.from(columns.category);
    this.source = Uint8Array.from(columns.source);
    this.categories = [...columns.categories];
    this.calendar = new LocalCalendar(timeZone);
    this.day = new Int32Array(n);
    this.dayOfWeek = new Uint8Array(n);
    this.hour = new Uint8Array(n);
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const t = this.time[i]!;
      const day = this.calendar.dayNumber(t);
      this.day[i] = day;
      this.dayOfWeek[i] = (((day + 3) % 7) + 7) % 7;
      this.hour[i] = this.calendar.hourOfDay(t);
      if (t < first) first = t;
      if (t > last) last = t;
    }
    this.first = n ? first : Number.NaN;
    this.last = n ? last : Number.NaN;
  }

  static fromIncidents(incidents: readonly AnalyticsIncident[], timeZone: string): IncidentTable {
    return new IncidentTable(toColumns(incidents), timeZone);
  }

  categoryOf(i: number): string | undefined {
    const c = this.category[i]!;
    return c === NO_CATEGORY ? undefined : this.categories[c];
  }

  sourceOf(i: number): IncidentSource {
    return INCIDENT_SOURCES[this.source[i]!]!;
  }
}

/** Columns for the contract (and the table), categories sorted so their order is stable. */
export function toColumns(incidents: readonly AnalyticsIncident[]): IncidentColumns {
  const categories = [...new Set(incidents.map((i) => i.category).filter((c): c is string => c !== undefined))].sort((a, b) => a.localeCompare(b));
  const index = new Map(categories.map((c, i) => [c, i]));
  return {
    lat: incidents.map((i) => i.lat),
    lng: incidents.map((i) => i.lng),
    time: incidents.map((i) => i.time),
    category: incidents.map((i) => (i.category === undefined ? NO_CATEGORY : index.get(i.category)!)),
    source: incidents.map((i) => INCIDENT_SOURCES.indexOf(i.source)),
    categories,
  };
}

// ---- filters ---------------------------------------------------------------------------------

/**
 * What the analyst narrows to. Absent or empty lists mean "all". `to` is exclusive, so a brush
 * from one day's midnight to the next holds exactly that day.
 */
export const IncidentFilterSchema = z
  .object({
    from: z.number().optional(),
    to: z.number().optional(),
    /** Category names; the empty string stands for "no category". */
    categories: z.array(z.string().max(200)).max(500).optional(),
    /** 0 = Monday … 6 = Sunday, local. */
    days: z.array(z.number().int().min(0).max(6)).max(7).optional(),
    /** 0–23, local. */
    hours: z.array(z.number().int().min(0).max(23)).max(24).optional(),
    sources: z.array(z.enum(INCIDENT_SOURCES)).max(INCIDENT_SOURCES.length).optional(),
  })
  .strict();
export type IncidentFilter = z.infer<typeof IncidentFilterSchema>;

/** The empty-string category in a filter: incidents recorded without one. */
export const FILTER_NO_CATEGORY = '';

interface Predicates {
  time: (i: number) => boolean;
  category: Uint8Array | null;
  days: Uint8Array | null;
  hours: Uint8Array | null;
  sources: Uint8Array | null;
}

function predicates(table: IncidentTable, filter: IncidentFilter): Predicates {
  const from = filter.from ?? Number.NEGATIVE_INFINITY;
  const to = filter.to ?? Number.POSITIVE_INFINITY;
  const set = (values: readonly number[] | undefined, size: number) => {
    if (!values || values.length === 0) return null;
    const s = new Uint8Array(size);
    for (const v of values) if (v >= 0 && v < size) s[v] = 1;
    return s;
  };
  let category: Uint8Array | null = null;
  if (filter.categories && filter.categories.length > 0) {
    // Slot 0 is "no category", slot c + 1 is categories[c].
    category = new Uint8Array(table.categories.length + 1);
    const wanted = new Set(filter.categories);
    if (wanted.has(FILTER_NO_CATEGORY)) category[0] = 1;
    table.categories.forEach((c, i) => {
      if (wanted.has(c)) category![i + 1] = 1;
    });
  }
  return {
    time: (i) => table.time[i]! >= from && table.time[i]! < to,
    category,
    days: set(filter.days, 7),
    hours: set(filter.hours, 24),
    sources: set(filter.sources?.map((s) => INCIDENT_SOURCES.indexOf(s)), INCIDENT_SOURCES.length),
  };
}

/** Indices of the incidents that pass the filter, ascending. `ignoreTime` drops the date range. */
export function applyFilter(table: IncidentTable, filter: IncidentFilter, opts: { ignoreTime?: boolean } = {}): Uint32Array {
  const p = predicates(table, opts.ignoreTime ? { ...filter, from: undefined, to: undefined } : filter);
  const from = opts.ignoreTime ? Number.NEGATIVE_INFINITY : (filter.from ?? Number.NEGATIVE_INFINITY);
  const to = opts.ignoreTime ? Number.POSITIVE_INFINITY : (filter.to ?? Number.POSITIVE_INFINITY);
  const out = new Uint32Array(table.size);
  let n = 0;
  const { time, category, dayOfWeek, hour, source } = table;
  for (let i = 0; i < table.size; i++) {
    const t = time[i]!;
    if (t < from || t >= to) continue;
    if (p.category && !p.category[category[i]! + 1]) continue;
    if (p.days && !p.days[dayOfWeek[i]!]) continue;
    if (p.hours && !p.hours[hour[i]!]) continue;
    if (p.sources && !p.sources[source[i]!]) continue;
    out[n++] = i;
  }
  return out.slice(0, n);
}

// ---- histograms ------------------------------------------------------------------------------

export type TimeBinUnit = 'day' | 'week' | 'month';

export interface TimeHistogram {
  unit: TimeBinUnit;
  /** Bin starts (epoch ms, local midnight), plus one more: the end of the last bin. */
  edges: number[];
  /** Incidents per bin passing every filter except the date range (so the brush sees the whole timeline). */
  counts: number[];
  /** Of those, the ones inside the date range. */
  selected: number[];
}

export interface Histograms {
  time: TimeHistogram;
  /** Per hour of day, every filter except the hours. */
  hours: number[];
  /** Per day of week (Monday first), every filter except the days. */
  days: number[];
  /** Per category index (+1; slot 0 = none), every filter except the categories. */
  categories: number[];
}

/** Day bins up to ~4 months, weeks up to ~3 years, months beyond: 30–160 bars either way. */
export function timeUnitFor(spanMs: number): TimeBinUnit {
  const days = spanMs / 86_400_000;
  if (days <= 124) return 'day';
  if (days <= 3 * 366) return 'week';
  return 'month';
}

/** Bin edges over the table's whole time span, aligned to local days, Mondays or 1st of month. */
export function timeEdges(table: IncidentTable, unit: TimeBinUnit = timeUnitFor(table.last - table.first)): number[] {
  if (!table.size) return [];
  const cal = table.calendar;
  const firstDay = cal.dayNumber(table.first);
  const lastDay = cal.dayNumber(table.last);
  const dayStarts: number[] = [];
  if (unit === 'day') for (let d = firstDay; d <= lastDay + 1; d++) dayStarts.push(d);
  else if (unit === 'week') {
    const monday = firstDay - ((((firstDay + 3) % 7) + 7) % 7);
    for (let d = monday; d <= lastDay + 7; d += 7) {
      dayStarts.push(d);
      if (d > lastDay) break;
    }
  } else {
    const start = new Date(firstDay * 86_400_000);
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth();
    for (;;) {
      const d = Math.floor(Date.UTC(y, m, 1) / 86_400_000);
      dayStarts.push(d);
      if (d > lastDay) break;
      m++;
      if (m === 12) {
        m = 0;
        y++;
      }
    }
  }
  return dayStarts.map((d) => cal.startOfDay(d));
}

/** All histograms in one pass: each one applies every filter but its own (crossfilter style). */
export function histograms(table: IncidentTable, filter: IncidentFilter, edges: readonly number[] = timeEdges(table)): Histograms {
  const p = predicates(table, filter);
  const bins = Math.max(0, edges.length - 1);
  const counts = new Array<number>(bins).fill(0);
  const selected = new Array<number>(bins).fill(0);
  const hours = new Array<number>(24).fill(0);
  const days = new Array<number>(7).fill(0);
  const categories = new Array<number>(table.categories.length + 1).fill(0);
  const { time, category, dayOfWeek, hour, source } = table;
  let bin = 0;
  for (let i = 0; i < table.size; i++) {
    const okTime = p.time(i);
    const okCat = !p.category || p.category[category[i]! + 1] === 1;
    const okDay = !p.days || p.days[dayOfWeek[i]!] === 1;
    const okHour = !p.hours || p.hours[hour[i]!] === 1;
    const okSource = !p.sources || p.sources[source[i]!] === 1;
    if (!okSource) continue;
    if (okCat && okDay && okHour && bins > 0) {
      const t = time[i]!;
      // Times mostly arrive in order: try the last bin first, then search.
      if (!(t >= edges[bin]! && t < edges[bin + 1]!)) bin = findBin(edges, t);
      if (bin >= 0 && bin < bins) {
        counts[bin]!++;
        if (okTime) selected[bin]!++;
      } else bin = 0;
    }
    if (okTime && okCat && okDay) hours[hour[i]!]!++;
    if (okTime && okCat && okHour) days[dayOfWeek[i]!]!++;
    if (okTime && okDay && okHour) categories[category[i]! + 1]!++;
  }
  const unit = edges.length > 2 ? unitOfEdges(edges) : 'day';
  return { time: { unit, edges: [...edges], counts, selected }, hours, days, categories };
}

function unitOfEdges(edges: readonly number[]): TimeBinUnit {
  const d = (edges[1]! - edges[0]!) / 86_400_000;
  return d < 2 ? 'day' : d < 8 ? 'week' : 'month';
}

function findBin(edges: readonly number[], t: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  if (t < edges[0]! || t >= edges[hi]!) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}
