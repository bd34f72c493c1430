import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TileType, writePmtiles } from '../../../../../common/map/pmtiles';
import { SiteSchema } from '../../../../../common/site/siteSchema';
import { isMapAssetRequest, mapAssetResponse } from '../../../../../main/electron/pmtilesProtocol';
import { MapAssets } from '../../../../../main/services/map/mapAssets';
import { testSite } from '../../../../support/testSite';

// The Electron side of the PMTiles route: what `protocol.handle('atalaya', …)` answers for
// `atalaya://app/map-assets/…`. It takes and returns the Fetch API's Request and Response, which
// Node has too, so it is tested here without Electron.
describe('Electron app protocol: map assets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atalaya-protocol-'));
  const archive = writePmtiles([{ z: 0, x: 0, y: 0, data: new Uint8Array(3000).map((_, i) => i % 251) }], { tileType: TileType.png });
  writeFileSync(join(dir, 'city.pmtiles'), archive);
  const base = testSite(1);
  const site = SiteSchema.parse({ ...base, map: { ...base.map, basemap: { type: 'pmtiles', path: 'city.pmtiles' } } });
  const assets = new MapAssets({ site: () => ({ site, source: join(dir, 'site.json'), demo: false, simulatorBase: null, loadedAt: '' }), demoSiteDir: dir });

  it('recognises its URLs only on the app host', () => {
    expect(isMapAssetRequest(assets, 'atalaya://app/map-assets/basemap.pmtiles')).toBe(true);
    expect(isMapAssetRequest(assets, 'atalaya://app/index.html')).toBe(false);
    expect(isMapAssetRequest(assets, 'atalaya://other/map-assets/basemap.pmtiles')).toBe(false);
  });

  it('answers a Range request with 206 and the right bytes', async () => {
    const response = await mapAssetResponse(assets, new Request('atalaya://app/map-assets/basemap.pmtiles', { headers: { Range: 'bytes=1000-2999' } }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-2999/${archive.length}`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(archive.slice(1000, 3000));
  });

  it('answers the whole file, 416, and 404 like the web host', async () => {
    const whole = await mapAssetResponse(assets, new Request('atalaya://app/map-assets/basemap.pmtiles'));
    expect(whole.status).toBe(200);
    expect((await whole.arrayBuffer()).byteLength).toBe(archive.length);
    expect((await mapAssetResponse(assets, new Request('atalaya://app/map-assets/basemap.pmtiles', { headers: { Range: `bytes=${archive.length}-` } }))).status).toBe(416);
    expect((await mapAssetResponse(assets, new Request('atalaya://app/map-assets/floors/none'))).status).toBe(404);
  });
});
