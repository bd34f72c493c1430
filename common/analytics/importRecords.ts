import { z } from 'zod';
import { type CsvDelimiter, CSV_DELIMITERS, parseCsv } from './csv';
import { MAX_CATEGORY_CHARS, MAX_FIELD_CHARS, MAX_FREE_FIELDS, MAX_ID_CHARS } from './incident';
import { type DateOrder, detectDateOrder, isValidTimeZone, parseTimestamp } from './time';

/**
 * Turning an export from a police or emergency-call system into incidents, row by row, with every
 * problem reported as (row, field, problem). The caller decides what to do with a file that has
 * problems; Atalaya's import takes nothing from it (see the analytics service), so an analyst
 * fixes the file and imports again rather than wondering which rows made it in.
 */

// ---- the mapping the analyst chooses -------------------------------------------------------

const ColumnName = z.string().min(1).max(200);

export const ColumnMappingSchema = z
  .object({
    lat: ColumnName,
    lng: ColumnName,
    /** Date and time, or the date alone when `timeOfDay` names a separate time column. */
    time: ColumnName,
    timeOfDay: ColumnName.optional(),
    category: ColumnName.optional(),
    /** The source system's own incident number; without one, ids are derived from the content. */
    id: ColumnName.optional(),
    /** Other columns to keep with each record (shown in the incident details and exports). */
    fields: z.array(ColumnName).max(MAX_FREE_FIELDS).default([]),
  })
  .strict();

export const ImportOptionsSchema = z
  .object({
    /** Zone of times written without an offset: the monitored city's. */
    timeZone: z.string().min(1).max(64).refine(isValidTimeZone, { message: 'not a time zone this system knows' }),
    /** How to read 03/04/2024; `auto` looks at the file (day-first unless it proves otherwise). */
    dateOrder: z.enum(['auto', 'ymd', 'dmy', 'mdy']).default('auto'),
    /** CSV only: `auto` guesses from the first lines. */
    delimiter: z.enum(['auto', ...CSV_DELIMITERS] as ['auto', ...CsvDelimiter[]]).default('auto'),
    /** CSV only: `1,5` as one and a half; `auto` = yes when the delimiter is not a comma. */
    decimalComma: z.enum(['auto', 'yes', 'no']).default('auto'),
  })
  .strict();

export type ColumnMapping = z.input<typeof ColumnMappingSchema>;
export type ImportOptions = z.input<typeof ImportOptionsSchema>;

export const IMPORT_FIELDS = ['lat', 'lng', 'time', 'timeOfDay', 'category', 'id'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

// Header names seen in police, 911/133 and open-data exports, in en/es/pt. Compared lowercased,
// without accents, spaces or punctuation.
const GUESSES: Record<ImportField, readonly string[]> = {
  lat: ['lat', 'latitude', 'latitud', 'y', 'coordy', 'gpslat', 'lat_wgs84'],
  lng: ['lng', 'lon', 'long', 'longitude', 'longitud', 'x', 'coordx', 'gpslon', 'gpslng', 'lon_wgs84'],
  // Date-and-time names first, then date names (a "time" column beside one is the time of day).
  time: ['datetime', 'timestamp', 'fechahora', 'datahora', 'occurredat', 'occurred', 'reportedat', 'fechaocurrencia', 'fechahecho', 'dataocorrencia', 'date', 'fecha', 'data', 'time', 'when'],
  timeOfDay: ['hora', 'hour', 'timeofday', 'horaocurrencia', 'horahecho', 'horario'],
  category: ['category', 'type', 'tipo', 'categoria', 'delito', 'crime', 'offense', 'offence', 'naturaleza', 'natureza', 'incidenttype', 'clase', 'class'],
  id: ['id', 'incidentid', 'folio', 'caso', 'case', 'casenumber', 'numero', 'nro', 'ocorrencia', 'boletim', 'eventid', 'recordid', 'uuid'],
};

const normaliseHeader = (h: string) =>
  h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** A first mapping from the header names; the analyst confirms or changes it in the dialog. */
export function guessMapping(header: readonly string[]): Partial<Record<ImportField, string>> & { fields: string[] } {
  const used = new Set<string>();
  const out: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    for (const guess of GUESSES[field]) {
      const hit = header.find((h) => !used.has(h) && normaliseHeader(h) === guess);
      if (hit !== undefined) {
        out[field] = hit;
        used.add(hit);
        break;
      }
    }
  }
  // "date" + "time" columns: the time column is the time of day.
  if (out.timeOfDay === undefined && out.time !== undefined && normaliseHeader(out.time) !== 'time') {
    const hit = header.find((h) => !used.has(h) && normaliseHeader(h) === 'time');
    if (hit !== undefined) {
      out.timeOfDay = hit;
      used.add(hit);
    }
  }
  return { ...out, fields: header.filter((h) => !used.has(h) && h !== '').slice(0, MAX_FREE_FIELDS) };
}

// ---- what comes out ------------------------------------------------------------------------

export const IMPORT_PROBLEM_CODES = [
  'missing',
  'not_a_number',
  'out_of_range',
  'null_island',
  'bad_time',
  'future',
  'too_long',
  'duplicate_id',
  'field_count',
  'structure',
  'not_a_point',
  'unknown_column',
  'too_many',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export const ImportProblemSchema = z
  .object({
    /** CSV: the line the record starts on (the header is line 1). GeoJSON: the feature's position, from 1. */
    row: z.number().int().min(0),
    /** The column as the file names it (or `lat`/`lng`… for a GeoJSON geometry); `(row)` for the record as a whole. */
    field: z.string(),
    code: z.enum(IMPORT_PROBLEM_CODES),
    /** In English, for logs and scripts; the UI words it from `code` and `value`. */
    problem: z.string(),
    value: z.string().optional(),
  })
  .strict();
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export interface ParsedRecord {
  /** Where it came from, for a problem found later (e.g. a duplicate id across files). */
  row: number;
  id: string;
  lat: number;
  lng: number;
  time: number;
  category?: string;
  fields?: Record<string, string>;
}

export interface ImportParse {
  records: ParsedRecord[];
  /** Every problem; a caller showing them may cap the list, never the count. */
  problems: ImportProblem[];
  /** Data rows read (header excluded). */
  rows: number;
  /** What `auto` options resolved to, to show the analyst. */
  resolved: { dateOrder: DateOrder; delimiter?: CsvDelimiter; decimalComma?: boolean };
}

/** A little after now: a clock a few minutes fast at the source is not an error. */
const FUTURE_SLACK_MS = 24 * 3_600_000;

function parseNumber(text: string, decimalComma: boolean): number | undefined {
  let t = text.trim();
  if (decimalComma) t = t.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Content-derived id for records without one: FNV-1a (64 bit as two 32-bit halves) of what the
 * record says. The same row imported twice gets the same id, so it is updated, not duplicated.
 */
export function contentId(parts: readonly (string | number)[]): string {
  const text = parts.join('\u001f');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `h:${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
}

interface RawRecord {
  row: number;
  get(field: string): string | undefined;
  lat?: number;
  lng?: number;
}

interface CommonOptions {
  mapping: z.output<typeof ColumnMappingSchema>;
  timeZone: string;
  dateOrder: DateOrder;
  decimalComma: boolean;
  now: number;
}

/** The shared per-record rules for CSV rows and GeoJSON features. */
function validateRecords(raws: Iterable<RawRecord>, opts: CommonOptions, problems: ImportProblem[]): ParsedRecord[] {
  const { mapping } = opts;
  const out: ParsedRecord[] = [];
  const idRows = new Map<string, number>();
  const contentSeen = new Map<string, number>();
  const add = (row: number, field: string, code: ImportProblemCode, problem: string, value?: string) =>
    problems.push({ row, field, code, problem, ...(value !== undefined ? { value: value.slice(0, 120) } : {}) });

  for (const raw of raws) {
    const before = problems.length;
    const coordinate = (field: 'lat' | 'lng', given: number | undefined, limit: number): number | undefined => {
      const column = mapping[field];
      if (given !== undefined) {
        if (!(given >= -limit && given <= limit)) add(raw.row, column, 'out_of_range', `${field === 'lat' ? 'latitude' : 'longitude'} ${given} is outside −${limit}…${limit}`, String(given));
        return given;
      }
      const text = raw.get(column)?.trim() ?? '';
      if (text === '') {
        add(raw.row, column, 'missing', 'missing');
        return undefined;
      }
      const n = parseNumber(text, opts.decimalComma);
      if (n === undefined) {
        add(raw.row, column, 'not_a_number', `"${text.slice(0, 40)}" is not a number`, text);
        return undefined;
      }
      if (!(n >= -limit && n <= limit)) {
        add(raw.row, column, 'out_of_range', `${field === 'lat' ? 'latitude' : 'longitude'} ${n} is outside −${limit}…${limit}`, text);
        return undefined;
      }
      return n;
    };
    const lat = coordinate('lat', raw.lat, 90);
    const lng = coordinate('lng', raw.lng, 180);
    if (lat === 0 && lng === 0) add(raw.row, mapping.lat, 'null_island', '0, 0 is in the Gulf of Guinea: the address was probably not geocoded', '0, 0');

    let time: number | undefined;
    const dateText = raw.get(mapping.time)?.trim() ?? '';
    const clockText = mapping.timeOfDay !== undefined ? (raw.get(mapping.timeOfDay)?.trim() ?? '') : '';
    if (dateText === '') add(raw.row, mapping.time, 'missing', 'missing');
    else {
      const parsed = parseTimestamp(clockText !== '' ? `${dateText} ${clockText}` : dateText, { timeZone: opts.timeZone, dateOrder: opts.dateOrder });
      if (!parsed.ok) add(raw.row, mapping.time, 'bad_time', parsed.problem, clockText !== '' ? `${dateText} ${clockText}` : dateText);
      else if (parsed.time < 0) add(raw.row, mapping.time, 'out_of_range', 'before 1970', dateText);
      else if (parsed.time > opts.now + FUTURE_SLACK_MS) add(raw.row, mapping.time, 'future', 'in the future', dateText);
      else time = parsed.time;
    }

    let category: string | undefined;
    if (mapping.category !== undefined) {
      const text = raw.get(mapping.category)?.trim() ?? '';
      if (text.length > MAX_CATEGORY_CHARS) add(raw.row, mapping.category, 'too_long', `longer than ${MAX_CATEGORY_CHARS} characters`, text);
      else if (text !== '') category = text;
    }

    const fields: Record<string, string> = {};
    for (const column of mapping.fields) {
      const text = raw.get(column)?.trim() ?? '';
      if (text.length > MAX_FIELD_CHARS) add(raw.row, column, 'too_long', `longer than ${MAX_FIELD_CHARS} characters`, text);
      else if (text !== '') fields[column] = text;
    }

    let id: string | undefined;
    if (mapping.id !== undefined) {
      const text = raw.get(mapping.id)?.trim() ?? '';
      if (text === '') add(raw.row, mapping.id, 'missing', 'missing');
      else if (text.length > MAX_ID_CHARS) add(raw.row, mapping.id, 'too_long', `longer than ${MAX_ID_CHARS} characters`, text);
      else {
        const seen = idRows.get(text);
        if (seen !== undefined) add(raw.row, mapping.id, 'duplicate_id', `id "${text.slice(0, 60)}" is also on row ${seen}`, text);
        else idRows.set(text, raw.row);
        id = text;
      }
    }

    if (problems.length > before || lat === undefined || lng === undefined || time === undefined) continue;
    if (id === undefined) {
      // Identical rows in one file are kept apart (#2, #3…) so they stay as many incidents.
      const base = contentId([lat, lng, time, category ?? '']);
      const n = (contentSeen.get(base) ?? 0) + 1;
      contentSeen.set(base, n);
      id = n === 1 ? base : `${base}#${n}`;
    }
    out.push({ row: raw.row, id, lat, lng, time, ...(category !== undefined ? { category } : {}), ...(Object.keys(fields).length ? { fields } : {}) });
  }
  return out;
}

function mappedColumns(mapping: z.output<typeof ColumnMappingSchema>): string[] {
  return [mapping.lat, mapping.lng, mapping.time, mapping.timeOfDay, mapping.category, mapping.id, ...mapping.fields].filter((c): c is string => c !== undefined);
}

export interface ParseOptions {
  mapping: ColumnMapping;
  options: ImportOptions;
  /** Epoch ms; times later than a day past it are refused. */
  now: number;
}

/** Validates and converts a whole CSV text. */
export function parseCsvImport(text: string, { mapping: mappingIn, options: optionsIn, now }: ParseOptions): ImportParse {
  const mapping = ColumnMappingSchema.parse(mappingIn);
  const options = ImportOptionsSchema.parse(optionsIn);
  const table = options.delimiter === 'auto' ? parseCsv(text) : parseCsv(text, options.delimiter);
  const problems: ImportProblem[] = table.problems.map((p) => ({ row: p.line, field: '(row)', code: 'structure' as const, problem: p.problem }));
  const columns = new Map<string, number>();
  table.header.forEach((h, i) => {
    if (!columns.has(h)) columns.set(h, i);
  });
  for (const column of new Set(mappedColumns(mapping))) {
    if (!columns.has(column)) problems.push({ row: 1, field: column, code: 'unknown_column', problem: `the header has no column "${column}"` });
  }
  const decimalComma = options.decimalComma === 'auto' ? table.delimiter !== ',' : options.decimalComma === 'yes';
  const timeIndex = columns.get(mapping.time);
  const dateOrder: DateOrder =
    options.dateOrder === 'auto' ? detectDateOrder(timeIndex === undefined ? [] : table.records.slice(0, 5000).map((r) => r.values[timeIndex] ?? '')) : options.dateOrder;
  const resolved = { dateOrder, delimiter: table.delimiter, decimalComma };
  if (problems.some((p) => p.code === 'unknown_column')) return { records: [], problems, rows: table.records.length, resolved };

  const width = table.header.length;
  const raws = function* (): Generator<RawRecord> {
    for (const record of table.records) {
      if (record.values.length !== width) {
        problems.push({
          row: record.line,
          field: '(row)',
          code: 'field_count',
          problem: `has ${record.values.length} values, the header has ${width}`,
        });
        continue;
      }
      yield { row: record.line, get: (column) => record.values[columns.get(column) ?? -1] };
    }
  };
  const records = validateRecords(raws(), { mapping, timeZone: options.timeZone, dateOrder, decimalComma, now }, problems);
  problems.sort((a, b) => a.row - b.row);
  return { records, problems, rows: table.records.length, resolved };
}

/** The columns of a CSV and its first rows, for the mapping dialog. */
export function previewCsv(text: string, delimiter?: CsvDelimiter, rows = 5): { header: string[]; rows: string[][]; delimiter: CsvDelimiter; total: number } {
  const table = delimiter ? parseCsv(text, delimiter) : parseCsv(text);
  return { header: table.header, rows: table.records.slice(0, rows).map((r) => r.values), delimiter: table.delimiter, total: table.records.length };
}

// ---- GeoJSON ---------------------------------------------------------------------------------

/** The names mapped to GeoJSON: `lat`/`lng` come from each Point; `@id` is the feature's own id. */
export const GEOJSON_FEATURE_ID = '@id';
export const GEOJSON_LAT = '(geometry) lat';
export const GEOJSON_LNG = '(geometry) lng';

interface FeatureLike {
  id?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

function readFeatures(text: string): { features: FeatureLike[] } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { problem: `not valid JSON: ${(err as Error).message}` };
  }
  const o = json as { type?: unknown; features?: unknown };
  if (o && o.type === 'FeatureCollection' && Array.isArray(o.features)) return { features: o.features as FeatureLike[] };
  if (o && o.type === 'Feature') return { features: [o as FeatureLike] };
  return { problem: 'not a GeoJSON FeatureCollection' };
}

const propertyText = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The property names present in the first features, for the mapping dialog. */
export function previewGeoJson(text: string, rows = 5): { header: string[]; rows: string[][]; total: number } | { problem: string } {
  const read = readFeatures(text);
  if ('problem' in read) return read;
  const names = new Set<string>();
  for (const f of read.features.slice(0, 200)) for (const k of Object.keys(f?.properties ?? {})) names.add(k);
  const header = [GEOJSON_FEATURE_ID, ...names];
  return { header, rows: read.features.slice(0, rows).map((f) => header.map((h) => (h === GEOJSON_FEATURE_ID ? (propertyText(f?.id) ?? '') : (propertyText(f?.properties?.[h]) ?? '')))), total: read.features.length };
}

/**
 * Validates a GeoJSON FeatureCollection of Points (RFC 7946: [lng, lat], WGS 84). `mapping.lat`
 * and `mapping.lng` are ignored (the geometry is the position); the other entries name
 * properties, or `@id` for the feature's id.
 */
export function parseGeoJsonImport(text: string, { mapping: mappingIn, options: optionsIn, now }: ParseOptions): ImportParse {
  const mapping = ColumnMappingSchema.parse({ ...mappingIn, lat: mappingIn.lat || GEOJSON_LAT, lng: mappingIn.lng || GEOJSON_LNG });
  const options = ImportOptionsSchema.parse(optionsIn);
  const read = readFeatures(text);
  if ('problem' in read) return { records: [], problems: [{ row: 0, field: '(file)', code: 'structure', problem: read.problem }], rows: 0, resolved: { dateOrder: 'dmy' } };
  const problems: ImportProblem[] = [];
  const timeValues = read.features.slice(0, 5000).map((f) => propertyText(f?.properties?.[mapping.time]) ?? '');
  const dateOrder: DateOrder = options.dateOrder === 'auto' ? detectDateOrder(timeValues) : options.dateOrder;
  const geoMapping = { ...mapping, lat: GEOJSON_LAT, lng: GEOJSON_LNG };
  const raws = function* (): Generator<RawRecord> {
    let row = 0;
    for (const feature of read.features) {
      row++;
      const g = feature?.geometry;
      const coords = g?.coordinates;
      if (!g || g.type !== 'Point' || !Array.isArray(coords) || coords.length < 2 || typeof coords[0] !== 'number' || typeof coords[1] !== 'number') {
        problems.push({ row, field: '(geometry)', code: 'not_a_point', problem: `geometry is ${g?.type ? `a ${String(g.type)}` : 'missing'}, not a Point with [lng, lat]` });
        continue;
      }
      const props = feature.properties ?? {};
      yield { row, lng: coords[0], lat: coords[1], get: (name) => (name === GEOJSON_FEATURE_ID ? propertyText(feature.id) : propertyText(props[name])) };
    }
  };
  const records = validateRecords(raws(), { mapping: geoMapping, timeZone: options.timeZone, dateOrder, decimalComma: false, now }, problems);
  problems.sort((a, b) => a.row - b.row);
  return { records, problems, rows: read.features.length, resolved: { dateOrder } };
}
