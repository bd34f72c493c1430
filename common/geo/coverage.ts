import type { LatLng } from '../site/siteSchema';
import { type Bounds, type FieldOfView, fovBounds, fovContains } from './fieldOfView';
import { distanceMetres } from './geodesy';
import { GridIndex, medianBoundsHeight, unionBounds } from './gridIndex';

/**
 * Which cameras see which points: the map's "who covers this corner?" and the analytics'
 * coverage figures. Containment is always fovContains (angle + distance), never a point-in-polygon
 * test against the drawn wedge, so a figure and a click on the map cannot disagree.
 */

/** Anything with a position: an incident, a bookmark, a CSV row. */
export interface IncidentPoint {
  lat: number;
  lng: number;
  /** Incident category (e.g. "robo"); absent ones are reported under UNCATEGORISED. */
  category?: string | undefined;
}

/** The byCategory key for incidents that have no category. */
export const UNCATEGORISED = '(uncategorised)';

export interface CoveringCamera<C> {
  camera: C;
  /** Index of the camera in the array passed in. */
  index: number;
  /** Metres from the camera to the point. */
  distance: number;
}

/** The cameras whose field of view contains `point`, nearest first (ties keep input order). */
export function camerasCovering<C extends FieldOfView>(cameras: readonly C[], point: LatLng): CoveringCamera<C>[] {
  const out: CoveringCamera<C>[] = [];
  cameras.forEach((camera, index) => {
    if (fovContains(camera, point)) out.push({ camera, index, distance: distanceMetres(camera.position, point) });
  });
  // Array.prototype.sort is stable, so equal distances stay in input (usually call-up number) order.
  return out.sort((a, b) => a.distance - b.distance);
}

/**
 * Cameras in a grid by the bounding box of their wedge, so a point is only tested against the
 * few cameras near it. Build once per camera set, query many points.
 */
export class FovIndex<C extends FieldOfView = FieldOfView> {
  readonly cameras: readonly C[];
  private readonly bounds: Bounds[];
  private readonly grid: GridIndex | undefined;

  constructor(cameras: readonly C[]) {
    this.cameras = cameras;
    this.bounds = cameras.map(fovBounds);
    const extent = unionBounds(this.bounds);
    if (!extent) return;
    this.grid = new GridIndex(extent, medianBoundsHeight(this.bounds));
    this.bounds.forEach((b, index) => this.grid?.insertBounds(index, b));
  }

  /** Indices of the cameras that see the point, in index order. */
  covering(point: LatLng): number[] {
    const out: number[] = [];
    for (const index of this.candidates(point)) if (this.sees(index, point)) out.push(index);
    return out;
  }

  /** True when at least one camera sees the point (stops at the first). */
  anyCovers(point: LatLng): boolean {
    for (const index of this.candidates(point)) if (this.sees(index, point)) return true;
    return false;
  }

  private candidates(point: LatLng): readonly number[] {
    return this.grid ? this.grid.at(point.lat, point.lng) : [];
  }

  private sees(index: number, point: LatLng): boolean {
    const [w, s, e, n] = this.bounds[index] as Bounds;
    // The box test is a few comparisons; it spares the trigonometry for most grid neighbours.
    if (point.lat < s || point.lat > n || point.lng < w || point.lng > e) return false;
    return fovContains(this.cameras[index] as C, point);
  }
}

/** 1 where the incident is inside at least one camera's field of view, else 0. */
export function coveredMask(cameras: readonly FieldOfView[], incidents: readonly IncidentPoint[]): Uint8Array {
  const index = new FovIndex(cameras);
  const mask = new Uint8Array(incidents.length);
  for (let i = 0; i < incidents.length; i++) if (index.anyCovers(incidents[i] as IncidentPoint)) mask[i] = 1;
  return mask;
}

export interface CoverageCount {
  total: number;
  covered: number;
  /** covered / total, in [0, 1]; 0 when there are no incidents (nothing to cover, nothing covered). */
  share: number;
}

export interface CoverageShare extends CoverageCount {
  /** Per incident category; incidents without one are under UNCATEGORISED. */
  byCategory: Record<string, CoverageCount>;
}

/** Share of incidents inside any camera's field of view, overall and per category. */
export function coverageShare(cameras: readonly FieldOfView[], incidents: readonly IncidentPoint[]): CoverageShare {
  const mask = coveredMask(cameras, incidents);
  // No prototype: a category read from a CSV may well be called "constructor" or "__proto__".
  const byCategory: Record<string, CoverageCount> = Object.create(null) as Record<string, CoverageCount>;
  let covered = 0;
  incidents.forEach((incident, i) => {
    const key = incident.category ?? UNCATEGORISED;
    const count = (byCategory[key] ??= { total: 0, covered: 0, share: 0 });
    count.total++;
    if (mask[i]) {
      count.covered++;
      covered++;
    }
  });
  for (const count of Object.values(byCategory)) count.share = count.covered / count.total;
  return { total: incidents.length, covered, share: incidents.length ? covered / incidents.length : 0, byCategory };
}

/**
 * How many incidents each camera sees, aligned with `cameras`. Overlapping wedges both count an
 * incident they share, so the sum can exceed the number of covered incidents.
 */
export function incidentsPerCamera(cameras: readonly FieldOfView[], incidents: readonly IncidentPoint[]): number[] {
  const index = new FovIndex(cameras);
  const counts = new Array<number>(cameras.length).fill(0);
  for (const incident of incidents) for (const c of index.covering(incident)) counts[c] = (counts[c] as number) + 1;
  return counts;
}
