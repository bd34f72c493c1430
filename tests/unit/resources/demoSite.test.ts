import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bbox, booleanIntersects, booleanPointInPolygon, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { destinationPoint, fovContains, fovPolygon } from '../../../common/geo';
import { type Camera, type LatLng, SiteSchema } from '../../../common/site/siteSchema';
import { parseJsonWith } from '../../../common/validation';
import { buildDemoCity, serialiseCity } from '../../../scripts/generate-demo-city';
import { buildDemoSite } from '../../../scripts/generate-demo-site';

const resource = (path: string) => fileURLToPath(new URL(`../../../resources/demo/${path}`, import.meta.url));
const siteText = readFileSync(resource('site.json'), 'utf8');
const cityText = readFileSync(resource('map/city.geojson'), 'utf8');
const city = JSON.parse(cityText) as FeatureCollection;

const parsed = parseJsonWith(SiteSchema, siteText);
if (!parsed.ok) throw new Error(`resources/demo/site.json does not parse: ${JSON.stringify(parsed.problems)}`);
const site = parsed.value;

const ofKind = <G extends Feature['geometry']>(...kinds: string[]) => city.features.filter((f) => kinds.includes(String(f.properties?.['kind']))) as Feature<G>[];
const streets = ofKind<LineString>('street', 'avenue');
const blocks = ofKind<Polygon>('block');
const pt = (p: LatLng): [number, number] => [p.lng, p.lat];

/** Within the paved width of some street (half its width either side of the centreline). */
function onAStreet(p: LatLng): boolean {
  return streets.some((s) => pointToLineDistance(pt(p), s, { units: 'meters' }) <= Number(s.properties?.['width']) / 2);
}
const inABlock = (p: LatLng) => blocks.some((b) => booleanPointInPolygon(pt(p), b));

describe('resources/demo/site.json', () => {
  it('parses with SiteSchema', () => {
    expect(site.name).toBe('Puerto Atalaya (demo)');
    expect(site.map.basemap).toEqual({ type: 'demo' });
    expect(site.vms).toEqual([]);
  });

  it('has 64 or more cameras with unique ids and numbers, cam-01… numbered 1…', () => {
    expect(site.cameras.length).toBeGreaterThanOrEqual(64);
    expect(new Set(site.cameras.map((c) => c.id)).size).toBe(site.cameras.length);
    expect(new Set(site.cameras.map((c) => c.number)).size).toBe(site.cameras.length);
    site.cameras.forEach((c, i) => {
      expect(c.number).toBe(i + 1);
      expect(c.id).toBe(`cam-${String(i + 1).padStart(2, '0')}`);
    });
  });

  it('every camera streams main and sub from the simulator and carries its metadata', () => {
    for (const c of site.cameras) {
      expect(c.streams).toEqual([
        { url: `sim://${c.id}/main`, format: 'flv', quality: 'main', width: 640, height: 360, fps: 25 },
        { url: `sim://${c.id}/sub`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 },
      ]);
      expect(c.engine).toBe('mpegts');
      expect(c.fov).toBeGreaterThanOrEqual(50);
      expect(c.fov).toBeLessThanOrEqual(100);
      expect(c.range).toBeGreaterThanOrEqual(60);
      expect(c.range).toBeLessThanOrEqual(150);
      expect(c.tags.length).toBeGreaterThan(0);
      expect(c.vmsDeviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(['centro', 'norte', 'sur']).toContain(c.group);
    }
    expect(new Set(site.cameras.map((c) => c.vmsDeviceId)).size).toBe(site.cameras.length);
    expect(new Set(site.cameras.map((c) => c.name)).size).toBe(site.cameras.length);
    expect(site.cameras.filter((c) => c.installedAt).length).toBeGreaterThanOrEqual(4);
  });

  it('the map is centred on the city', () => {
    const [west, south, east, north] = bbox({ type: 'FeatureCollection', features: blocks });
    expect(site.map.center.lat).toBeGreaterThan(south);
    expect(site.map.center.lat).toBeLessThan(north);
    expect(site.map.center.lng).toBeGreaterThan(west);
    expect(site.map.center.lng).toBeLessThan(east);
    expect(site.map.zoom).toBe(16);
  });
});

describe('demo cameras stand in the demo city', () => {
  // The built-up extent: blocks and streets, not the ocean polygon around them.
  const [west, south, east, north] = bbox({ type: 'FeatureCollection', features: [...blocks, ...streets] });

  it.each(site.cameras.map((c) => [c.id, c] as [string, Camera]))('%s stands on a street, in town, not in a block', (_, camera) => {
    const { lat, lng } = camera.position;
    expect(lat >= south && lat <= north && lng >= west && lng <= east).toBe(true);
    expect(inABlock(camera.position)).toBe(false);
    expect(onAStreet(camera.position)).toBe(true);
  });

  it.each(site.cameras.map((c) => [c.id, c] as [string, Camera]))('%s looks down a street, not into a block', (_, camera) => {
    expect(streets.some((s) => booleanIntersects(fovPolygon(camera), s))).toBe(true);
    // 25 m straight ahead is still street, and the camera sees it.
    const ahead = destinationPoint(camera.position, 25, camera.heading);
    expect(inABlock(ahead)).toBe(false);
    expect(onAStreet(ahead)).toBe(true);
    expect(fovContains(camera, ahead)).toBe(true);
  });
});

describe('resources/demo/map/city.geojson', () => {
  it('has named streets and avenues, blocks, water, parks, a plaza and named places', () => {
    const names = new Set(streets.map((s) => s.properties?.['name']));
    expect(names.size).toBeGreaterThanOrEqual(30);
    for (const s of streets) {
      expect(typeof s.properties?.['name']).toBe('string');
      expect(Number(s.properties?.['width'])).toBeGreaterThan(0);
    }
    expect(streets.some((s) => s.properties?.['kind'] === 'avenue')).toBe(true);
    expect(blocks.length).toBeGreaterThanOrEqual(200);
    expect(ofKind('water').map((f) => f.properties?.['name'])).toEqual(expect.arrayContaining(['Río Atalaya', 'Océano Pacífico']));
    expect(ofKind('park').length).toBeGreaterThanOrEqual(2);
    expect(ofKind('plaza').map((f) => f.properties?.['name'])).toContain('Plaza de Armas');
    const pois = ofKind<Point>('poi');
    expect(pois.map((f) => f.properties?.['name'])).toEqual(expect.arrayContaining(['Terminal de Buses', 'Plaza de Armas']));
    for (const f of [...blocks, ...ofKind('park', 'plaza', 'water')]) expect(f.geometry.type).toBe('Polygon');
  });

  it('stays small enough to ship and draw (< 1.5 MB)', () => {
    expect(Buffer.byteLength(cityText)).toBeLessThan(1.5 * 1024 * 1024);
  });
});

describe('the committed files are what the generators produce', () => {
  it('city.geojson = scripts/generate-demo-city.ts', () => {
    expect(serialiseCity(buildDemoCity().geojson)).toBe(cityText);
  });
  it('site.json = scripts/generate-demo-site.ts', () => {
    expect(`${JSON.stringify(buildDemoSite(), null, 2)}\n`).toBe(siteText);
  });
});
