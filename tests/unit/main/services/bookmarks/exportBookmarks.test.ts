import { describe, expect, it } from 'vitest';
import type { BookmarkView } from '../../../../../common/bookmarks/bookmarkSchemas';
import { DEFAULT_CATEGORIES } from '../../../../../common/bookmarks/categories';
import { bookmarksCsv, bookmarksGeoJson, exportBookmarks, type ExportContext } from '../../../../../main/services/bookmarks/exportBookmarks';

const T = Date.UTC(2026, 10, 29, 21, 30);
const ctx: ExportContext = {
  cameras: (id) => ({ 'cam-1': { id: 'cam-1', name: 'Plaza, north', vmsDeviceId: 'dev-1' }, 'cam-2': { id: 'cam-2', name: 'Terminal' } })[id],
  category: (id) => DEFAULT_CATEGORIES.find((c) => c.id === id),
  language: 'pt',
  now: T,
};

function view(patch: Partial<BookmarkView>): BookmarkView {
  return {
    id: '6f1c2c9e-4b1a-4f7e-9a51-3f1b0d6f2a10',
    revision: 1,
    createdAt: T,
    updatedAt: T,
    time: T,
    startTime: T - 30_000,
    endTime: T + 60_000,
    cameraIds: ['cam-1', 'cam-2'],
    category: 'medical',
    priority: 'critical',
    note: '',
    location: { lat: -34.6037, lng: -58.3816 },
    operator: 'ana',
    updatedBy: 'ana',
    deliveries: {},
    delivery: 'local',
    ...patch,
  };
}

/** A minimal RFC 4180 reader, to read back what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

describe('bookmark exports', () => {
  const items = [
    view({
      note: '=cmd|"/c calc"!A1, then\r\nleft',
      deliveries: { nx: { state: 'failed', revision: 1, status: 422, message: 'unknown device', at: T }, hook: { state: 'delivered', revision: 1, at: T + 1000 } },
      delivery: 'failed',
    }),
    view({ id: '7f1c2c9e-4b1a-4f7e-9a51-3f1b0d6f2a11', location: null, note: '-12 people', category: 'gone' }),
  ];

  it('CSV: UTF-8 with a BOM, CRLF, quoted where needed, formulas defused, a column pair per target', () => {
    const text = bookmarksCsv(items, ctx);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, first, second] = parseCsv(text.slice(1));
    expect(header!.slice(-4)).toEqual(['delivery_hook', 'delivery_hook_detail', 'delivery_nx', 'delivery_nx_detail']);
    const row = Object.fromEntries(header!.map((h, i) => [h, first![i]]));
    expect(row).toMatchObject({
      time: '2026-11-29T21:30:00.000Z',
      start_time: '2026-11-29T21:29:30.000Z',
      pre_roll_s: '30',
      post_roll_s: '60',
      camera_ids: 'cam-1;cam-2',
      camera_names: 'Plaza, north;Terminal',
      vms_device_ids: 'dev-1;',
      category_name: 'Emergência médica',
      note: '\'=cmd|"/c calc"!A1, then\r\nleft',
      latitude: '-34.6037',
      longitude: '-58.3816',
      delivery: 'failed',
      delivery_nx: 'failed',
      delivery_nx_detail: 'HTTP 422: unknown device',
      delivery_hook: 'delivered',
    });
    const other = Object.fromEntries(header!.map((h, i) => [h, second![i]]));
    // A category the site no longer has keeps its id as its name; a dash starting a note is defused too.
    expect(other).toMatchObject({ category_name: 'gone', note: "'-12 people", latitude: '', delivery_hook: '' });
  });

  it('GeoJSON: a FeatureCollection of points [lng, lat], null geometry without a location', () => {
    const collection = JSON.parse(bookmarksGeoJson(items, ctx));
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features[0]).toMatchObject({
      type: 'Feature',
      id: items[0]!.id,
      geometry: { type: 'Point', coordinates: [-58.3816, -34.6037] },
      properties: { cameras: [{ id: 'cam-1', name: 'Plaza, north', vmsDeviceId: 'dev-1' }, { id: 'cam-2', name: 'Terminal', vmsDeviceId: null }], colour: '#d81b60', deliveries: { nx: { state: 'failed' } } },
    });
    expect(collection.features[1].geometry).toBeNull();
  });

  it('names the files by format and time', () => {
    expect(exportBookmarks('csv', [], ctx)).toMatchObject({ fileName: 'atalaya-incidents-20261129-213000.csv', mimeType: 'text/csv;charset=utf-8' });
    expect(exportBookmarks('geojson', [], ctx)).toMatchObject({ fileName: 'atalaya-incidents-20261129-213000.geojson', mimeType: 'application/geo+json' });
  });
});
