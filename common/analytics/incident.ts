import { z } from 'zod';

/**
 * An incident as the analytics see it: a place, a time, a category and whatever else the source
 * system recorded. Two sources: records imported from a police or emergency-call export (CSV or
 * GeoJSON), and Atalaya's own bookmarks that carry a location. Times are epoch milliseconds (UTC).
 */

export const INCIDENT_SOURCES = ['import', 'bookmark'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** Longest id / category / free field kept; longer values are a validation error, not truncated. */
export const MAX_ID_CHARS = 200;
export const MAX_CATEGORY_CHARS = 80;
export const MAX_FIELD_CHARS = 1000;
/** Free columns kept per record (a 300-column export is usually a mistake in the mapping). */
export const MAX_FREE_FIELDS = 40;

/** 1970 is the floor of epoch times; anything earlier in a police export is a typo. */
export const EARLIEST_TIME_MS = 0;

export const IncidentIdSchema = z.string().min(1).max(MAX_ID_CHARS);

export const StoredIncidentSchema = z
  .object({
    id: IncidentIdSchema,
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    time: z.number().int().min(EARLIEST_TIME_MS),
    /** Absent when the source gave none; counted under "(uncategorised)". */
    category: z.string().min(1).max(MAX_CATEGORY_CHARS).optional(),
    /** The other columns the analyst chose to keep, as text. */
    fields: z.record(z.string(), z.string().max(MAX_FIELD_CHARS)).optional(),
    /** The import that last wrote this record (re-importing an id moves it to the newer import). */
    importId: z.string().min(1).max(64),
  })
  .strict();

export type StoredIncident = z.infer<typeof StoredIncidentSchema>;

/** An incident ready for analysis, whichever its source. */
export interface AnalyticsIncident {
  id: string;
  source: IncidentSource;
  lat: number;
  lng: number;
  time: number;
  category?: string | undefined;
  fields?: Record<string, string> | undefined;
}

/** Bookmark incidents get ids that cannot collide with an imported one. */
export const BOOKMARK_ID_PREFIX = 'bookmark:';
