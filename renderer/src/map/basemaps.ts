import { LAND_COLOUR } from '../../../common/map/demoBasemapStyle';
import type { MapSettings } from '../../../common/site/siteSchema';
import { DemoBasemap, loadDemoCity } from './demoBasemap';
import L from './leaflet';
import { pmtilesLayer } from './pmtilesLayer';

/** Same origin as the page in both hosts (web host route, Electron app protocol). */
export const PMTILES_URL = '/map-assets/basemap.pmtiles';
export const floorImageUrl = (floorId: string) => `/map-assets/floors/${encodeURIComponent(floorId)}`;

export interface Basemap {
  destroy(): void;
}

/**
 * The street map's background for a site: the demo city (vector, offline), XYZ tiles, WMS, or a
 * PMTiles archive served by the app. `onProblem` reports what cannot be shown (a bad archive),
 * so the operator sees why the map is blank instead of a silent grey.
 */
export function addBasemap(map: L.Map, settings: MapSettings, onProblem: (message: string) => void): Basemap {
  const { basemap } = settings;
  switch (basemap.type) {
    case 'demo': {
      map.getContainer().style.background = LAND_COLOUR;
      let layer: DemoBasemap | undefined;
      let cancelled = false;
      loadDemoCity().then(
        (city) => {
          if (!cancelled) layer = new DemoBasemap(map, city);
        },
        (err: unknown) => onProblem(`demo basemap: ${(err as Error).message}`),
      );
      return {
        destroy: () => {
          cancelled = true;
          layer?.destroy();
        },
      };
    }
    case 'xyz': {
      const layer = L.tileLayer(basemap.url, { maxZoom: settings.maxZoom ?? 22, maxNativeZoom: basemap.maxZoom ?? 19, ...(basemap.attribution ? { attribution: basemap.attribution } : {}) }).addTo(map);
      return { destroy: () => layer.remove() };
    }
    case 'wms': {
      const layer = L.tileLayer
        .wms(basemap.url, { layers: basemap.layers, format: basemap.format, transparent: false, maxZoom: settings.maxZoom ?? 22, ...(basemap.attribution ? { attribution: basemap.attribution } : {}) })
        .addTo(map);
      return { destroy: () => layer.remove() };
    }
    case 'pmtiles': {
      let warned = false;
      const { layer, header } = pmtilesLayer(PMTILES_URL, {
        maxZoom: settings.maxZoom ?? 22,
        ...(basemap.attribution ? { attribution: basemap.attribution } : {}),
        onProblem: (message) => {
          // One message per map, not one per tile.
          if (!warned) onProblem(`PMTiles basemap: ${message}`);
          warned = true;
        },
      });
      // Beyond the archive's deepest zoom Leaflet scales its tiles up instead of asking for none.
      let removed = false;
      header.then(
        (h) => {
          if (removed) return;
          L.Util.setOptions(layer, { maxNativeZoom: h.maxZoom, minNativeZoom: h.minZoom });
          layer.addTo(map);
        },
        (err: unknown) => onProblem(`PMTiles basemap: ${(err as Error).message}`),
      );
      return {
        destroy: () => {
          removed = true;
          layer.remove();
        },
      };
    }
  }
}
