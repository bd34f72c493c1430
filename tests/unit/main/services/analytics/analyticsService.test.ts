import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyticsCameras } from '../../../../../common/analytics/coverageModel';
import { AnalyticsEngine, DEFAULT_SETTINGS } from '../../../../../common/analytics/engine';
import { IncidentTable } from '../../../../../common/analytics/incidentTable';
import type { BookmarkView } from '../../../../../common/bookmarks/bookmarkSchemas';
import { DEFAULT_CATEGORIES } from '../../../../../common/bookmarks/categories';
import { IMPORT_CHUNK_CHARS, type ImportResult } from '../../../../../common/contract/methods/analytics';
import { AppError } from '../../../../../common/contract/result';
import { SiteSchema, type Site } from '../../../../../common/site/siteSchema';
import { AnalyticsService, type AnalyticsViewer } from '../../../../../main/services/analytics/analyticsService';
import { IncidentStore } from '../../../../../main/services/analytics/incidentStore';
import { DEFAULT_RESOURCES_DIR } from '../../../../../main/services/paths';
import { tempDirWith } from '../../../../support/testSite';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const TZ = 'America/Santiago';
const site: Site = SiteSchema.parse(JSON.parse(readFileSync(join(DEFAULT_RESOURCES_DIR, 'demo', 'site.json'), 'utf8')));
const mapping = { id: 'id', time: 'time', lat: 'lat', lng: 'lng', category: 'category', fields: ['district'] };
const options = { timeZone: TZ };

function csv(rows: number, opts: { start?: number; category?: string; bad?: number[] } = {}): string {
  const lines = ['id,time,lat,lng,category,district'];
  for (let i = 0; i < rows; i++) {
    const n = (opts.start ?? 0) + i;
    const cam = site.cameras[n % site.cameras.length]!;
    const lat = opts.bad?.includes(i) ? 'north' : String(cam.position.lat + 0.0001);
    lines.push(`INC-${n},2024-0${1 + (n % 9)}-1${n % 10} 1${n % 10}:30,${lat},${cam.position.lng},${opts.category ?? (n % 2 ? 'Hurto' : 'Robo')},D${n % 3}`);
  }
  return `${lines.join('\n')}\n`;
}

const bookmark = (id: string, cameraIds: string[], location: { lat: number; lng: number } | null, time: number): BookmarkView =>
  ({ id, revision: 1, createdAt: time, updatedAt: time, time, startTime: time - 30_000, endTime: time + 60_000, cameraIds, category: 'incident', priority: 'high', note: 'pelea', location, operator: 'ana', updatedBy: 'ana', deliveries: {}, delivery: 'local' }) as BookmarkView;

function setup(bookmarks: BookmarkView[] = []) {
  const dataDir = tempDirWith();
  const events: unknown[] = [];
  const service = new AnalyticsService({
    dataDir,
    resourcesDir: DEFAULT_RESOURCES_DIR,
    site: () => ({ site, demo: true }),
    bookmarks: { all: async () => bookmarks, categories: async () => DEFAULT_CATEGORIES },
    publish: (e) => events.push(e),
    now: () => NOW,
  });
  const viewer: AnalyticsViewer = { username: 'sup', cameras: site.cameras, mayReadBookmark: (ids) => !ids.includes('cam-64') };
  return { dataDir, service, events, viewer };
}

/** The renderer's upload: begin, chunks of IMPORT_CHUNK_CHARS, commit. */
async function upload(service: AnalyticsService, text: string, format: 'csv' | 'geojson' = 'csv', m: object = mapping, client = 'w1'): Promise<ImportResult> {
  const { importId, chunkChars } = service.importBegin(client, { format, fileName: `data.${format}`, mapping: m as typeof mapping, options, totalChars: text.length });
  for (let i = 0, k = 0; i < text.length; i += chunkChars, k++) service.importChunk(client, importId, k, text.slice(i, i + chunkChars));
  return service.importCommit(client, importId, 'sup');
}

describe('imports', () => {
  it('imports a file sent in chunks; re-importing the same ids updates instead of duplicating', async () => {
    const { service, viewer, events } = setup();
    const text = csv(3000);
    expect(text.length).toBeGreaterThan(IMPORT_CHUNK_CHARS); // really more than one chunk
    const first = await upload(service, text);
    expect(first).toMatchObject({ status: 'imported', rows: 3000, added: 3000, updated: 0, total: 3000 });
    const again = await upload(service, csv(3000, { category: 'Daños' }));
    expect(again).toMatchObject({ status: 'imported', added: 0, updated: 3000, total: 3000 });
    const more = await upload(service, csv(10, { start: 2995 }));
    expect(more).toMatchObject({ added: 5, updated: 5, total: 3005 });
    const data = await service.dataset(viewer);
    expect(data.columns.lat).toHaveLength(3005);
    expect(data.columns.categories).toEqual(['Daños', 'Hurto', 'Robo']);
    expect(data.imports.map((i) => [i.rows, i.added, i.updated, i.current])).toEqual([
      [3000, 3000, 0, 0],
      [3000, 0, 3000, 2995],
      [10, 5, 5, 10],
    ]);
    expect(events).toHaveLength(3);
  });

  it('a file with bad rows imports nothing and lists every problem', async () => {
    const { service, dataDir } = setup();
    await upload(service, csv(20));
    const before = readFileSync(join(dataDir, 'analytics', 'incidents.json'), 'utf8');
    const result = await upload(service, csv(500, { start: 100, bad: [3, 250] }));
    expect(result).toMatchObject({ status: 'rejected', rows: 500, problemCount: 2, rowsWithProblems: 2 });
    if (result.status !== 'rejected') throw new Error('expected a rejection');
    expect(result.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [5, 'lat', 'not_a_number'],
      [252, 'lat', 'not_a_number'],
    ]);
    expect(readFileSync(join(dataDir, 'analytics', 'incidents.json'), 'utf8')).toBe(before);
    expect((await service.store()).incidents).toHaveLength(20);
  });

  it('a failed write changes nothing, on disk or in memory', async () => {
    const { dataDir } = setup();
    const { store } = await IncidentStore.open(dataDir);
    await store.apply([{ row: 2, id: 'a', lat: -21, lng: -70, time: 1 }], { importId: 'i1', fileName: 'f', format: 'csv', importedAt: 'x', by: 'u', rows: 1 });
    // The analytics folder becomes a file: the next atomic write cannot even start.
    renameSync(join(dataDir, 'analytics'), join(dataDir, 'moved'));
    writeFileSync(join(dataDir, 'analytics'), 'not a folder');
    await expect(store.apply([{ row: 2, id: 'b', lat: -21, lng: -70, time: 1 }], { importId: 'i2', fileName: 'f', format: 'csv', importedAt: 'x', by: 'u', rows: 1 })).rejects.toThrow();
    expect(store.incidents.map((r) => r.id)).toEqual(['a']);
    expect(store.revision).toBe(1);
  });

  it('reopens what was written; a corrupt file is moved aside, not deleted', async () => {
    const { dataDir, service } = setup();
    await upload(service, csv(5));
    const { store } = await IncidentStore.open(dataDir);
    expect(store.incidents.map((r) => r.id)).toEqual(['INC-0', 'INC-1', 'INC-2', 'INC-3', 'INC-4']);
    writeFileSync(join(dataDir, 'analytics', 'incidents.json'), '{"format":"atalaya-incidents","version":1,');
    const reopened = await IncidentStore.open(dataDir, () => 42);
    expect(reopened.problem).toMatch(/moved to .*unreadable-42/);
    expect(reopened.store.incidents).toEqual([]);
    expect(readFileSync(join(dataDir, 'analytics', 'incidents.json.unreadable-42'), 'utf8')).toMatch(/^\{"format"/);
  });

  it('uploads are the caller’s own, in order and complete', async () => {
    const { service } = setup();
    const text = csv(5);
    const { importId } = service.importBegin('w1', { format: 'csv', fileName: 'a.csv', mapping, options, totalChars: text.length });
    expect(() => service.importChunk('w2', importId, 0, text)).toThrow(AppError);
    expect(() => service.importChunk('w1', importId, 1, text)).toThrow(/chunk 1 arrived, chunk 0 was expected/);
    service.importChunk('w1', importId, 0, text.slice(0, 10));
    await expect(service.importCommit('w1', importId, 'sup')).rejects.toThrow(/incomplete/);
    // A failed commit ends the upload.
    await expect(service.importCommit('w1', importId, 'sup')).rejects.toThrow(/no upload/);
  });

  it('imports GeoJSON points and removes an import again', async () => {
    const { service, viewer } = setup();
    const fc = { type: 'FeatureCollection', features: [1, 2, 3].map((k) => ({ type: 'Feature', id: `g${k}`, geometry: { type: 'Point', coordinates: [-70.06, -21.47] }, properties: { at: `2024-05-0${k}T10:00:00Z`, tipo: 'Hurto' } })) };
    const r = await upload(service, JSON.stringify(fc), 'geojson', { lat: '', lng: '', time: 'at', category: 'tipo', id: '@id' });
    expect(r).toMatchObject({ status: 'imported', added: 3 });
    if (r.status !== 'imported') throw new Error();
    expect(await service.removeImport(r.importId)).toBe(3);
    expect((await service.dataset(viewer)).columns.lat).toEqual([]);
    await expect(service.removeImport(r.importId)).rejects.toThrow(/no import/);
  });
});

describe('the dataset: imports plus the bookmarks this user may read', () => {
  const cam1 = site.cameras[0]!.position;
  const bookmarks = [
    bookmark('00000000-0000-4000-8000-000000000001', ['cam-01'], cam1, Date.parse('2024-02-01T10:00:00Z')),
    bookmark('00000000-0000-4000-8000-000000000002', ['cam-02'], null, Date.parse('2024-02-02T10:00:00Z')),
    bookmark('00000000-0000-4000-8000-000000000003', ['cam-64'], cam1, Date.parse('2024-02-03T10:00:00Z')),
  ];

  it('merges located, readable bookmarks as incidents', async () => {
    const { service, viewer } = setup(bookmarks);
    await upload(service, csv(4));
    const data = await service.dataset(viewer);
    expect(data.counts).toEqual({ imported: 4, bookmarks: 1, bookmarksWithoutLocation: 1, bookmarksReadable: true });
    expect(data.columns.source).toEqual([0, 0, 0, 0, 1]);
    const { items } = await service.records(viewer, data.revision, [4, 0]);
    expect(items.map((i) => [i.index, i.id, i.source])).toEqual([
      [4, 'bookmark:00000000-0000-4000-8000-000000000001', 'bookmark'],
      [0, 'INC-0', 'import'],
    ]);
    expect(items[0]!.fields).toMatchObject({ cameras: 'cam-01', note: 'pelea' });
    // No bookmark rights: imports only.
    expect((await service.dataset({ ...viewer, mayReadBookmark: null })).counts).toMatchObject({ bookmarks: 0, bookmarksReadable: false });
    // Indices refer to a revision: after an import they may mean something else.
    await upload(service, csv(1, { start: 50 }));
    await expect(service.records(viewer, data.revision, [0])).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('figures, report and exports computed in main', () => {
  it('match the engine the window runs, for the same data and filter', async () => {
    const { service, viewer } = setup();
    await upload(service, csv(2000));
    const filter = { categories: ['Hurto'], hours: [11, 12, 13, 14, 15] };
    const figures = await service.figures(viewer, { filter, settings: DEFAULT_SETTINGS, timeZone: TZ });
    const data = await service.dataset(viewer);
    const engine = new AnalyticsEngine(new IncidentTable(data.columns, TZ), analyticsCameras(site.cameras));
    const direct = engine.summary(filter, DEFAULT_SETTINGS);
    expect(figures.coverage).toEqual(direct.coverage);
    expect(figures.filtered).toBe(direct.filtered);
    expect(figures.filtered).toBeGreaterThan(0);
  });

  it('writes an HTML report with its maps, charts, method and limits, and a PDF', async () => {
    const { service, viewer } = setup();
    await upload(service, csv(1500));
    const params = { filter: {}, settings: DEFAULT_SETTINGS, timeZone: TZ };
    const html = await service.report(viewer, { ...params, format: 'html', language: 'es' });
    expect(html).toMatchObject({ mimeType: 'text/html; charset=utf-8', encoding: 'utf8' });
    expect(html.data).toContain('<svg');
    expect(html.data).toContain('data:image/png;base64,');
    expect(html.data).toContain('no la prueba de que una cámara causó un cambio');
    expect(html.data).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const pdf = await service.report(viewer, { ...params, format: 'pdf', language: 'en' });
    const bytes = Buffer.from(pdf.data, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('exports the filtered incidents with their cameras, the hotspots and the cameras', async () => {
    const { service, viewer } = setup();
    await upload(service, csv(300));
    const params = { filter: { categories: ['Robo'] }, settings: DEFAULT_SETTINGS, timeZone: TZ };
    const file = await service.export(viewer, { ...params, kind: 'incidents', format: 'csv' });
    const lines = file.data.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,source,time_utc,time_local (America/Santiago),category,lat,lng,covered,cameras,district');
    expect(lines).toHaveLength(151);
    expect(file.count).toBe(150);
    const geo = JSON.parse((await service.export(viewer, { ...params, kind: 'incidents', format: 'geojson' })).data);
    expect(geo.features).toHaveLength(150);
    expect(geo.features[0].geometry.type).toBe('Point');
    const cams = JSON.parse((await service.export(viewer, { ...params, kind: 'cameras', format: 'geojson' })).data);
    expect(cams.features).toHaveLength(64);
    expect(cams.features[0].geometry.type).toBe('Polygon');
    const hot = await service.export(viewer, { ...params, kind: 'hotspots', format: 'csv' });
    expect(hot.data).toContain('kind,rank,lat,lng');
  });
});
