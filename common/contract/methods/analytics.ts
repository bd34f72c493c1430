import { z } from 'zod';
import { BEFORE_AFTER_WARNINGS } from '../../analytics/beforeAfter';
import { AnalysisSettingsSchema } from '../../analytics/engine';
import { EXPORT_FORMATS, EXPORT_KINDS } from '../../analytics/exportData';
import { INCIDENT_SOURCES } from '../../analytics/incident';
import { IncidentColumnsSchema, IncidentFilterSchema } from '../../analytics/incidentTable';
import { ColumnMappingSchema, ImportOptionsSchema, ImportProblemSchema } from '../../analytics/importRecords';
import { isValidTimeZone } from '../../analytics/time';
import { LatLngSchema } from '../../site/siteSchema';
import { EMPTY_PARAMS as empty, type MethodSpec } from '../methodSpec';

/**
 * Incident analytics: imported police / emergency-call records plus Atalaya's own bookmarks, on
 * the map as heat and hexagons, against the cameras' fields of view.
 *
 * The window fetches the dataset once (as columns) and computes filters, heat and figures itself
 * in a Web Worker, so brushing the histogram never waits on main; `analytics.figures`,
 * `analytics.report` and `analytics.export` compute the same figures in main for scripts, reports
 * and files. Reading needs `map.view`; bookmarks are included only where the user may read them
 * (`bookmark.read` on every camera of the bookmark), and coverage uses only the cameras the user
 * may see. Importing changes what everyone's analysis is based on and producing reports and files
 * takes incident data out of the room: both need `export.create` (supervisors, admins).
 *
 * An import is uploaded in chunks (a 10 000-row file is far above one call's params limit):
 * `importBegin` → `importChunk`… → `importCommit`. The commit validates the whole file; if any row
 * has a problem nothing is imported and every problem comes back as (row, field, problem).
 */

export const ANALYTICS_LANGUAGES = ['en', 'es', 'pt'] as const;
export const AnalyticsLanguageSchema = z.enum(ANALYTICS_LANGUAGES);

/** Characters per `importChunk`: after JSON escaping (at worst ×2) still under the params limit. */
export const IMPORT_CHUNK_CHARS = 100_000;
/** Largest file an import takes, in characters (a 500 000-row export is ~60 MB). */
export const MAX_IMPORT_CHARS = 96 * 1024 * 1024;
/** Most records the store holds: beyond this the analytics window's dataset gets unwieldy. */
export const MAX_STORED_INCIDENTS = 500_000;
/** Problems an import answer lists (all are counted). */
export const MAX_LISTED_PROBLEMS = 1000;

const TimeZoneSchema = z.string().min(1).max(64).refine(isValidTimeZone, { message: 'not a time zone this system knows' });
const ImportIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const FileNameSchema = z.string().min(1).max(255);

export const ImportSummarySchema = z
  .object({
    importId: ImportIdSchema,
    fileName: FileNameSchema,
    format: z.enum(['csv', 'geojson']),
    importedAt: z.string(),
    by: z.string(),
    rows: z.number().int().min(0),
    added: z.number().int().min(0),
    updated: z.number().int().min(0),
    /** Records that still belong to this import (a later import of the same ids takes them over). */
    current: z.number().int().min(0),
  })
  .strict();

export const DatasetSchema = z
  .object({
    /** Changes whenever the data does; `analytics.records` refers to it. */
    revision: z.string(),
    columns: IncidentColumnsSchema,
    imports: z.array(ImportSummarySchema),
    counts: z
      .object({
        imported: z.number().int().min(0),
        bookmarks: z.number().int().min(0),
        /** Bookmarks left out because they have no location. */
        bookmarksWithoutLocation: z.number().int().min(0),
        /** False when the user may not read bookmarks at all (none are included). */
        bookmarksReadable: z.boolean(),
      })
      .strict(),
  })
  .strict();

export const IncidentRecordSchema = z
  .object({
    index: z.number().int().min(0),
    id: z.string(),
    source: z.enum(INCIDENT_SOURCES),
    lat: z.number(),
    lng: z.number(),
    time: z.number(),
    category: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const ImportResultSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('imported'),
      importId: ImportIdSchema,
      rows: z.number().int().min(0),
      added: z.number().int().min(0),
      updated: z.number().int().min(0),
      total: z.number().int().min(0),
      resolved: z.object({ dateOrder: z.string(), delimiter: z.string().optional(), decimalComma: z.boolean().optional() }).strict(),
    })
    .strict(),
  z
    .object({
      /** Nothing was imported. */
      status: z.literal('rejected'),
      rows: z.number().int().min(0),
      problemCount: z.number().int().min(0),
      /** Rows with at least one problem. */
      rowsWithProblems: z.number().int().min(0),
      /** The first MAX_LISTED_PROBLEMS, by row. */
      problems: z.array(ImportProblemSchema),
      resolved: z.object({ dateOrder: z.string(), delimiter: z.string().optional(), decimalComma: z.boolean().optional() }).strict(),
    })
    .strict(),
]);

// ---- figures (what AnalyticsEngine.summary computes) ---------------------------------------

const CountsSchema = z.object({ before: z.number(), after: z.number(), change: z.number().nullable() }).strict();

export const BeforeAfterSchema = z
  .object({
    cameraId: z.string(),
    number: z.number(),
    name: z.string(),
    installedAt: z.string(),
    weeks: z.number(),
    beforeFrom: z.number(),
    installation: z.number(),
    afterTo: z.number(),
    bufferMetres: z.number(),
    target: CountsSchema,
    buffer: CountsSchema,
    comparison: CountsSchema,
    relativeEffect: z.object({ value: z.number(), low: z.number(), high: z.number() }).strict().nullable(),
    dataFrom: z.number().nullable(),
    dataTo: z.number().nullable(),
    warnings: z.array(z.object({ code: z.enum(BEFORE_AFTER_WARNINGS), detail: z.string().optional() }).strict()),
  })
  .strict();

export const CoverageFiguresSchema = z
  .object({
    total: z.number(),
    covered: z.number(),
    share: z.number(),
    byCategory: z.array(z.object({ category: z.string(), total: z.number(), covered: z.number(), share: z.number() }).strict()),
    perCamera: z.array(z.object({ cameraId: z.string(), number: z.number(), name: z.string(), incidents: z.number() }).strict()),
    camerasWithNone: z.number(),
  })
  .strict();

export const HotspotSchema = z
  .object({
    rank: z.number(),
    centre: LatLngSchema,
    radiusMetres: z.number(),
    incidents: z.number(),
    peakDensity: z.number(),
    topCategories: z.array(z.object({ category: z.string(), count: z.number() }).strict()),
  })
  .strict();

export const SuggestionsSchema = z
  .object({
    cameras: z.array(
      z
        .object({
          position: LatLngSchema,
          heading: z.number(),
          fov: z.number(),
          range: z.number(),
          candidateIndex: z.number(),
          newlyCovered: z.number(),
          totalCovered: z.number(),
          hotspotRank: z.number(),
        })
        .strict(),
    ),
    template: z.object({ fov: z.number(), range: z.number() }).strict(),
    candidates: z.number(),
    candidateSource: z.enum(['streets', 'grid', 'mixed']),
    uncovered: z.number(),
    nearHotspots: z.number(),
    searched: z.number(),
  })
  .strict();

export const SummarySchema = z
  .object({
    filtered: z.number(),
    coverage: CoverageFiguresSchema,
    hotspots: z.array(HotspotSchema),
    suggestions: SuggestionsSchema,
    beforeAfter: z.array(BeforeAfterSchema),
  })
  .strict();

const AnalysisParams = {
  filter: IncidentFilterSchema.default({}),
  settings: AnalysisSettingsSchema.default(AnalysisSettingsSchema.parse({})),
  /** The city's zone, for days of week, hours and installation dates. */
  timeZone: TimeZoneSchema,
};

export const FileAnswerSchema = z
  .object({
    fileName: z.string(),
    mimeType: z.string(),
    /** `base64` for binary files (PDF). */
    encoding: z.enum(['utf8', 'base64']),
    data: z.string(),
  })
  .strict();

export const analyticsMethods = {
  /** Every incident the caller may analyse, as columns, with the imports they came from. */
  'analytics.dataset': { access: 'map.view', input: empty, output: DatasetSchema },
  /** Full records (id, free fields) of some incidents of a dataset revision, e.g. a hexagon's. */
  'analytics.records': {
    access: 'map.view',
    input: z.object({ revision: z.string().max(200), indices: z.array(z.number().int().min(0)).min(1).max(500) }).strict(),
    output: z.object({ items: z.array(IncidentRecordSchema) }).strict(),
  },
  'analytics.importBegin': {
    access: 'export.create',
    input: z
      .object({
        format: z.enum(['csv', 'geojson']),
        fileName: FileNameSchema,
        mapping: ColumnMappingSchema,
        options: ImportOptionsSchema,
        totalChars: z.number().int().min(1).max(MAX_IMPORT_CHARS),
      })
      .strict(),
    output: z.object({ importId: ImportIdSchema, chunkChars: z.number().int() }).strict(),
  },
  /** Chunks in order from 0, each at most IMPORT_CHUNK_CHARS characters. */
  'analytics.importChunk': {
    access: 'export.create',
    input: z.object({ importId: ImportIdSchema, index: z.number().int().min(0), text: z.string().min(1).max(IMPORT_CHUNK_CHARS) }).strict(),
    output: z.object({ received: z.number().int() }).strict(),
  },
  /** Validates the whole file and imports it, or imports nothing and lists the problems. */
  'analytics.importCommit': { access: 'export.create', input: z.object({ importId: ImportIdSchema }).strict(), output: ImportResultSchema },
  'analytics.importAbort': { access: 'export.create', input: z.object({ importId: ImportIdSchema }).strict(), output: z.object({}).strict() },
  /** Deletes the records that belong to an import (those a later import took over stay). */
  'analytics.removeImport': { access: 'export.create', input: z.object({ importId: ImportIdSchema }).strict(), output: z.object({ removed: z.number().int() }).strict() },
  /** Coverage, hotspots, suggested cameras and before/after, computed in main. */
  'analytics.figures': { access: 'map.view', input: z.object(AnalysisParams).strict(), output: SummarySchema },
  /** The report (maps, charts, figures, method and limits) as a self-contained HTML page or a PDF. */
  'analytics.report': {
    access: 'export.create',
    input: z.object({ ...AnalysisParams, format: z.enum(['html', 'pdf']), language: AnalyticsLanguageSchema.default('en') }).strict(),
    output: FileAnswerSchema,
  },
  /** The filtered incidents, the hotspots with suggested cameras, or the cameras with their counts. */
  'analytics.export': {
    access: 'export.create',
    input: z.object({ ...AnalysisParams, kind: z.enum(EXPORT_KINDS), format: z.enum(EXPORT_FORMATS) }).strict(),
    output: FileAnswerSchema.extend({ count: z.number().int() }).strict(),
  },
} as const satisfies Record<string, MethodSpec>;

export const analyticsEvents = {
  /** Imported data changed (an import or a removal): windows fetch the dataset again. */
  'analytics.changed': z.object({ revision: z.string(), total: z.number().int(), reason: z.enum(['import', 'remove']) }).strict(),
} as const satisfies Record<string, z.ZodType>;

export type AnalyticsDataset = z.infer<typeof DatasetSchema>;
export type ImportSummary = z.infer<typeof ImportSummarySchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type IncidentRecord = z.infer<typeof IncidentRecordSchema>;
export type FileAnswer = z.infer<typeof FileAnswerSchema>;
