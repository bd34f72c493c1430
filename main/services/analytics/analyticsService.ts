import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Polygon, Position } from 'geojson';
import { analyticsCameras, type AnalyticsCamera } from '../../../common/analytics/coverageModel';
import { densityRgba } from '../../../common/analytics/density';
import { type AnalysisSettings, AnalyticsEngine } from '../../../common/analytics/engine';
import {
  camerasCsv,
  camerasGeoJson,
  type ExportFormat,
  type ExportKind,
  hotspotsCsv,
  hotspotsGeoJson,
  incidentsCsv,
  incidentsGeoJson,
  type IncidentExportRow,
} from '../../../common/analytics/exportData';
import { type AnalyticsIncident, BOOKMARK_ID_PREFIX, type StoredIncident } from '../../../common/analytics/incident';
import { IncidentTable, toColumns, type IncidentFilter } from '../../../common/analytics/incidentTable';
import { type ImportParse, parseCsvImport, parseGeoJsonImport, type ColumnMapping, type ImportOptions } from '../../../common/analytics/importRecords';
import { type Basemap, buildReport, type ReportLanguage, renderReportHtml } from '../../../common/analytics/report';
import type { BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import type { BookmarkCategory } from '../../../common/bookmarks/categories';
import {
  type AnalyticsDataset,
  type FileAnswer,
  type ImportResult,
  type IncidentRecord,
  IMPORT_CHUNK_CHARS,
  MAX_IMPORT_CHARS,
  MAX_LISTED_PROBLEMS,
  MAX_STORED_INCIDENTS,
} from '../../../common/contract/methods/analytics';
import { AppError } from '../../../common/contract/result';
import type { Camera, Site } from '../../../common/site/siteSchema';
import { IncidentStore } from './incidentStore';
import { encodePng } from './png';
import { renderAnalyticsPdf } from './reportPdf';

/**
 * Incident analytics, main side: the store of imported records, the merge with Atalaya's own
 * bookmarks, chunked imports that either complete or change nothing, and the figures, report and
 * exports computed with the same pure engine the analytics window runs in its worker.
 */

/** Who is asking: what they may see decides what is analysed. */
export interface AnalyticsViewer {
  username: string;
  /** The site's cameras this user may see. */
  cameras: readonly Camera[];
  /** Whether this user may read a bookmark with these cameras; null when they may read none. */
  mayReadBookmark: ((cameraIds: readonly string[]) => boolean) | null;
}

/** Atalaya's bookmarks, as the analytics read them. */
export interface BookmarkSource {
  all(): Promise<readonly BookmarkView[]>;
  categories(): Promise<readonly BookmarkCategory[]>;
}

/** A BookmarkSource over the bookmark runtime's service (walks the whole list, newest first). */
export function bookmarkSourceOf(runtime: {
  use<T>(call: (service: { list(filter: { offset?: number; limit?: number }): { items: BookmarkView[]; total: number }; categories(): readonly BookmarkCategory[] }) => T | Promise<T>): Promise<T>;
}): BookmarkSource {
  return {
    all: () =>
      runtime.use((service) => {
        const items: BookmarkView[] = [];
        for (let offset = 0; ; ) {
          const page = service.list({ offset, limit: 10_000 });
          items.push(...page.items);
          offset += page.items.length;
          if (page.items.length === 0 || offset >= page.total) return items;
        }
      }),
    categories: () => runtime.use((service) => [...service.categories()]),
  };
}

export interface AnalyticsServiceOptions {
  dataDir: string;
  resourcesDir: string;
  site: () => { site: Site; demo: boolean };
  bookmarks?: BookmarkSource;
  publish: (event: { revision: string; total: number; reason: 'import' | 'remove' }) => void;
  now?: () => number;
  log?: (message: string) => void;
  warn?: (code: string, message: string) => void;
}

interface ImportSession {
  clientId: string;
  format: 'csv' | 'geojson';
  fileName: string;
  mapping: ColumnMapping;
  options: ImportOptions;
  totalChars: number;
  chunks: string[];
  chars: number;
  touched: number;
}

interface Merged {
  revision: string;
  incidents: AnalyticsIncident[];
  counts: AnalyticsDataset['counts'];
}

/** An abandoned upload is dropped after this long without a chunk. */
const SESSION_IDLE_MS = 10 * 60_000;
const MAX_SESSIONS = 8;

export interface AnalysisParams {
  filter: IncidentFilter;
  settings: AnalysisSettings;
  timeZone: string;
}

export class AnalyticsService {
  private storePromise: Promise<IncidentStore> | undefined;
  private readonly sessions = new Map<string, ImportSession>();
  private readonly now: () => number;
  private engines: Array<{ key: string; engine: AnalyticsEngine }> = [];
  private cityPromise: Promise<{ streets: Position[][]; basemap: Basemap } | undefined> | undefined;

  constructor(private readonly opts: AnalyticsServiceOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Opened on first use, so a large store never slows the app's start. */
  store(): Promise<IncidentStore> {
    this.storePromise ??= IncidentStore.open(this.opts.dataDir, this.now).then(({ store, problem }) => {
      if (problem) this.opts.warn?.('analytics_store', problem);
      return store;
    });
    return this.storePromise;
  }

  // ---- the data ------------------------------------------------------------------------------

  private async merged(viewer: AnalyticsViewer): Promise<Merged> {
    const store = await this.store();
    const incidents: AnalyticsIncident[] = store.incidents.map(fromStored);
    let bookmarks = 0;
    let withoutLocation = 0;
    let fingerprint = 'none';
    if (this.opts.bookmarks && viewer.mayReadBookmark) {
      const readable = (await this.opts.bookmarks.all()).filter((b) => viewer.mayReadBookmark!(b.cameraIds));
      // Oldest first, ties by id: a stable order, so indices mean the same thing until the data changes.
      readable.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
      let sum = 0;
      let latest = 0;
      for (const b of readable) {
        sum += b.revision;
        latest = Math.max(latest, b.updatedAt);
        if (!b.location) {
          withoutLocation++;
          continue;
        }
        bookmarks++;
        incidents.push({
          id: `${BOOKMARK_ID_PREFIX}${b.id}`,
          source: 'bookmark',
          lat: b.location.lat,
          lng: b.location.lng,
          time: b.time,
          category: b.category,
          fields: { cameras: b.cameraIds.join(' '), priority: b.priority, operator: b.operator, ...(b.note ? { note: b.note } : {}) },
        });
      }
      fingerprint = `${readable.length}.${sum}.${latest}`;
    }
    return {
      revision: `${store.revision}-${fingerprint}`,
      incidents,
      counts: { imported: store.incidents.length, bookmarks, bookmarksWithoutLocation: withoutLocation, bookmarksReadable: viewer.mayReadBookmark !== null && this.opts.bookmarks !== undefined },
    };
  }

  async dataset(viewer: AnalyticsViewer): Promise<AnalyticsDataset> {
    const store = await this.store();
    const m = await this.merged(viewer);
    return {
      revision: m.revision,
      columns: toColumns(m.incidents),
      imports: store.imports(),
      counts: m.counts,
    };
  }

  async records(viewer: AnalyticsViewer, revision: string, indices: readonly number[]): Promise<{ items: IncidentRecord[] }> {
    const m = await this.merged(viewer);
    if (m.revision !== revision) throw new AppError('conflict', 'the incident data changed since it was fetched; fetch the dataset again');
    const items: IncidentRecord[] = [];
    for (const index of new Set(indices)) {
      const i = m.incidents[index];
      if (!i) continue;
      items.push({ index, id: i.id, source: i.source, lat: i.lat, lng: i.lng, time: i.time, ...(i.category !== undefined ? { category: i.category } : {}), ...(i.fields ? { fields: i.fields } : {}) });
    }
    return { items };
  }

  // ---- imports -------------------------------------------------------------------------------

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (now - s.touched > SESSION_IDLE_MS) this.sessions.delete(id);
  }

  private session(clientId: string, importId: string): ImportSession {
    this.sweep();
    const s = this.sessions.get(importId);
    if (!s || s.clientId !== clientId) throw new AppError('not_found', `no upload ${importId} in progress (it may have expired after ${SESSION_IDLE_MS / 60_000} minutes without data)`);
    return s;
  }

  importBegin(clientId: string, params: { format: 'csv' | 'geojson'; fileName: string; mapping: ColumnMapping; options: ImportOptions; totalChars: number }): { importId: string; chunkChars: number } {
    this.sweep();
    if (params.totalChars > MAX_IMPORT_CHARS) throw new AppError('invalid_input', `the file is larger than ${MAX_IMPORT_CHARS} characters`);
    if (this.sessions.size >= MAX_SESSIONS) {
      // The oldest upload gives way; someone who walked away should not block an import.
      const oldest = [...this.sessions.entries()].sort((a, b) => a[1].touched - b[1].touched)[0];
      if (oldest) this.sessions.delete(oldest[0]);
    }
    const importId = randomUUID();
    this.sessions.set(importId, { clientId, ...params, chunks: [], chars: 0, touched: this.now() });
    return { importId, chunkChars: IMPORT_CHUNK_CHARS };
  }

  importChunk(clientId: string, importId: string, index: number, text: string): { received: number } {
    const s = this.session(clientId, importId);
    if (index !== s.chunks.length) throw new AppError('invalid_input', `chunk ${index} arrived, chunk ${s.chunks.length} was expected`);
    if (s.chars + text.length > s.totalChars) throw new AppError('invalid_input', `more data than the ${s.totalChars} characters announced`);
    s.chunks.push(text);
    s.chars += text.length;
    s.touched = this.now();
    return { received: s.chars };
  }

  importAbort(clientId: string, importId: string): void {
    const s = this.sessions.get(importId);
    if (s && s.clientId === clientId) this.sessions.delete(importId);
  }

  /** Validates the whole upload; imports every record, or none and the problems. */
  async importCommit(clientId: string, importId: string, username: string): Promise<ImportResult> {
    const s = this.session(clientId, importId);
    this.sessions.delete(importId);
    if (s.chars !== s.totalChars) throw new AppError('invalid_input', `the upload is incomplete: ${s.chars} of ${s.totalChars} characters arrived`);
    const text = s.chunks.join('');
    const parse = (s.format === 'csv' ? parseCsvImport : parseGeoJsonImport)(text, { mapping: s.mapping, options: s.options, now: this.now() });
    const store = await this.store();
    if (parse.problems.length > 0) return rejected(parse);
    const size = store.sizeAfter(parse.records);
    if (size > MAX_STORED_INCIDENTS) {
      return rejected({ ...parse, problems: [{ row: 0, field: '(file)', code: 'too_many', problem: `the store would hold ${size} records; it holds at most ${MAX_STORED_INCIDENTS}` }] });
    }
    const applied = await store.apply(parse.records, {
      importId,
      fileName: s.fileName,
      format: s.format,
      importedAt: new Date(this.now()).toISOString(),
      by: username,
      rows: parse.rows,
      mapping: s.mapping,
    });
    this.engines = [];
    this.opts.publish({ revision: String(store.revision), total: applied.total, reason: 'import' });
    return { status: 'imported', importId, rows: parse.rows, added: applied.added, updated: applied.updated, total: applied.total, resolved: parse.resolved };
  }

  async removeImport(importId: string): Promise<number> {
    const store = await this.store();
    const removed = await store.removeImport(importId);
    if (removed === undefined) throw new AppError('not_found', `no import ${importId}`);
    this.engines = [];
    this.opts.publish({ revision: String(store.revision), total: store.incidents.length, reason: 'remove' });
    return removed;
  }

  // ---- figures, report, exports --------------------------------------------------------------

  /** The demo city's streets (candidate camera positions) and map (report background). */
  private city(): Promise<{ streets: Position[][]; basemap: Basemap } | undefined> {
    if (this.opts.site().site.map.basemap.type !== 'demo') return Promise.resolve(undefined);
    this.cityPromise ??= readFile(join(this.opts.resourcesDir, 'demo', 'map', 'city.geojson'), 'utf8').then(
      (text) => cityLayers(JSON.parse(text) as FeatureCollection),
      (err: unknown) => {
        this.opts.log?.(`[warning] analytics: demo city map unreadable: ${(err as Error).message}`);
        return undefined;
      },
    );
    return this.cityPromise;
  }

  private async engineFor(viewer: AnalyticsViewer, timeZone: string): Promise<{ engine: AnalyticsEngine; merged: Merged; cameras: AnalyticsCamera[] }> {
    const merged = await this.merged(viewer);
    const cameras = analyticsCameras(viewer.cameras);
    const key = `${merged.revision}|${timeZone}|${JSON.stringify(cameras)}`;
    let hit = this.engines.find((e) => e.key === key);
    if (!hit) {
      const city = await this.city();
      hit = { key, engine: new AnalyticsEngine(IncidentTable.fromIncidents(merged.incidents, timeZone), cameras, city ? { streets: city.streets } : {}) };
      // Two engines: a report right after the figures reuses the coverage work.
      this.engines = [hit, ...this.engines].slice(0, 2);
    }
    return { engine: hit.engine, merged, cameras };
  }

  async figures(viewer: AnalyticsViewer, params: AnalysisParams) {
    const { engine } = await this.engineFor(viewer, params.timeZone);
    return engine.summary(params.filter, params.settings);
  }

  async report(viewer: AnalyticsViewer, params: AnalysisParams & { format: 'html' | 'pdf'; language: ReportLanguage }): Promise<FileAnswer> {
    const { engine, merged, cameras } = await this.engineFor(viewer, params.timeZone);
    const store = await this.store();
    const indices = engine.filter(params.filter);
    const summary = engine.summary(params.filter, params.settings);
    const heat = engine.heat(indices, params.settings.bandwidthMetres);
    const png = heat ? encodePng(heat.spec.cols, heat.spec.rows, densityRgba(heat)) : undefined;
    const categories = new Map(((await this.opts.bookmarks?.categories()) ?? []).map((c) => [c.id, c.names[params.language] ?? c.names.en]));
    const { site } = this.opts.site();
    const blocks = buildReport(
      {
        language: params.language,
        siteName: site.name,
        generatedAt: this.now(),
        generatedBy: viewer.username,
        timeZone: params.timeZone,
        filter: params.filter,
        settings: params.settings,
        counts: { imported: merged.counts.imported, bookmarks: merged.counts.bookmarks, filtered: indices.length },
        imports: store.imports(),
        summary,
        histograms: engine.histograms(params.filter),
        cameras,
        heat: heat ? { spec: heat.spec, max: heat.max } : null,
        hexes: engine.hexbins(indices, params.settings.hexSizeMetres, false),
        basemap: (await this.city())?.basemap,
      },
      (c) => categories.get(c) ?? c,
    );
    const stamp = new Date(this.now()).toISOString().slice(0, 10);
    if (params.format === 'html') {
      const html = renderReportHtml(blocks, params.language, png ? { heat: `data:image/png;base64,${png.toString('base64')}` } : {});
      return { fileName: `atalaya-analytics-${stamp}.html`, mimeType: 'text/html; charset=utf-8', encoding: 'utf8', data: html };
    }
    const pdf = await renderAnalyticsPdf(blocks, { language: params.language, generatedAt: this.now(), ...(png ? { heatPng: png } : {}) });
    return { fileName: `atalaya-analytics-${stamp}.pdf`, mimeType: 'application/pdf', encoding: 'base64', data: Buffer.from(pdf).toString('base64') };
  }

  async export(viewer: AnalyticsViewer, params: AnalysisParams & { kind: ExportKind; format: ExportFormat }): Promise<FileAnswer & { count: number }> {
    const { engine, merged, cameras } = await this.engineFor(viewer, params.timeZone);
    const stamp = new Date(this.now()).toISOString().slice(0, 10);
    const fileName = `atalaya-${params.kind}-${stamp}.${params.format === 'csv' ? 'csv' : 'geojson'}`;
    const mimeType = params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json';
    const indices = engine.filter(params.filter);
    let data: string;
    let count: number;
    if (params.kind === 'incidents') {
      const { model } = engine;
      const rows: IncidentExportRow[] = [];
      for (const i of indices) {
        const numbers: number[] = [];
        for (let j = model.offsets[i]!; j < model.offsets[i + 1]!; j++) numbers.push(cameras[model.cameraList[j]!]!.number);
        rows.push({ incident: merged.incidents[i]!, cameras: numbers.sort((a, b) => a - b) });
      }
      data = params.format === 'csv' ? incidentsCsv(rows, params.timeZone) : JSON.stringify(incidentsGeoJson(rows, params.timeZone));
      count = rows.length;
    } else if (params.kind === 'hotspots') {
      const hotspots = engine.hotspots(indices, params.settings);
      const suggestions = engine.suggestions(indices, hotspots, params.settings);
      data = params.format === 'csv' ? hotspotsCsv(hotspots, suggestions) : JSON.stringify(hotspotsGeoJson(hotspots, suggestions));
      count = hotspots.length + suggestions.cameras.length;
    } else {
      const coverage = engine.coverage(indices);
      data = params.format === 'csv' ? camerasCsv(cameras, coverage, engine.beforeAfter(params.filter, params.settings.weeks)) : JSON.stringify(camerasGeoJson(cameras, coverage));
      count = cameras.length;
    }
    return { fileName, mimeType, encoding: 'utf8', data, count };
  }
}

function fromStored(r: StoredIncident): AnalyticsIncident {
  return { id: r.id, source: 'import', lat: r.lat, lng: r.lng, time: r.time, category: r.category, fields: r.fields };
}

function rejected(parse: ImportParse): ImportResult {
  return {
    status: 'rejected',
    rows: parse.rows,
    problemCount: parse.problems.length,
    rowsWithProblems: new Set(parse.problems.map((p) => p.row)).size,
    problems: parse.problems.slice(0, MAX_LISTED_PROBLEMS),
    resolved: parse.resolved,
  };
}

/** Street lines and area polygons of the demo city GeoJSON. */
export function cityLayers(city: FeatureCollection): { streets: Position[][]; basemap: Basemap } {
  const streets: Position[][] = [];
  const basemap: Basemap = { areas: [], lines: [] };
  for (const f of city.features as Array<Feature<LineString | Polygon | { type: 'Point'; coordinates: Position }, { kind?: string }>>) {
    const kind = f.properties?.kind ?? '';
    if (f.geometry.type === 'LineString' && (kind === 'street' || kind === 'avenue')) {
      streets.push(f.geometry.coordinates);
      basemap.lines.push({ kind, coords: f.geometry.coordinates });
    } else if (f.geometry.type === 'Polygon') basemap.areas.push({ kind, rings: f.geometry.coordinates });
  }
  return { streets, basemap };
}
