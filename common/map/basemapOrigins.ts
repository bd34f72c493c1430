import { originOf } from '../csp';
import type { MapSettings } from '../site/siteSchema';

/**
 * Origins the renderer must be allowed to load map images from (CSP img-src): a site's XYZ or WMS
 * server. The demo basemap, PMTiles and floor plans come from the app's own origin.
 */
export function basemapImageOrigins(map: Pick<MapSettings, 'basemap'>): string[] {
  const { basemap } = map;
  if (basemap.type !== 'xyz' && basemap.type !== 'wms') return [];
  // `{s}` subdomains and other placeholders are not valid in a host; any letter stands in for them.
  const origin = originOf(basemap.url.replace(/\{[a-z]+\}/gi, 'a'));
  if (origin === '') return [];
  if (basemap.type === 'xyz' && /\{s\}/.test(basemap.url)) {
    return ['a', 'b', 'c'].map((s) => originOf(basemap.url.replace('{s}', s).replace(/\{[a-z]+\}/gi, '0')));
  }
  return [origin];
}
