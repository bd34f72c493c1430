import { FovIndex, UNCATEGORISED } from '../geo/coverage';
import type { FieldOfView } from '../geo/fieldOfView';
import type { Camera, LatLng } from '../site/siteSchema';
import type { IncidentTable } from './incidentTable';

/**
 * Which incidents the cameras see: worked out once per dataset and camera set (the slow part,
 * geometry through common/geo's FovIndex and fovContains), then summed for any filter in one pass
 * over the filtered incidents. Coverage is the cameras' *current* positions and views applied to
 * every incident in the filter, whenever it happened: the question is "are the cameras where the
 * incidents are", not "was there a camera at the time" (the before/after answers that).
 */

/** A camera as the analytics use it. */
export interface AnalyticsCamera extends FieldOfView {
  id: string;
  number: number;
  name: string;
  /** ISO date (local) it went into service, when the site says. */
  installedAt?: string | undefined;
}

/**
 * The site's street cameras. Cameras placed on a floor plan are left out: their positions are in
 * plan units, not on the earth, and no incident with a latitude can be inside them.
 */
export function analyticsCameras(cameras: readonly Camera[]): AnalyticsCamera[] {
  return cameras
    .filter((c) => c.floor === undefined)
    .map((c) => ({ id: c.id, number: c.number, name: c.name, position: c.position, heading: c.heading, fov: c.fov, range: c.range, ...(c.installedAt ? { installedAt: c.installedAt } : {}) }));
}

export interface CategoryCoverage {
  /** The category, or UNCATEGORISED. */
  category: string;
  total: number;
  covered: number;
  share: number;
}

export interface CameraCount {
  cameraId: string;
  number: number;
  name: string;
  /** Incidents inside this camera's view (an incident two cameras see counts for both). */
  incidents: number;
}

export interface CoverageFigures {
  total: number;
  covered: number;
  /** covered / total; 0 when there are no incidents. */
  share: number;
  /** Busiest first. */
  byCategory: CategoryCoverage[];
  /** Every camera, busiest first (ties by number). */
  perCamera: CameraCount[];
  /** Cameras that see none of the filtered incidents. */
  camerasWithNone: number;
}

export class CoverageModel {
  /** 1 where at least one camera sees the incident. */
  readonly covered: Uint8Array;
  /** CSR lists: the cameras seeing incident i are cameraList[offsets[i] … offsets[i+1]). */
  readonly offsets: Uint32Array;
  readonly cameraList: Uint16Array;

  constructor(
    readonly table: IncidentTable,
    readonly cameras: readonly AnalyticsCamera[],
  ) {
    const index = new FovIndex(cameras);
    const n = table.size;
    this.covered = new Uint8Array(n);
    this.offsets = new Uint32Array(n + 1);
    const list: number[] = [];
    const point: LatLng = { lat: 0, lng: 0 };
    for (let i = 0; i < n; i++) {
      point.lat = table.lat[i]!;
      point.lng = table.lng[i]!;
      const seen = index.covering(point);
      if (seen.length) {
        this.covered[i] = 1;
        for (const c of seen) list.push(c);
      }
      this.offsets[i + 1] = list.length;
    }
    this.cameraList = Uint16Array.from(list);
  }

  figures(indices: ArrayLike<number>): CoverageFigures {
    const { table } = this;
    const catTotal = new Float64Array(table.categories.length + 1);
    const catCovered = new Float64Array(table.categories.length + 1);
    const perCamera = new Float64Array(this.cameras.length);
    let covered = 0;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const slot = table.category[i]! + 1;
      catTotal[slot]!++;
      if (this.covered[i]) {
        covered++;
        catCovered[slot]!++;
        for (let j = this.offsets[i]!; j < this.offsets[i + 1]!; j++) perCamera[this.cameraList[j]!]!++;
      }
    }
    const byCategory: CategoryCoverage[] = [];
    for (let slot = 0; slot < catTotal.length; slot++) {
      const total = catTotal[slot]!;
      if (!total) continue;
      byCategory.push({ category: slot === 0 ? UNCATEGORISED : table.categories[slot - 1]!, total, covered: catCovered[slot]!, share: catCovered[slot]! / total });
    }
    byCategory.sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
    const cams: CameraCount[] = this.cameras.map((c, idx) => ({ cameraId: c.id, number: c.number, name: c.name, incidents: perCamera[idx]! }));
    cams.sort((a, b) => b.incidents - a.incidents || a.number - b.number);
    return {
      total: indices.length,
      covered,
      share: indices.length ? covered / indices.length : 0,
      byCategory,
      perCamera: cams,
      camerasWithNone: cams.filter((c) => c.incidents === 0).length,
    };
  }
}
