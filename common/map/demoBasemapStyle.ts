/**
 * How the demo city (resources/demo/map/city.geojson) is drawn: the colours of a familiar street
 * map (land, water, parks, blocks, white streets and orange avenues) and street widths that follow
 * the real width in metres at every zoom, so the map reads as streets, not as a line diagram.
 * Pure data and arithmetic; the renderer turns it into Leaflet layers.
 */

export const LAND_COLOUR = '#f2efe9';

export type DemoFeatureKind = 'water' | 'park' | 'plaza' | 'block' | 'avenue' | 'street' | 'poi';

export interface AreaStyle {
  fill: string;
  stroke: string | null;
}

const BLOCK_USE_FILL: Record<string, string> = {
  church: '#d9cfc4',
  government: '#d8d2e3',
  museum: '#e3d5c6',
  market: '#f0dcc0',
  hospital: '#f2d4d4',
  university: '#eee4c4',
  'fire-station': '#ecd0c8',
  police: '#d4dbe8',
  stadium: '#cfe8c6',
  terminal: '#dcd6ea',
  pier: '#d6d0c4',
};

export function areaStyle(kind: DemoFeatureKind, properties: Record<string, unknown>): AreaStyle | null {
  switch (kind) {
    case 'water':
      return { fill: '#aad3df', stroke: null };
    case 'park':
      return { fill: '#c8facc', stroke: '#b3e6b5' };
    case 'plaza':
      return { fill: '#e9e4d8', stroke: '#d6cfbf' };
    case 'block': {
      const use = typeof properties.use === 'string' ? properties.use : '';
      return { fill: BLOCK_USE_FILL[use] ?? '#e0dcd3', stroke: '#cfc6b8' };
    }
    default:
      return null;
  }
}

export interface LineStyle {
  casing: string;
  fill: string;
}

export function lineStyle(kind: 'avenue' | 'street'): LineStyle {
  return kind === 'avenue' ? { casing: '#d59c5c', fill: '#fcd6a4' } : { casing: '#c3bcb0', fill: '#ffffff' };
}

/** Web Mercator ground resolution: metres per CSS pixel at `zoom` and latitude `lat`. */
export function metresPerPixel(zoom: number, lat: number): number {
  return (156543.03392 * Math.cos((lat * Math.PI) / 180)) / Math.pow(2, zoom);
}

/**
 * A street's drawn width in pixels: its real width, but never thinner than a hairline at city zoom
 * (zoomed out, 10 m streets would vanish and the city would look empty).
 */
export function streetWeightPx(widthMetres: number, zoom: number, lat: number, kind: 'avenue' | 'street'): number {
  const real = widthMetres / metresPerPixel(zoom, lat);
  return Math.max(kind === 'avenue' ? 2 : 1, real);
}

/** The casing adds a pixel each side at street zoom, less when zoomed out. */
export function casingWeightPx(fillPx: number, zoom: number): number {
  return fillPx + (zoom >= 16 ? 2 : 1);
}

/** From this zoom street names are drawn (the README's "street zoom"). */
export const STREET_LABEL_MIN_ZOOM = 16;
/** From this zoom points of interest are named. */
export const POI_LABEL_MIN_ZOOM = 15;

export function streetLabelFontPx(zoom: number): number {
  return zoom >= 18 ? 13 : zoom >= 17 ? 12 : 11;
}
