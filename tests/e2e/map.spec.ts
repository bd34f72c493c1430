import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { destinationPoint } from '../../common/geo';
import { TileType, writePmtiles, type PmtilesTile } from '../../common/map/pmtiles';
import { layoutForCount } from '../../common/map/wallFill';
import { SiteSchema, type Site } from '../../common/site/siteSchema';
import type { WallState } from '../../common/wall/wallSchema';
import { AccountService } from '../../main/services/accounts/accountService';
import { RpcClient } from '../support/rpcClient';
import { tempDirWith, testSite } from '../support/testSite';
import { startHost, type HostProcess } from '../support/webHostProcess';

const ROOT = join(import.meta.dirname, '..', '..');
const demo: Site = SiteSchema.parse(JSON.parse(readFileSync(join(ROOT, 'resources/demo/site.json'), 'utf8')));
const camera = (number: number) => demo.cameras.find((c) => c.number === number)!;

type Wall = { rev: number; state: WallState };

/** Where a place is on the page, through the map's own projection. */
async function pagePoint(page: Page, lat: number, lng: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([lat, lng]) => {
      const container = document.querySelector('.map-panel__map') as HTMLElement & { atalayaMap: { latLngToContainerPoint(p: [number, number]): { x: number; y: number } } };
      const point = container.atalayaMap.latLngToContainerPoint([lat, lng]);
      const box = container.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
    [lat, lng] as const,
  );
}

const mapUrl = (host: HostProcess, opts: { lat?: number; lng?: number; zoom?: number } = {}) => {
  const params = new URLSearchParams({ view: 'map', screen: '1' });
  if (opts.lat !== undefined && opts.lng !== undefined) {
    params.set('lat', String(opts.lat));
    params.set('lng', String(opts.lng));
  }
  if (opts.zoom !== undefined) params.set('zoom', String(opts.zoom));
  return `${host.url}/?${params}`;
};

const marker = (page: Page, number: number) => page.locator(`.map-cam[data-camera-number="${number}"]`);

/** Whether a camera's marker is on the page and wholly inside the map. */
async function inView(page: Page, number: number): Promise<boolean> {
  const map = (await page.locator('.map-panel__map').boundingBox())!;
  const at = (await marker(page, number).count()) ? await marker(page, number).boundingBox() : null;
  return at !== null && at.x >= map.x && at.y >= map.y && at.x + at.width <= map.x + map.width && at.y + at.height <= map.y + map.height;
}

test.describe('demo site', () => {
  let host: HostProcess;
  let rpc: RpcClient;

  test.beforeAll(async () => {
    host = await startHost();
    rpc = await RpcClient.connect(host.url);
  });

  test.afterAll(async () => {
    rpc?.close();
    await host?.stop();
  });

  test('selecting tile 5 on the wall highlights the marker of the camera in tile 5 and brings it into view', async ({ browser }) => {
    await rpc.call('wall.dispatch', { action: { type: 'tile.assign', screenId: '1', cell: 4, tile: { kind: 'camera', cameraId: camera(5).id } } });
    await rpc.call('wall.dispatch', { action: { type: 'select', screenId: '1', cell: 0 } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const wallPage = await context.newPage();
    const mapPage = await context.newPage();
    // The map opens on a far corner of the city at street zoom: camera 5 is out of view.
    await mapPage.goto(mapUrl(host, { lat: -21.4635, lng: -70.069, zoom: 18 }));
    await expect(mapPage.locator('.map-cam').first()).toBeAttached();
    expect(await inView(mapPage, 5)).toBe(false);
    await wallPage.goto(`${host.url}/?screen=1&governor=off`);
    await expect(wallPage.locator('[data-tile="4"]')).toHaveAttribute('data-camera-number', '5');

    await wallPage.locator('[data-tile="4"]').click();
    await expect(marker(mapPage, 5)).toHaveAttribute('data-selected', 'true');
    await expect(mapPage.locator('.map-cam[data-selected="true"]')).toHaveCount(1);
    // Brought into view, with its wedge drawn highlighted.
    await expect.poll(() => inView(mapPage, 5)).toBe(true);
    await expect(mapPage.locator(`path.map-wedge--selected[data-camera-number="5"]`)).toHaveCount(1);

    // And the same through the contract: another selection moves the highlight.
    await rpc.call('wall.dispatch', { action: { type: 'select', screenId: '1', cell: 1 } });
    await expect(marker(mapPage, 2)).toHaveAttribute('data-selected', 'true');
    await expect(marker(mapPage, 5)).toHaveAttribute('data-selected', 'false');
    await context.close();
  });

  test("clicking camera 7's marker puts camera 7 in the selected tile", async ({ page }) => {
    await rpc.call('wall.dispatch', { action: { type: 'tile.assign', screenId: '1', cell: 9, tile: { kind: 'camera', cameraId: camera(1).id } } });
    await rpc.call('wall.dispatch', { action: { type: 'select', screenId: '1', cell: 9 } });
    await page.goto(mapUrl(host));
    await marker(page, 7).click();
    await expect
      .poll(async () => (await rpc.call<Wall>('wall.get')).state.screens[0]!.tiles[9])
      .toEqual({ kind: 'camera', cameraId: camera(7).id });
    await expect(page.locator('.map-message')).toContainText('7');
    // The marker now shows the selected tile's camera.
    await expect(marker(page, 7)).toHaveAttribute('data-selected', 'true');
  });

  test("clicking a point inside camera 7's wedge lists camera 7, nearest first; send all fills screen 1", async ({ page }) => {
    const cam7 = camera(7);
    const point = destinationPoint(cam7.position, cam7.range / 2, cam7.heading);
    await page.goto(mapUrl(host, { lat: point.lat, lng: point.lng, zoom: 18 }));
    await expect(marker(page, 7)).toBeVisible();
    const at = await pagePoint(page, point.lat, point.lng);
    await page.mouse.click(at.x, at.y);

    const rows = page.locator('.map-coverage li');
    await expect(page.locator('.map-coverage li[data-camera-number="7"]')).toBeVisible();
    const distances = (await page.locator('.map-coverage__distance').allTextContents()).map((t) => Number(t.replace(/[^0-9]/g, '')));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const listed = (await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-camera-id')))) as string[];
    await expect(page.locator('path.map-wedge--covering[data-camera-number="7"]')).toHaveCount(1);

    await page.locator('[data-action="send-all"]').click();
    // The layout that fits them, exactly those cameras, the nearest in the selected (largest) tile.
    await expect
      .poll(async () => {
        const screen = (await rpc.call<Wall>('wall.get')).state.screens[0]!;
        const shown = screen.tiles.flatMap((t) => (t.kind === 'camera' ? [t.cameraId] : []));
        const selected = screen.tiles[screen.selected];
        return { layout: screen.layout.name, shown: shown.sort(), selected: selected?.kind === 'camera' ? selected.cameraId : null };
      })
      .toEqual({ layout: layoutForCount(listed.length), shown: [...listed].sort(), selected: listed[0] });
  });

  test('hovering a marker shows a live preview of its sub stream, and the camera turns green on every map', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const other = await context.newPage();
    await page.goto(mapUrl(host));
    await other.goto(mapUrl(host));
    await expect(marker(other, 12)).toHaveAttribute('data-state', 'unknown');
    await marker(page, 12).hover();
    const preview = page.locator(`.map-preview[data-preview-camera="${camera(12).id}"]`);
    await expect(preview).toBeVisible();
    await expect(preview).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    // The preview plays the smallest stream.
    const src = await preview.locator('video').evaluate((v) => (v as HTMLVideoElement).currentSrc);
    expect(src).toMatch(/^blob:/);
    // Reported to main, combined, pushed to the other window's map.
    await expect(marker(other, 12)).toHaveAttribute('data-state', 'live');
    await page.mouse.move(5, 400);
    await expect(preview).toHaveCount(0);
    await expect(marker(other, 12)).toHaveAttribute('data-state', 'unknown');

    // A window reporting a camera down: red on the map.
    await rpc.call('streams.report', { cameras: { [camera(13).id]: 'offline', [camera(14).id]: 'reconnecting' } });
    await expect(marker(other, 13)).toHaveAttribute('data-state', 'offline');
    await expect(marker(other, 14)).toHaveAttribute('data-state', 'degraded');
    await rpc.call('streams.report', { cameras: {} });
    await context.close();
  });

  test('incidents appear on the map in their category colour and can be hidden', async ({ page }) => {
    const cam7 = camera(7);
    const location = destinationPoint(cam7.position, 30, cam7.heading);
    await rpc.call('bookmarks.create', { cameraIds: [cam7.id], category: 'incident', note: 'pelea en la esquina', location });
    await page.goto(mapUrl(host, { lat: location.lat, lng: location.lng, zoom: 17 }));
    const dot = page.locator('path.map-bookmark[data-category="incident"]');
    await expect(dot).toHaveCount(1);
    expect(await dot.getAttribute('fill')).toBe('#e53935');
    await page.locator('[data-control="bookmarks"] input[type="checkbox"]').uncheck();
    await expect(dot).toHaveCount(0);
    await page.locator('[data-control="bookmarks"] input[type="checkbox"]').check();
    await expect(dot).toHaveCount(1);
    // A new incident arrives without reloading (pushed as bookmarks.changed).
    await rpc.call('bookmarks.create', { cameraIds: [cam7.id], category: 'traffic', location: destinationPoint(cam7.position, 10, 180) });
    await expect(page.locator('path.map-bookmark[data-category="traffic"]')).toHaveCount(1);
  });

  // Wall windows report their tiles' states to main (renderer/src/main.tsx installs the reporter).
  test('a camera playing on a wall screen is green on the map', async ({ browser }) => {
    await rpc.call('wall.dispatch', { action: { type: 'tile.assign', screenId: '2', cell: 0, tile: { kind: 'camera', cameraId: camera(33).id } } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const map = await context.newPage();
    await map.goto(mapUrl(host, { lat: camera(33).position.lat, lng: camera(33).position.lng, zoom: 17 }));
    await expect(marker(map, 33)).toHaveAttribute('data-state', 'unknown');
    const wallPage = await context.newPage();
    await wallPage.goto(`${host.url}/?screen=2&governor=off`);
    await expect(marker(map, 33)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await wallPage.close();
    await expect(marker(map, 33)).toHaveAttribute('data-state', 'unknown', { timeout: 40_000 });
    await context.close();
  });

  test('with every non-localhost request blocked, the demo basemap renders at street zoom', async ({ page }) => {
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    await page.goto(mapUrl(host, { lat: -21.4705, lng: -70.0595, zoom: 17 }));
    await expect(page.locator('.map-street-label').first()).toBeVisible();
    expect(await page.locator('.map-street-label').count()).toBeGreaterThan(3);
    // Let the canvas finish its frame.
    await page.waitForTimeout(300);
    const png = PNG.sync.read(await page.locator('.map-panel__map').screenshot());
    const counts = new Map<string, number>();
    for (let i = 0; i < png.data.length; i += 4) {
      const key = `${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = png.width * png.height;
    const near = (rgb: [number, number, number]) => {
      let n = 0;
      for (const [key, count] of counts) {
        const [r, g, b] = key.split(',').map(Number) as [number, number, number];
        if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) <= 12) n += count;
      }
      return n / total;
    };
    const blocks = near([0xe0, 0xdc, 0xd3]);
    const streets = near([0xff, 0xff, 0xff]);
    const avenues = near([0xfc, 0xd6, 0xa4]);
    const land = near([0xf2, 0xef, 0xe9]);
    // A street map, not a blank or grey box: blocks, white streets and orange avenues all there.
    expect(blocks, 'blocks').toBeGreaterThan(0.2);
    expect(streets, 'streets').toBeGreaterThan(0.03);
    expect(avenues, 'avenues').toBeGreaterThan(0.005);
    expect(land, 'bare land').toBeLessThan(0.6);
    expect(counts.size).toBeGreaterThan(50);
    // …and the map asked for nothing outside.
    expect(blocked).toEqual([]);
  });
});

// --- A site file: PMTiles basemap, floor plans, supervisor editing --------------------------

/** Web Mercator tile of a point. */
function tileOf(lat: number, lng: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { x, y };
}

/** A 256 × 256 PNG: one colour with a darker frame, so tile edges show in a screenshot. */
function tilePng([r, g, b]: [number, number, number]): Uint8Array {
  const png = new PNG({ width: 256, height: 256 });
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const edge = x < 2 || y < 2;
      const i = (y * 256 + x) * 4;
      png.data[i] = edge ? r / 2 : r;
      png.data[i + 1] = edge ? g / 2 : g;
      png.data[i + 2] = edge ? b / 2 : b;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

const PMTILES_COLOUR: [number, number, number] = [40, 130, 200];
const ADMIN = { username: 'admin', password: 'Watchtower at dawn 1234' };

test.describe('site file with a PMTiles basemap, floor plans and editing', () => {
  let host: HostProcess;
  let sitePath: string;
  let archive: Uint8Array;
  let token: string;
  const centre = { lat: -34.6, lng: -58.38 };

  test.beforeAll(async () => {
    const dir = tempDirWith();
    const tiles: PmtilesTile[] = [];
    for (const z of [15, 16, 17]) {
      const mid = tileOf(centre.lat, centre.lng, z);
      for (let dx = -4; dx <= 4; dx++) for (let dy = -3; dy <= 3; dy++) tiles.push({ z, x: mid.x + dx, y: mid.y + dy, data: tilePng(PMTILES_COLOUR) });
    }
    archive = writePmtiles(tiles, { tileType: TileType.png, metadata: { name: 'test raster' } });
    writeFileSync(join(dir, 'city.pmtiles'), archive);
    writeFileSync(join(dir, 'ground.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><rect width="800" height="400" fill="#fdfdf5"/><rect x="20" y="20" width="760" height="360" fill="none" stroke="#333" stroke-width="8"/></svg>');
    const base = testSite(4);
    const site = {
      ...base,
      // Floor positions are plan units (here metres): y as lat, x as lng, within the plan.
      cameras: [...base.cameras.slice(0, 3), { ...base.cameras[3]!, floor: 'ground', position: { lat: 20, lng: 40 }, heading: 0, fov: 90, range: 15 }],
      map: { center: centre, zoom: 16, basemap: { type: 'pmtiles', path: 'city.pmtiles' }, floors: [{ id: 'ground', name: 'Planta baja', image: 'ground.svg', width: 80, height: 40 }] },
    };
    sitePath = join(dir, 'site.json');
    writeFileSync(sitePath, JSON.stringify(site, null, 2));
    const dataDir = join(dir, 'data');
    const accounts = await AccountService.open({ dataDir });
    expect((await accounts.createFirstAdmin(ADMIN)).ok).toBe(true);
    host = await startHost({ args: ['--site', sitePath], dataDir });
    const rpc = await RpcClient.connect(host.url);
    token = (await rpc.call<{ token: string }>('auth.login', ADMIN)).token;
    rpc.close();
  });

  test.afterAll(async () => {
    await host?.stop();
  });

  const signedIn = async (page: Page) => {
    await page.addInitScript((t) => sessionStorage.setItem('atalaya.session', t), token);
  };

  test('the PMTiles route answers a Range request with 206 and the right bytes', async () => {
    // The root directory and what follows, as a reader asks for it.
    const end = archive.length - 3;
    const response = await fetch(`${host.url}/map-assets/basemap.pmtiles`, { headers: { Range: `bytes=127-${end}` } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 127-${end}/${archive.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(archive.subarray(127, end + 1)))).toBe(true);
    const header = await fetch(`${host.url}/map-assets/basemap.pmtiles`, { headers: { Range: 'bytes=0-6' } });
    expect(await header.text()).toBe('PMTiles');
  });

  test('the map draws the PMTiles basemap from those ranges', async ({ page }) => {
    await signedIn(page);
    const ranges: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/map-assets/basemap.pmtiles')) ranges.push(request.headers()['range'] ?? '');
    });
    await page.goto(mapUrl(host));
    await expect(page.locator('.map-panel__map .leaflet-tile-loaded').first()).toBeVisible();
    await page.waitForTimeout(300);
    expect(ranges.every((r) => /^bytes=\d+-\d+$/.test(r))).toBe(true);
    const png = PNG.sync.read(await page.locator('.map-panel__map').screenshot());
    let tilePixels = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === PMTILES_COLOUR[0] && png.data[i + 1] === PMTILES_COLOUR[1] && png.data[i + 2] === PMTILES_COLOUR[2]) tilePixels++;
    expect(tilePixels / (png.width * png.height)).toBeGreaterThan(0.5);
  });

  test('a floor plan with its cameras, and the floor switcher; selecting a floor camera opens its floor', async ({ page }) => {
    await signedIn(page);
    await page.goto(mapUrl(host));
    await expect(marker(page, 1)).toBeVisible();
    await expect(marker(page, 4)).toHaveCount(0);
    await page.locator('button[data-surface="ground"]').click();
    await expect(page.locator('.map-floor-image')).toBeVisible();
    await expect(marker(page, 4)).toBeVisible();
    await expect(marker(page, 1)).toHaveCount(0);
    // A click in front of the floor camera lists it (plan geometry: 7.5 m straight up the plan).
    const at = await pagePoint(page, 27.5, 40);
    await page.mouse.click(at.x, at.y);
    await expect(page.locator('.map-coverage li[data-camera-number="4"]')).toBeVisible();
    await page.locator('button[data-surface="street"]').click();
    await expect(marker(page, 1)).toBeVisible();
    // The wall selects camera 4's tile: the map goes to its floor.
    const rpc = await RpcClient.connect(host.url);
    await rpc.call('auth.resume', { token });
    await rpc.call('wall.dispatch', { action: { type: 'select', screenId: '1', cell: 3 } });
    await expect(marker(page, 4)).toHaveAttribute('data-selected', 'true');
    await expect(page.locator('button[data-surface="ground"]')).toHaveAttribute('aria-pressed', 'true');
    rpc.close();
  });

  test('a supervisor drags a camera and its heading handle: saved to the site file; undo restores it', async ({ page }) => {
    const rpc = await RpcClient.connect(host.url);
    await rpc.call('auth.resume', { token });
    await rpc.call('wall.dispatch', { action: { type: 'select', screenId: '1', cell: 0 } });
    rpc.close();
    await signedIn(page);
    await page.goto(mapUrl(host, { lat: -34.599, lng: -58.38, zoom: 17 }));
    await page.locator('[data-action="edit"]').click();
    const before = JSON.parse(readFileSync(sitePath, 'utf8')) as { cameras: Array<{ position: { lat: number; lng: number }; heading: number }> };

    // Move camera 2 about 40 px east.
    const box = (await marker(page, 2).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => (JSON.parse(readFileSync(sitePath, 'utf8')) as typeof before).cameras[1]!.position.lng).toBeGreaterThan(before.cameras[1]!.position.lng);
    expect((JSON.parse(readFileSync(sitePath, 'utf8')) as typeof before).cameras[1]!.position.lat).toBeCloseTo(before.cameras[1]!.position.lat, 4);

    // Turn it to look north with the tip handle.
    await marker(page, 2).click();
    const tip = page.locator('.map-handle[data-handle="tip"]');
    await expect(tip).toBeVisible();
    const camAt = (await marker(page, 2).boundingBox())!;
    const tipAt = (await tip.boundingBox())!;
    await page.mouse.move(tipAt.x + tipAt.width / 2, tipAt.y + tipAt.height / 2);
    await page.mouse.down();
    await page.mouse.move(camAt.x + camAt.width / 2, camAt.y - 60, { steps: 5 });
    await page.mouse.move(camAt.x + camAt.width / 2, camAt.y - 80, { steps: 5 });
    await page.mouse.up();
    const heading = () => (JSON.parse(readFileSync(sitePath, 'utf8')) as typeof before).cameras[1]!.heading;
    await expect.poll(() => Math.min(heading(), 360 - heading())).toBeLessThan(5);

    // Undo twice: back where it was, in the file.
    await page.locator('[data-action="undo"]').click();
    await expect.poll(heading).toBe(before.cameras[1]!.heading);
    await page.locator('[data-action="undo"]').click();
    await expect.poll(() => (JSON.parse(readFileSync(sitePath, 'utf8')) as typeof before).cameras[1]!.position).toEqual(before.cameras[1]!.position);
    await expect(page.locator('[data-action="undo"]')).toBeDisabled();
  });

  test('XYZ and WMS basemaps come from the site’s tile server (allowed by the CSP, nothing else)', async ({ page }) => {
    const XYZ: [number, number, number] = [200, 60, 60];
    const WMS: [number, number, number] = [60, 160, 60];
    const asked: string[] = [];
    const tiles: Server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(tilePng((req.url ?? '').startsWith('/wms') ? WMS : XYZ));
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    const rpc = await RpcClient.connect(host.url);
    await rpc.call('auth.resume', { token });
    const original = readFileSync(sitePath, 'utf8');
    const dir = join(sitePath, '..');
    const colourShare = async (rgb: [number, number, number]) => {
      const png = PNG.sync.read(await page.locator('.map-panel__map').screenshot());
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === rgb[0] && png.data[i + 1] === rgb[1] && png.data[i + 2] === rgb[2]) n++;
      return n / (png.width * png.height);
    };
    try {
      for (const [kind, basemap, colour] of [
        ['xyz', { type: 'xyz', url: `${origin}/xyz/{z}/{x}/{y}.png`, attribution: 'Test tiles' }, XYZ],
        ['wms', { type: 'wms', url: `${origin}/wms`, layers: 'city', format: 'image/png' }, WMS],
      ] as const) {
        const file = join(dir, `${kind}.json`);
        const site = JSON.parse(original) as { map: Record<string, unknown> };
        writeFileSync(file, JSON.stringify({ ...site, map: { ...site.map, basemap } }));
        await rpc.call('site.load', { path: file });
        await signedIn(page);
        await page.goto(mapUrl(host));
        await expect(page.locator('.map-panel__map .leaflet-tile-loaded').first(), kind).toBeVisible();
        await expect.poll(() => colourShare(colour), { message: kind }).toBeGreaterThan(0.5);
      }
      expect(asked.some((u) => /^\/xyz\/16\/\d+\/\d+\.png$/.test(u))).toBe(true);
      expect(asked.some((u) => u.startsWith('/wms?') && /request=GetMap/i.test(u) && /layers=city/i.test(u))).toBe(true);
    } finally {
      await rpc.call('site.load', { path: sitePath });
      rpc.close();
      await new Promise<void>((resolve) => tiles.close(() => resolve()));
    }
  });
});
