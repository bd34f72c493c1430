import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaStyle, casingWeightPx, metresPerPixel, streetWeightPx, type DemoFeatureKind } from '../../../../common/map/demoBasemapStyle';
import { basemapImageOrigins } from '../../../../common/map/basemapOrigins';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

describe('demo basemap style', () => {
  it('gives every area kind in the demo city a fill', () => {
    const city = JSON.parse(readFileSync(join(ROOT, 'resources/demo/map/city.geojson'), 'utf8')) as { features: Array<{ geometry: { type: string }; properties: { kind: DemoFeatureKind } }> };
    for (const feature of city.features) {
      if (feature.geometry.type === 'Polygon') expect(areaStyle(feature.properties.kind, feature.properties), feature.properties.kind).not.toBeNull();
    }
    expect(areaStyle('block', { use: 'hospital' })!.fill).not.toBe(areaStyle('block', {})!.fill);
  });

  it('draws streets at their real width at street zoom, never thinner than a hairline', () => {
    // Web Mercator at the demo's latitude: ~2.2 m per pixel at zoom 16, half that at 17.
    expect(metresPerPixel(16, -21.47)).toBeCloseTo(2.224, 2);
    expect(streetWeightPx(12, 17, -21.47, 'street')).toBeCloseTo(12 / 1.112, 1);
    expect(streetWeightPx(12, 12, -21.47, 'street')).toBe(1);
    expect(streetWeightPx(30, 12, -21.47, 'avenue')).toBe(2);
    expect(casingWeightPx(10, 16)).toBe(12);
  });
});

describe('basemap image origins (CSP img-src)', () => {
  it('lists the tile server, with each {s} subdomain; none for app-served basemaps', () => {
    expect(basemapImageOrigins({ basemap: { type: 'demo' } })).toEqual([]);
    expect(basemapImageOrigins({ basemap: { type: 'pmtiles', path: 'x.pmtiles' } })).toEqual([]);
    expect(basemapImageOrigins({ basemap: { type: 'xyz', url: 'https://tiles.example.org:8443/{z}/{x}/{y}.png' } })).toEqual(['https://tiles.example.org:8443']);
    expect(basemapImageOrigins({ basemap: { type: 'xyz', url: 'https://{s}.tile.example.org/{z}/{x}/{y}.png' } })).toEqual(['https://a.tile.example.org', 'https://b.tile.example.org', 'https://c.tile.example.org']);
    expect(basemapImageOrigins({ basemap: { type: 'wms', url: 'http://10.0.0.5/geoserver/wms', layers: 'city', format: 'image/png' } })).toEqual(['http://10.0.0.5']);
  });
});
