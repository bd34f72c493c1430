import type { Bounds } from '../geo/fieldOfView';
import { METRES_PER_DEGREE_LAT } from '../geo/geodesy';
import type { LatLng } from '../site/siteSchema';
import type { IncidentTable } from './incidentTable';

/**
 * Kernel density ("heat") of incidents on a regular grid, as crime analysts compute it (the
 * quartic kernel of ArcGIS's and CrimeStat's Kernel Density), in incidents per km².
 *
 * Method, stated once for the UI and the report:
 * - The grid is fixed for a dataset (its extent: the incidents, ignoring the outermost 0.5 % on
 *   each side, which are usually geocoding errors, plus the cameras), so the map does not jump
 *   as filters change; incidents outside it are counted but not drawn.
 * - Incidents are first counted per cell and each cell's count is spread with the kernel from the
 *   cell's centre: a point moves by at most half a cell (a sixth of the bandwidth by default),
 *   well under what the bandwidth smooths away. This makes the cost incidents + busy cells ×
 *   kernel, not incidents × kernel.
 * - Distances are on a local flat projection (equirectangular about the grid's middle): at city
 *   scale its error is far below a cell.
 * - The kernel's weights are normalised to sum to one, so the grid integrates to the number of
 *   incidents drawn (less what spreads past the grid's edge).
 */

export interface GridSpec {
  /** Degrees; row 0 is the northern edge, like an image. */
  west: number;
  south: number;
  east: number;
  north: number;
  cols: number;
  rows: number;
  /** Cell side on the ground, metres. */
  cellMetres: number;
  /** Degrees per cell. */
  dLat: number;
  dLng: number;
}

export const DEFAULT_BANDWIDTH_M = 100;
/** Cells per bandwidth: the kernel spans 2·6 + 1 cells across. */
const CELLS_PER_BANDWIDTH = 6;
/** Largest grid side in cells: 600 × 600 is 360 000 cells, 1.4 MB of floats. */
export const MAX_GRID_SIDE = 600;

const metresPerDegreeLng = (lat: number) => METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);

/** Sorted copy's q-quantile (0 ≤ q ≤ 1) of the given values. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))]!;
}

/**
 * The area a dataset's maps cover: incidents between their 0.5th and 99.5th percentiles of
 * latitude and longitude, and every camera, padded by `padMetres`. Undefined when there is nothing.
 */
export function analysisExtent(table: IncidentTable, cameras: readonly LatLng[], padMetres: number): Bounds | undefined {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  if (table.size > 0) {
    const lats = Float64Array.from(table.lat).sort();
    const lngs = Float64Array.from(table.lng).sort();
    const trim = table.size >= 200 ? 0.005 : 0;
    south = quantile(lats, trim);
    north = quantile(lats, 1 - trim);
    west = quantile(lngs, trim);
    east = quantile(lngs, 1 - trim);
  }
  for (const c of cameras) {
    south = Math.min(south, c.lat);
    north = Math.max(north, c.lat);
    west = Math.min(west, c.lng);
    east = Math.max(east, c.lng);
  }
  if (!Number.isFinite(south)) return undefined;
  const padLat = padMetres / METRES_PER_DEGREE_LAT;
  const padLng = padMetres / metresPerDegreeLng((south + north) / 2);
  return [west - padLng, south - padLat, east + padLng, north + padLat];
}

/** A grid over `extent` with cells of about bandwidth / 6, coarser if the extent needs more than MAX_GRID_SIDE cells. */
export function gridFor(extent: Bounds, bandwidthMetres: number): GridSpec {
  const [west, south, east, north] = extent;
  const midLat = (south + north) / 2;
  const heightM = (north - south) * METRES_PER_DEGREE_LAT;
  const widthM = (east - west) * metresPerDegreeLng(midLat);
  const cellMetres = Math.max(bandwidthMetres / CELLS_PER_BANDWIDTH, Math.max(heightM, widthM) / MAX_GRID_SIDE, 0.5);
  const cols = Math.max(1, Math.ceil(widthM / cellMetres));
  const rows = Math.max(1, Math.ceil(heightM / cellMetres));
  const dLat = cellMetres / METRES_PER_DEGREE_LAT;
  const dLng = cellMetres / metresPerDegreeLng(midLat);
  // Grow the box to whole cells around the same centre.
  const cLat = (south + north) / 2;
  const cLng = (west + east) / 2;
  return {
    west: cLng - (cols * dLng) / 2,
    east: cLng + (cols * dLng) / 2,
    south: cLat - (rows * dLat) / 2,
    north: cLat + (rows * dLat) / 2,
    cols,
    rows,
    cellMetres,
    dLat,
    dLng,
  };
}

/** The cell holding a point, or −1 outside the grid. */
export function cellOf(spec: GridSpec, lat: number, lng: number): number {
  const col = Math.floor((lng - spec.west) / spec.dLng);
  const row = Math.floor((spec.north - lat) / spec.dLat);
  if (!(col >= 0 && col < spec.cols && row >= 0 && row < spec.rows)) return -1;
  return row * spec.cols + col;
}

export function cellCentre(spec: GridSpec, cell: number): LatLng {
  const row = Math.floor(cell / spec.cols);
  const col = cell - row * spec.cols;
  return { lat: spec.north - (row + 0.5) * spec.dLat, lng: spec.west + (col + 0.5) * spec.dLng };
}

export interface DensityGrid {
  spec: GridSpec;
  bandwidthMetres: number;
  /** Incidents per km², rows × cols, row 0 north. */
  values: Float32Array;
  max: number;
  /** Incidents counted into the grid, and those that fell outside it. */
  inside: number;
  outside: number;
}

/** Quartic (biweight) kernel weights over a (2r+1)² stencil, summing to 1. */
export function quarticStencil(cellMetres: number, bandwidthMetres: number): { radius: number; weights: Float64Array } {
  const radius = Math.max(1, Math.ceil(bandwidthMetres / cellMetres));
  const side = 2 * radius + 1;
  const weights = new Float64Array(side * side);
  let sum = 0;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const u2 = ((dx * dx + dy * dy) * cellMetres * cellMetres) / (bandwidthMetres * bandwidthMetres);
      const w = u2 < 1 ? (1 - u2) * (1 - u2) : 0;
      weights[(dy + radius) * side + (dx + radius)] = w;
      sum += w;
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
  return { radius, weights };
}

/**
 * Incidents per km² at each cell of `spec`, from the incidents at `indices` (all when omitted),
 * optionally only those with `mask[i]` equal to `maskValue`.
 */
export function kernelDensity(
  table: IncidentTable,
  indices: ArrayLike<number> | null,
  spec: GridSpec,
  bandwidthMetres: number,
  only?: { mask: Uint8Array; value: number },
): DensityGrid {
  const cells = spec.cols * spec.rows;
  const counts = new Float64Array(cells);
  let inside = 0;
  let outside = 0;
  const n = indices ? indices.length : table.size;
  const { lat, lng } = table;
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k]! : k;
    if (only && only.mask[i] !== only.value) continue;
    const col = Math.floor((lng[i]! - spec.west) / spec.dLng);
    const row = Math.floor((spec.north - lat[i]!) / spec.dLat);
    if (col >= 0 && col < spec.cols && row >= 0 && row < spec.rows) {
      counts[row * spec.cols + col]!++;
      inside++;
    } else outside++;
  }
  const { radius, weights } = quarticStencil(spec.cellMetres, bandwidthMetres);
  const side = 2 * radius + 1;
  const perKm2 = 1e6 / (spec.cellMetres * spec.cellMetres);
  const values = new Float32Array(cells);
  const acc = new Float64Array(cells);
  for (let cell = 0; cell < cells; cell++) {
    const c = counts[cell]!;
    if (c === 0) continue;
    const row = Math.floor(cell / spec.cols);
    const col = cell - row * spec.cols;
    const r0 = Math.max(0, row - radius);
    const r1 = Math.min(spec.rows - 1, row + radius);
    const c0 = Math.max(0, col - radius);
    const c1 = Math.min(spec.cols - 1, col + radius);
    for (let r = r0; r <= r1; r++) {
      const wRow = (r - row + radius) * side + radius - col;
      const base = r * spec.cols;
      for (let cc = c0; cc <= c1; cc++) acc[base + cc]! += c * weights[wRow + cc]!;
    }
  }
  let max = 0;
  for (let cell = 0; cell < cells; cell++) {
    values[cell] = acc[cell]! * perKm2;
    if (values[cell]! > max) max = values[cell]!;
  }
  return { spec, bandwidthMetres, values, max, inside, outside };
}

/**
 * The heat colours: transparent below `floor` × max, then fading in from pale yellow through
 * orange to deep red with rising opacity. Scaled to this grid's own maximum (a legend states it), so a filter that leaves
 * few incidents still shows where they cluster.
 */
export const HEAT_STOPS: ReadonlyArray<[at: number, r: number, g: number, b: number, a: number]> = [
  [0, 255, 255, 178, 0],
  [0.15, 254, 217, 118, 0.42],
  [0.35, 254, 178, 76, 0.58],
  [0.6, 253, 141, 60, 0.7],
  [0.8, 240, 59, 32, 0.8],
  [1, 189, 0, 38, 0.9],
];

export function heatColour(t: number): [number, number, number, number] {
  const x = Math.min(1, Math.max(0, t));
  for (let s = 1; s < HEAT_STOPS.length; s++) {
    const [b, r1, g1, b1, a1] = HEAT_STOPS[s]!;
    if (x <= b || s === HEAT_STOPS.length - 1) {
      const [a, r0, g0, b0, a0] = HEAT_STOPS[s - 1]!;
      const f = (x - a) / (b - a);
      return [r0 + (r1 - r0) * f, g0 + (g1 - g0) * f, b0 + (b1 - b0) * f, a0 + (a1 - a0) * f];
    }
  }
  return [189, 0, 38, 0.88];
}

/** RGBA pixels (one per cell, row 0 north) for a canvas or a PNG. */
export function densityRgba(grid: DensityGrid, floor = 0.05): Uint8ClampedArray {
  const out = new Uint8ClampedArray(grid.values.length * 4);
  if (grid.max <= 0) return out;
  // A 256-entry lookup table: the per-cell work is a multiply and four copies.
  const lut = new Uint8ClampedArray(256 * 4);
  for (let k = 0; k < 256; k++) {
    const [r, g, b, a] = heatColour(k / 255);
    lut.set([r, g, b, Math.round(a * 255)], k * 4);
  }
  const inv = 1 / grid.max;
  for (let cell = 0; cell < grid.values.length; cell++) {
    const t = grid.values[cell]! * inv;
    if (t < floor) continue;
    const k = Math.min(255, Math.round(((t - floor) / (1 - floor)) * 255)) * 4;
    const o = cell * 4;
    out[o] = lut[k]!;
    out[o + 1] = lut[k + 1]!;
    out[o + 2] = lut[k + 2]!;
    out[o + 3] = lut[k + 3]!;
  }
  return out;
}

/** The peaks of a density grid: cells at least as high as their eight neighbours, highest first. */
export function densityPeaks(grid: DensityGrid, minValue: number): number[] {
  const { cols, rows } = grid.spec;
  const v = grid.values;
  const peaks: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = r * cols + c;
      const x = v[cell]!;
      if (x <= minValue) continue;
      let isPeak = true;
      for (let dr = -1; dr <= 1 && isPeak; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if (!dr && !dc) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
          const y = v[rr * cols + cc]!;
          // Plateaus: only the first cell (in reading order) of equal neighbours is the peak.
          if (y > x || (y === x && (dr < 0 || (dr === 0 && dc < 0)))) {
            isPeak = false;
            break;
          }
        }
      }
      if (isPeak) peaks.push(cell);
    }
  }
  return peaks.sort((a, b) => v[b]! - v[a]!);
}
