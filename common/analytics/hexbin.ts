import { METRES_PER_DEGREE_LAT } from '../geo/geodesy';
import type { LatLng } from '../site/siteSchema';
import type { IncidentTable } from './incidentTable';

/**
 * Hexagonal bins: incident counts per hexagon, the other way analysts show "where". Hexagons
 * (pointy-top, on a local flat projection about `origin`) have the same distance to all six
 * neighbours and follow street grids less than squares do, so a count is less an artefact of how
 * the grid happens to fall. `size` is the hexagon's circumradius (centre to corner) in metres.
 */

export interface HexLayout {
  origin: LatLng;
  sizeMetres: number;
  /** Metres per degree at the origin. */
  mLat: number;
  mLng: number;
}

export const DEFAULT_HEX_SIZE_M = 75;
const SQRT3 = Math.sqrt(3);

export function hexLayout(origin: LatLng, sizeMetres: number): HexLayout {
  return { origin, sizeMetres, mLat: METRES_PER_DEGREE_LAT, mLng: METRES_PER_DEGREE_LAT * Math.cos((origin.lat * Math.PI) / 180) };
}

/** Axial coordinates of the hexagon holding a point. */
export function hexOf(layout: HexLayout, lat: number, lng: number): [q: number, r: number] {
  const x = (lng - layout.origin.lng) * layout.mLng;
  const y = (lat - layout.origin.lat) * layout.mLat;
  const fq = ((SQRT3 / 3) * x - y / 3) / layout.sizeMetres;
  const fr = ((2 / 3) * y) / layout.sizeMetres;
  // Cube rounding: round all three coordinates, fix the one that moved most.
  const fs = -fq - fr;
  let q = Math.round(fq);
  let r = Math.round(fr);
  const s = Math.round(fs);
  const dq = Math.abs(q - fq);
  const dr = Math.abs(r - fr);
  const ds = Math.abs(s - fs);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return [q, r];
}

export function hexCentre(layout: HexLayout, q: number, r: number): LatLng {
  const x = layout.sizeMetres * SQRT3 * (q + r / 2);
  const y = layout.sizeMetres * 1.5 * r;
  return { lat: layout.origin.lat + y / layout.mLat, lng: layout.origin.lng + x / layout.mLng };
}

/** The six corners, anticlockwise from the east-north-east one. */
export function hexCorners(layout: HexLayout, q: number, r: number): LatLng[] {
  const c = hexCentre(layout, q, r);
  const out: LatLng[] = [];
  for (let k = 0; k < 6; k++) {
    const angle = ((60 * k + 30) * Math.PI) / 180;
    out.push({ lat: c.lat + (layout.sizeMetres * Math.sin(angle)) / layout.mLat, lng: c.lng + (layout.sizeMetres * Math.cos(angle)) / layout.mLng });
  }
  return out;
}

export interface HexCell {
  q: number;
  r: number;
  count: number;
  /** Of `count`, incidents inside some camera's view (when a mask was given). */
  covered: number;
}

/** Counts per hexagon of the incidents at `indices`; only non-empty hexagons, busiest first. */
export function hexbin(table: IncidentTable, indices: ArrayLike<number>, layout: HexLayout, coveredMask?: Uint8Array): HexCell[] {
  const cells = new Map<number, HexCell>();
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const [q, r] = hexOf(layout, table.lat[i]!, table.lng[i]!);
    // q and r stay far inside ±2^20 at city scale; one number keys the map without strings.
    const key = (q + 1_048_576) * 2_097_152 + (r + 1_048_576);
    let cell = cells.get(key);
    if (!cell) {
      cell = { q, r, count: 0, covered: 0 };
      cells.set(key, cell);
    }
    cell.count++;
    if (coveredMask && coveredMask[i]) cell.covered++;
  }
  return [...cells.values()].sort((a, b) => b.count - a.count || a.q - b.q || a.r - b.r);
}
