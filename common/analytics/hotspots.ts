import type { Position } from 'geojson';
import { fovBounds, fovContains } from '../geo/fieldOfView';
import { distanceMetres, METRES_PER_DEGREE_LAT } from '../geo/geodesy';
import { type FovTemplate, type PlacementCandidate, type Placement, suggestPlacements } from '../geo/placement';
import type { IncidentPoint } from '../geo/coverage';
import { UNCATEGORISED } from '../geo/coverage';
import type { LatLng } from '../site/siteSchema';
import type { CoverageModel } from './coverageModel';
import { cellCentre, densityPeaks, type GridSpec, kernelDensity } from './density';
import type { IncidentTable } from './incidentTable';

/**
 * Where incidents cluster that no camera sees, and where new cameras would see most of them.
 *
 * Hotspots: the peaks of the kernel density of the *uncovered* filtered incidents (same kernel
 * and bandwidth as the heat layer), kept at least two radii apart (a weaker peak next to a
 * stronger one is the same hotspot), then ranked by how many uncovered incidents lie within
 * `radius` of the peak — a count a manager can check on the map.
 */

export interface Hotspot {
  rank: number;
  centre: LatLng;
  radiusMetres: number;
  /** Uncovered filtered incidents within the radius. */
  incidents: number;
  /** Kernel density at the peak, incidents per km². */
  peakDensity: number;
  /** The most frequent categories there, most first (at most 3). */
  topCategories: Array<{ category: string; count: number }>;
}

export interface HotspotOptions {
  bandwidthMetres: number;
  /** Default: the bandwidth. */
  radiusMetres?: number;
  /** Default 10. */
  max?: number;
}

export function uncoveredHotspots(table: IncidentTable, indices: ArrayLike<number>, model: CoverageModel, spec: GridSpec, opts: HotspotOptions): Hotspot[] {
  const radius = opts.radiusMetres ?? opts.bandwidthMetres;
  const max = opts.max ?? 10;
  const grid = kernelDensity(table, indices, spec, opts.bandwidthMetres, { mask: model.covered, value: 0 });
  if (grid.max <= 0) return [];
  // A peak worth calling a hotspot holds at least ~2 incidents' worth of kernel mass.
  const kernelPeak = (3 / (Math.PI * opts.bandwidthMetres * opts.bandwidthMetres)) * 1e6;
  const peaks = densityPeaks(grid, Math.max(grid.max * 0.02, kernelPeak * 1.5));
  const accepted: Array<{ centre: LatLng; density: number }> = [];
  for (const cell of peaks) {
    const centre = cellCentre(spec, cell);
    if (accepted.some((a) => distanceMetres(a.centre, centre) < 2 * radius)) continue;
    accepted.push({ centre, density: grid.values[cell]! });
    if (accepted.length >= max * 3) break;
  }
  if (!accepted.length) return [];

  // Uncovered filtered incidents bucketed by grid cell, so each hotspot reads only nearby ones.
  const buckets = new Map<number, number[]>();
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (model.covered[i]) continue;
    const col = Math.floor((table.lng[i]! - spec.west) / spec.dLng);
    const row = Math.floor((spec.north - table.lat[i]!) / spec.dLat);
    if (col < 0 || col >= spec.cols || row < 0 || row >= spec.rows) continue;
    const key = row * spec.cols + col;
    const list = buckets.get(key);
    if (list) list.push(i);
    else buckets.set(key, [i]);
  }
  const reach = Math.ceil(radius / spec.cellMetres) + 1;
  const found = accepted.map(({ centre, density }) => {
    const col = Math.floor((centre.lng - spec.west) / spec.dLng);
    const row = Math.floor((spec.north - centre.lat) / spec.dLat);
    const cats = new Map<number, number>();
    let count = 0;
    const p: LatLng = { lat: 0, lng: 0 };
    for (let r = Math.max(0, row - reach); r <= Math.min(spec.rows - 1, row + reach); r++) {
      for (let c = Math.max(0, col - reach); c <= Math.min(spec.cols - 1, col + reach); c++) {
        for (const i of buckets.get(r * spec.cols + c) ?? []) {
          p.lat = table.lat[i]!;
          p.lng = table.lng[i]!;
          if (distanceMetres(centre, p) > radius) continue;
          count++;
          cats.set(table.category[i]!, (cats.get(table.category[i]!) ?? 0) + 1);
        }
      }
    }
    const topCategories = [...cats.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 3)
      .map(([c, n]) => ({ category: c < 0 ? UNCATEGORISED : table.categories[c]!, count: n }));
    return { centre, radiusMetres: radius, incidents: count, peakDensity: density, topCategories };
  });
  return found
    .filter((h) => h.incidents > 0)
    .sort((a, b) => b.incidents - a.incidents || b.peakDensity - a.peakDensity)
    .slice(0, max)
    .map((h, k) => ({ rank: k + 1, ...h }));
}

// ---- suggested camera positions ------------------------------------------------------------

/** A new camera like the typical existing one: the medians of their angles and ranges. */
export function cameraTemplate(cameras: readonly { fov: number; range: number }[]): { fov: number; range: number } {
  if (!cameras.length) return { fov: 90, range: 100 };
  const median = (values: number[]) => {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  return { fov: median(cameras.map((c) => c.fov)), range: median(cameras.map((c) => c.range)) };
}

export interface SuggestedCamera extends Placement {
  /** The hotspot whose neighbourhood the position was taken from. */
  hotspotRank: number;
}

/** Candidate positions this far apart: a pole every ~25 m is denser than streets have them. */
export const DEFAULT_SPACING_M = 25;

export interface SuggestionOptions {
  /** How many cameras to suggest (default 5). */
  count?: number;
  /** Spacing of candidate positions, metres (default DEFAULT_SPACING_M). */
  spacingMetres?: number;
  /**
   * Street centre lines ([lng, lat] positions), when the site has them: candidates are then taken
   * along streets (where poles stand) instead of on a plain grid.
   */
  streets?: readonly (readonly Position[])[];
}

export interface Suggestions {
  cameras: SuggestedCamera[];
  template: { fov: number; range: number };
  candidates: number;
  /** 'streets' when candidates were taken along street lines near every hotspot, else 'grid' (or 'mixed'). */
  candidateSource: 'streets' | 'grid' | 'mixed';
  /** Uncovered filtered incidents (all of them; the counts in `cameras` are over these). */
  uncovered: number;
  /** Of those, the ones near enough to a hotspot for a candidate to see, and how many of them the search used. */
  nearHotspots: number;
  searched: number;
}

/**
 * Most incidents the greedy search looks at. Its cost grows with candidates × headings × nearby
 * incidents, and dense hotspots hold thousands each: beyond this, an even sample (every k-th, in
 * data order) chooses the positions and the chosen cameras' counts are then made exact.
 */
export const MAX_SEARCH_INCIDENTS = 8000;

/** Points every `spacing` metres along the lines, within `radius` of `centre`. */
function streetPoints(streets: readonly (readonly Position[])[], centre: LatLng, radius: number, spacing: number): LatLng[] {
  const out: LatLng[] = [];
  const mLng = METRES_PER_DEGREE_LAT * Math.cos((centre.lat * Math.PI) / 180);
  const near = (p: LatLng) => distanceMetres(centre, p) <= radius;
  for (const line of streets) {
    for (let s = 1; s < line.length; s++) {
      const a = line[s - 1]!;
      const b = line[s]!;
      const dx = ((b[0]! - a[0]!) * mLng) as number;
      const dy = ((b[1]! - a[1]!) * METRES_PER_DEGREE_LAT) as number;
      const len = Math.hypot(dx, dy);
      const steps = Math.max(1, Math.floor(len / spacing));
      for (let k = 0; k <= steps; k++) {
        const f = k / steps;
        const p = { lat: a[1]! + (b[1]! - a[1]!) * f, lng: a[0]! + (b[0]! - a[0]!) * f };
        if (near(p)) out.push(p);
      }
    }
  }
  return out;
}

/** Grid points every `spacing` metres within `radius` of `centre`. */
function gridPoints(centre: LatLng, radius: number, spacing: number): LatLng[] {
  const out: LatLng[] = [];
  const mLng = METRES_PER_DEGREE_LAT * Math.cos((centre.lat * Math.PI) / 180);
  const n = Math.floor(radius / spacing);
  for (let y = -n; y <= n; y++) {
    for (let x = -n; x <= n; x++) {
      if (Math.hypot(x, y) * spacing > radius) continue;
      out.push({ lat: centre.lat + (y * spacing) / METRES_PER_DEGREE_LAT, lng: centre.lng + (x * spacing) / mLng });
    }
  }
  return out;
}

/**
 * Greedy maximum coverage (common/geo's suggestPlacements) over candidate positions near the
 * hotspots, for the uncovered filtered incidents. Assumptions (shown with the result): see
 * suggestPlacements; candidates are within one camera range of a hotspot's peak, every
 * `spacingMetres`, along streets where the site has street lines; a new camera has the median
 * angle and range of the existing ones; with more than MAX_SEARCH_INCIDENTS incidents near the
 * hotspots the positions are chosen on an even sample and the counts recomputed on all of them.
 */
export function suggestCameras(table: IncidentTable, indices: ArrayLike<number>, model: CoverageModel, hotspots: readonly Hotspot[], opts: SuggestionOptions = {}): Suggestions {
  const template = cameraTemplate(model.cameras);
  const spacing = opts.spacingMetres ?? DEFAULT_SPACING_M;
  const candidates: PlacementCandidate[] = [];
  const hotspotOf: number[] = [];
  const seen = new Set<string>();
  let fromStreets = 0;
  let fromGrid = 0;
  for (const h of hotspots) {
    let points = opts.streets ? streetPoints(opts.streets, h.centre, template.range, spacing) : [];
    if (points.length) fromStreets++;
    else {
      points = gridPoints(h.centre, template.range, spacing);
      fromGrid++;
    }
    for (const p of points) {
      const key = `${p.lat.toFixed(6)},${p.lng.toFixed(6)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push(p);
      hotspotOf.push(h.rank);
    }
  }
  const open: IncidentPoint[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!model.covered[i]) open.push({ lat: table.lat[i]!, lng: table.lng[i]! });
  }
  // Only incidents a candidate could see matter: within a range of a candidate, so within two
  // ranges of a hotspot's peak (candidates are within one).
  const reach = 2 * template.range + spacing;
  const reachLat = reach / METRES_PER_DEGREE_LAT;
  const near = open.filter((p) =>
    hotspots.some((h) => {
      if (Math.abs(p.lat - h.centre.lat) > reachLat) return false;
      return distanceMetres(h.centre, p) <= reach;
    }),
  );
  const step = near.length / MAX_SEARCH_INCIDENTS;
  const sample = step > 1 ? Array.from({ length: MAX_SEARCH_INCIDENTS }, (_, j) => near[Math.floor(j * step)]!) : near;
  const fovTemplate: FovTemplate = { fov: template.fov, range: template.range };
  const chosen = suggestPlacements(candidates, sample, opts.count ?? 5, fovTemplate);
  // Exact counts over every uncovered incident, in the order chosen.
  const taken = new Uint8Array(near.length);
  let total = 0;
  const cameras: SuggestedCamera[] = chosen.map((p) => {
    const box = fovBounds(p);
    let gain = 0;
    for (let j = 0; j < near.length; j++) {
      if (taken[j]) continue;
      const q = near[j]!;
      if (q.lat < box[1] || q.lat > box[3] || q.lng < box[0] || q.lng > box[2]) continue;
      if (fovContains(p, q)) {
        taken[j] = 1;
        gain++;
      }
    }
    total += gain;
    return { position: p.position, heading: p.heading, fov: p.fov, range: p.range, candidateIndex: p.candidateIndex, newlyCovered: gain, totalCovered: total, hotspotRank: hotspotOf[p.candidateIndex]! };
  });
  return {
    cameras,
    template,
    candidates: candidates.length,
    candidateSource: fromStreets && fromGrid ? 'mixed' : fromStreets ? 'streets' : 'grid',
    uncovered: open.length,
    nearHotspots: near.length,
    searched: sample.length,
  };
}
