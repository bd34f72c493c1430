import type { BookmarkView, DeliveryState } from '../../../common/bookmarks/bookmarkSchemas';
import { categoryName, type BookmarkCategory, type CategoryLocale } from '../../../common/bookmarks/categories';
import type { BookmarkExportFormat } from '../../../common/contract/methods/bookmarks';
import type { CameraInfo } from './outboxRunner';

/**
 * Incident lists as files for people outside Atalaya: CSV for a spreadsheet or a report, GeoJSON
 * for a GIS. Both carry the same facts per bookmark: when, which cameras (with each VMS's id for
 * them), what, who, where, and how far it got to each VMS.
 */

export interface ExportContext {
  cameras: (cameraId: string) => CameraInfo | undefined;
  category: (categoryId: string) => BookmarkCategory | undefined;
  language: CategoryLocale;
  /** For the file name. */
  now: number;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One word and the words after it for a delivery, as the console shows it. */
function deliveryText(state: DeliveryState | undefined): { state: string; detail: string } {
  if (!state) return { state: '', detail: '' };
  switch (state.state) {
    case 'delivered':
      return { state: 'delivered', detail: `revision ${state.revision} at ${iso(state.at)}` };
    case 'failed':
      return { state: 'failed', detail: `${state.status !== undefined ? `HTTP ${state.status}: ` : ''}${state.message}` };
    case 'retrying':
      return { state: 'retrying', detail: `attempt ${state.attempt}, next at ${iso(state.nextAttemptAt)}: ${state.lastError}` };
    case 'delivering':
      return { state: 'delivering', detail: `attempt ${state.attempt}` };
    case 'pending':
      return { state: 'pending', detail: '' };
  }
}

/** Every target any of these bookmarks was meant for, in a stable order (the columns). */
function targetIdsOf(items: readonly BookmarkView[]): string[] {
  const ids = new Set<string>();
  for (const item of items) for (const id of Object.keys(item.deliveries)) ids.add(id);
  return [...ids].sort();
}

function commonFields(item: BookmarkView, ctx: ExportContext) {
  const cameras = item.cameraIds.map((id) => ({ id, info: ctx.cameras(id) }));
  const category = ctx.category(item.category);
  return {
    id: item.id,
    revision: item.revision,
    time: iso(item.time),
    startTime: iso(item.startTime),
    endTime: iso(item.endTime),
    preRollS: Math.round((item.time - item.startTime) / 1000),
    postRollS: Math.round((item.endTime - item.time) / 1000),
    cameras,
    category: item.category,
    categoryName: category ? categoryName(category, ctx.language) : item.category,
    colour: category?.colour ?? null,
    priority: item.priority,
    note: item.note,
    operator: item.operator,
    updatedBy: item.updatedBy,
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt),
    delivery: item.delivery,
  };
}

// ─── CSV ────────────────────────────────────────────────────────────────────────────────────────

/**
 * A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)` typed into a note) is
 * prefixed with an apostrophe, the usual defence (OWASP "CSV injection"); numbers are not text
 * and keep their sign.
 */
function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function bookmarksCsv(items: readonly BookmarkView[], ctx: ExportContext): string {
  const targets = targetIdsOf(items);
  const header = [
    'id',
    'revision',
    'time',
    'start_time',
    'end_time',
    'pre_roll_s',
    'post_roll_s',
    'camera_ids',
    'camera_names',
    'vms_device_ids',
    'category',
    'category_name',
    'priority',
    'note',
    'latitude',
    'longitude',
    'operator',
    'updated_by',
    'created_at',
    'updated_at',
    'delivery',
    ...targets.flatMap((t) => [`delivery_${t}`, `delivery_${t}_detail`]),
  ];
  const rows = items.map((item) => {
    const f = commonFields(item, ctx);
    const perTarget = targets.flatMap((t) => {
      const d = deliveryText(item.deliveries[t]);
      return [d.state, textCell(d.detail)];
    });
    return [
      f.id,
      f.revision,
      f.time,
      f.startTime,
      f.endTime,
      f.preRollS,
      f.postRollS,
      f.cameras.map((c) => c.id).join(';'),
      textCell(f.cameras.map((c) => c.info?.name ?? '').join(';')),
      textCell(f.cameras.map((c) => c.info?.vmsDeviceId ?? '').join(';')),
      f.category,
      textCell(f.categoryName),
      f.priority,
      textCell(f.note),
      item.location?.lat ?? null,
      item.location?.lng ?? null,
      textCell(f.operator),
      textCell(f.updatedBy),
      f.createdAt,
      f.updatedAt,
      f.delivery,
      ...perTarget,
    ];
  });
  // A byte-order mark so spreadsheets read the accents of Spanish and Portuguese notes as UTF-8;
  // CRLF line ends per RFC 4180.
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

// ─── GeoJSON ────────────────────────────────────────────────────────────────────────────────────

/**
 * RFC 7946: a Point at the bookmark's location ([longitude, latitude], WGS 84); a bookmark with
 * no location keeps its place in the file with a null geometry, which the RFC allows.
 */
export function bookmarksGeoJson(items: readonly BookmarkView[], ctx: ExportContext): string {
  const features = items.map((item) => {
    const f = commonFields(item, ctx);
    return {
      type: 'Feature',
      id: item.id,
      geometry: item.location ? { type: 'Point', coordinates: [item.location.lng, item.location.lat] } : null,
      properties: {
        id: f.id,
        revision: f.revision,
        time: f.time,
        startTime: f.startTime,
        endTime: f.endTime,
        cameras: f.cameras.map((c) => ({ id: c.id, name: c.info?.name ?? null, vmsDeviceId: c.info?.vmsDeviceId ?? null })),
        category: f.category,
        categoryName: f.categoryName,
        colour: f.colour,
        priority: f.priority,
        note: f.note,
        operator: f.operator,
        updatedBy: f.updatedBy,
        createdAt: f.createdAt,
        updatedAt: f.updatedAt,
        delivery: f.delivery,
        deliveries: Object.fromEntries(Object.entries(item.deliveries).map(([t, d]) => [t, { ...deliveryText(d) }])),
      },
    };
  });
  return `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
}

export function exportBookmarks(format: BookmarkExportFormat, items: readonly BookmarkView[], ctx: ExportContext): ExportedFile {
  const stamp = iso(ctx.now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  if (format === 'csv') return { fileName: `atalaya-incidents-${stamp}.csv`, mimeType: 'text/csv;charset=utf-8', text: bookmarksCsv(items, ctx) };
  return { fileName: `atalaya-incidents-${stamp}.geojson`, mimeType: 'application/geo+json', text: bookmarksGeoJson(items, ctx) };
}
