import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedSite } from '../../../../../common/contract/contract';
import { PmtilesReader, TileType, writePmtiles } from '../../../../../common/map/pmtiles';
import { SiteSchema, type SiteInput } from '../../../../../common/site/siteSchema';
import { MapAssets } from '../../../../../main/services/map/mapAssets';
import { mapAssetsMount } from '../../../../../main/web/mapAssetsRoute';
import { testSite } from '../../../../support/testSite';

const dir = mkdtempSync(join(tmpdir(), 'atalaya-map-assets-'));
const archive = writePmtiles(
  [
    { z: 0, x: 0, y: 0, data: new TextEncoder().encode('world') },
    { z: 1, x: 1, y: 0, data: new TextEncoder().encode('north-east') },
  ],
  { tileType: TileType.png },
);
writeFileSync(join(dir, 'city.pmtiles'), archive);
writeFileSync(join(dir, 'ground.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
writeFileSync(join(dir, 'secret.txt'), 'not for the renderer');

function loaded(input: Partial<SiteInput['map']>, demo = false): LoadedSite {
  const base = testSite(1);
  const site = SiteSchema.parse({ ...base, map: { ...base.map, ...input } });
  return { site, source: demo ? 'demo' : join(dir, 'site.json'), demo, simulatorBase: null, loadedAt: new Date(0).toISOString() };
}

let current = loaded({ basemap: { type: 'pmtiles', path: 'city.pmtiles' }, floors: [{ id: 'ground', name: 'Ground', image: 'ground.svg', width: 10, height: 10 }] });
const assets = new MapAssets({ site: () => current, demoSiteDir: dir });
const server = createServer((req, res) => {
  if (!mapAssetsMount(assets).handleRequest(req, res)) res.writeHead(404).end('static');
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('map assets over HTTP', () => {
  it('answers a Range request on the PMTiles archive with 206 and exactly those bytes', async () => {
    const response = await fetch(`${base}/map-assets/basemap.pmtiles`, { headers: { Range: 'bytes=100-149' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-149/${archive.length}`);
    expect(response.headers.get('content-length')).toBe('50');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('application/vnd.pmtiles');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(archive.slice(100, 150));
  });

  it('serves the whole file without Range, 416 past its end, HEAD without a body', async () => {
    const whole = await fetch(`${base}/map-assets/basemap.pmtiles`);
    expect(whole.status).toBe(200);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(archive);
    const past = await fetch(`${base}/map-assets/basemap.pmtiles`, { headers: { Range: `bytes=${archive.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${archive.length}`);
    const head = await fetch(`${base}/map-assets/basemap.pmtiles`, { method: 'HEAD', headers: { Range: 'bytes=0-9' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('10');
    const post = await fetch(`${base}/map-assets/basemap.pmtiles`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('a PMTiles reader over the route finds the tiles', async () => {
    const reader = new PmtilesReader({
      getBytes: async (offset, length) => new Uint8Array(await (await fetch(`${base}/map-assets/basemap.pmtiles`, { headers: { Range: `bytes=${offset}-${offset + length - 1}` } })).arrayBuffer()),
    });
    expect(new TextDecoder().decode((await reader.getTile(1, 1, 0))!)).toBe('north-east');
    expect(await reader.getTile(1, 0, 0)).toBeNull();
  });

  it('serves floor plans by floor id, inert (sandboxed) and never any other file', async () => {
    const floor = await fetch(`${base}/map-assets/floors/ground`);
    expect(floor.status).toBe(200);
    expect(floor.headers.get('content-type')).toBe('image/svg+xml');
    expect(floor.headers.get('content-security-policy')).toContain('sandbox');
    expect(floor.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/map-assets/floors/nope', '/map-assets/secret.txt', '/map-assets/floors/..%2Fsecret.txt', '/map-assets/floors/%E0%A4%A', '/map-assets/']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect(await (await fetch(`${base}/other`)).text()).toBe('static');
  });

  it('revalidates: the ETag changes when the archive is replaced', async () => {
    const first = (await fetch(`${base}/map-assets/basemap.pmtiles`, { method: 'HEAD' })).headers.get('etag')!;
    expect((await fetch(`${base}/map-assets/basemap.pmtiles`, { headers: { 'If-None-Match': first } })).status).toBe(304);
    // If-Range with an old validator: the reader gets the whole new file, not a mix of two files.
    expect((await fetch(`${base}/map-assets/basemap.pmtiles`, { headers: { Range: 'bytes=0-9', 'If-Range': '"old"' } })).status).toBe(200);
    expect((await fetch(`${base}/map-assets/basemap.pmtiles`, { headers: { Range: 'bytes=0-9', 'If-Range': first } })).status).toBe(206);
  });

  it('a site without a PMTiles basemap has none; demo sites resolve from the demo folder', async () => {
    const before = current;
    current = loaded({ basemap: { type: 'demo' } });
    expect((await fetch(`${base}/map-assets/basemap.pmtiles`)).status).toBe(404);
    current = loaded({ basemap: { type: 'pmtiles', path: 'city.pmtiles' } }, true);
    expect(assets.fileFor('/map-assets/basemap.pmtiles')).toBe(join(dir, 'city.pmtiles'));
    current = loaded({ basemap: { type: 'pmtiles', path: join(dir, 'city.pmtiles') } });
    expect((await fetch(`${base}/map-assets/basemap.pmtiles`, { headers: { Range: 'bytes=0-6' } })).status).toBe(206);
    current = before;
  });
});
