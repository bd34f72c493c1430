/**
 * Times in incident data: reading the many ways exports write them, and the local calendar
 * (day of week, hour of day) an analyst filters by. Local means the time zone of the monitored
 * city, passed explicitly everywhere: a report written on a server in UTC must say "Friday 23:00"
 * about the same incident as the analyst's screen in Santiago.
 */

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows ("America/Santiago", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at `epochMs` (to the second). */
export function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Offset of `timeZone` from UTC at `epochMs`, in ms (Santiago in winter: −4 h = −14 400 000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = wallTime(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `timeZone` names. In the hour a DST change skips, the time is
 * read with the offset in force before the change; in the hour it repeats, the first one.
 */
export function zonedToEpoch(w: WallTime, ms: number, timeZone: string): number {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) + ms;
  let guess = naive - zoneOffsetMs(naive, timeZone);
  // Two refinements settle every zone, including the days offsets change.
  for (let i = 0; i < 2; i++) guess = naive - zoneOffsetMs(guess, timeZone);
  return guess;
}

/**
 * Day of week and hour of day of many instants in one zone, without an Intl lookup per instant
 * (100 000 of those take seconds): offsets are looked up per day, and per hour on the days they
 * change. Offsets change on whole UTC hours (half hours in a few zones, which this treats as the
 * hour they fall in).
 */
export class LocalCalendar {
  /** Per UTC day: the offset all day long, or NaN on a day the offset changes. */
  private readonly dayOffsets = new Map<number, number>();
  private readonly hourOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  offset(epochMs: number): number {
    // Offsets change at most once a day: two lookups settle a whole day, and only the two or
    // three days a year with a change fall back to one lookup per hour.
    const day = Math.floor(epochMs / 86_400_000);
    let off = this.dayOffsets.get(day);
    if (off === undefined) {
      const start = zoneOffsetMs(day * 86_400_000, this.timeZone);
      const end = zoneOffsetMs((day + 1) * 86_400_000 - 1000, this.timeZone);
      off = start === end ? start : Number.NaN;
      this.dayOffsets.set(day, off);
    }
    if (!Number.isNaN(off)) return off;
    const hour = Math.floor(epochMs / 3_600_000);
    let h = this.hourOffsets.get(hour);
    if (h === undefined) {
      h = zoneOffsetMs(hour * 3_600_000, this.timeZone);
      this.hourOffsets.set(hour, h);
    }
    return h;
  }

  /** Local days since 1970-01-01 (for day bins). */
  dayNumber(epochMs: number): number {
    return Math.floor((epochMs + this.offset(epochMs)) / 86_400_000);
  }

  /** 0 = Monday … 6 = Sunday (ISO order, as Spanish and Portuguese calendars start the week). */
  dayOfWeek(epochMs: number): number {
    // 1970-01-01 was a Thursday (ISO day 3 counting Monday as 0).
    return (((this.dayNumber(epochMs) + 3) % 7) + 7) % 7;
  }

  hourOfDay(epochMs: number): number {
    const local = epochMs + this.offset(epochMs);
    return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
  }

  /** Epoch ms of local midnight starting local day `dayNumber`. */
  startOfDay(dayNumber: number): number {
    const naive = dayNumber * 86_400_000;
    const d = new Date(naive);
    return zonedToEpoch({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 }, 0, this.timeZone);
  }
}

/** `YYYY-MM-DD HH:MM:SS` in the zone: how exports and reports print a time. */
export function formatLocal(epochMs: number, timeZone: string, withSeconds = true): string {
  const w = wallTime(epochMs, timeZone);
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}${withSeconds ? `:${p(w.second)}` : ''}`;
}

export function formatLocalDate(epochMs: number, timeZone: string): string {
  return formatLocal(epochMs, timeZone).slice(0, 10);
}

// ---- reading times -------------------------------------------------------------------------

export interface TimeParseOptions {
  /** Zone of times written without an offset. */
  timeZone: string;
  /** How to read `01/02/2024`; ISO (year first) dates are always read as such. */
  dateOrder: DateOrder;
}

export type TimeParse = { ok: true; time: number } | { ok: false; problem: string };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T ,]\s*(.+))?$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:[T ,]\s*(.+))?$/;
const CLOCK = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap]\.?\s?m\.?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clock(text: string): { hour: number; minute: number; second: number; ms: number } | string {
  const m = CLOCK.exec(text.trim());
  if (!m) return `"${text}" is not a time of day (HH:MM or HH:MM:SS)`;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const second = Number(m[3] ?? 0);
  const ms = m[4] ? Math.round(Number(`0.${m[4]}`) * 1000) : 0;
  const ampm = m[5]?.toLowerCase().replace(/[.\s]/g, '');
  if (ampm) {
    if (hour < 1 || hour > 12) return `hour ${hour} with ${m[5]} must be 1–12`;
    if (ampm === 'am') hour = hour === 12 ? 0 : hour;
    else hour = hour === 12 ? 12 : hour + 12;
  }
  if (m[2] === undefined && !ampm) return `"${text}" is not a time of day (HH:MM or HH:MM:SS)`;
  if (hour > 23) return `hour ${hour} is past 23`;
  if (minute > 59) return `minute ${minute} is past 59`;
  if (second > 59) return `second ${second} is past 59`;
  return { hour, minute, second, ms };
}

function build(year: number, month: number, day: number, timeText: string | undefined, opts: TimeParseOptions, zone?: string): TimeParse {
  if (month < 1 || month > 12) return { ok: false, problem: `month ${month} does not exist` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}` };
  let c = { hour: 0, minute: 0, second: 0, ms: 0 };
  if (timeText !== undefined && timeText.trim() !== '') {
    const parsed = clock(timeText);
    if (typeof parsed === 'string') return { ok: false, problem: parsed };
    c = parsed;
  }
  const wall = { year, month, day, hour: c.hour, minute: c.minute, second: c.second };
  if (zone !== undefined) {
    const naive = Date.UTC(year, month - 1, day, c.hour, c.minute, c.second) + c.ms;
    if (zone.toUpperCase() === 'Z') return { ok: true, time: naive };
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
    return { ok: true, time: naive - sign * offsetMin * 60_000 };
  }
  return { ok: true, time: zonedToEpoch(wall, c.ms, opts.timeZone) };
}

/**
 * Reads one timestamp. Accepted: ISO 8601 (`2024-03-05T14:30:00-03:00`, `2024-03-05 14:30`, a
 * date alone), `2024/03/05 14:30`, day-first or month-first dates with `/ . -` (`05/03/2024 14:30`,
 * per `dateOrder`), 12-hour clocks (`2:30 PM`), and epoch seconds (10 digits) or milliseconds
 * (13 digits). Without an offset a time is local to `opts.timeZone`. Two-digit years are refused:
 * "05/03/24" is a guess this importer will not make for an analyst.
 */
export function parseTimestamp(raw: string, opts: TimeParseOptions): TimeParse {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'missing' };
  if (/^\d{9,13}$/.test(text)) {
    const n = Number(text);
    return { ok: true, time: text.length <= 10 ? n * 1000 : n };
  }
  let m = ISO.exec(text);
  if (m) {
    const timeText = m[4] !== undefined ? `${m[4]}:${m[5]}${m[6] !== undefined ? `:${m[6]}` : ''}${m[7] !== undefined ? `.${m[7]}` : ''}` : undefined;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), timeText, opts, m[8]);
  }
  m = YMD_SLASH.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], opts);
  m = DMY.exec(text);
  if (m) {
    if (m[3]!.length !== 4) return { ok: false, problem: `"${text}" has a two-digit year: write the year in full` };
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [day, month] = opts.dateOrder === 'mdy' ? [b, a] : [a, b];
    return build(Number(m[3]), month, day, m[4], opts);
  }
  return { ok: false, problem: `"${text.slice(0, 60)}" is not a date and time this import reads (ISO 8601, dd/mm/yyyy hh:mm, or epoch seconds)` };
}

/**
 * For `01/02/2024`-style dates: day-first if any first number is above 12, month-first if any
 * second number is, otherwise day-first (the order of Latin America, Spain and Portugal — and of
 * the police exports Atalaya's users have). Year-first values say nothing and are skipped.
 */
export function detectDateOrder(values: Iterable<string>): DateOrder {
  for (const value of values) {
    const m = DMY.exec(value.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return 'dmy';
}
