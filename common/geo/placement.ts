import type { LatLng } from '../site/siteSchema';
import { FovIndex, type IncidentPoint } from './coverage';
import { type FieldOfView, fovBounds, seenAt } from './fieldOfView';
import { bearingDegrees, distanceMetres } from './geodesy';
import { GridIndex, unionBounds } from './gridIndex';

/**
 * Where would new cameras see the most incidents that no camera sees today?
 *
 * Greedy maximum coverage: each round adds the (position, heading) that covers the most incidents
 * not yet covered, then repeats with those removed. Maximum coverage is NP-hard; greedy is the
 * standard answer and is guaranteed at least (1 − 1/e) ≈ 63 % of the best possible k-camera total.
 *
 * Assumptions, stated because a manager will be shown the result:
 * - Candidates are positions someone could actually mount a camera (the caller picks them, e.g.
 *   street corners); the algorithm never invents a position.
 * - Every new camera has the template's angle and range and sees the flat wedge fovContains
 *   tests: no buildings in the way, no night, no vertical angle.
 * - Each candidate position takes at most one camera. A candidate with its own `heading` is tried
 *   at that heading only; otherwise at the template's `headings`, or evenly spaced headings
 *   (8 for fov ≥ 90°, more for narrower views so the turns leave no gap, at most 72).
 * - Every incident counts once and equally (no weighting by severity or recency); incidents
 *   already inside an `existing` camera's view count for nothing.
 * - Past incidents stand in for future ones; cameras also displace crime, which no placement
 *   model of this kind accounts for.
 * Ties go to the earlier candidate and then the earlier heading, so results are reproducible.
 * Stops early when no candidate would cover anything new.
 */

export interface FovTemplate {
  fov: number;
  range: number;
  /** Headings to try at candidates without their own heading. */
  headings?: readonly number[];
}

export interface PlacementCandidate extends LatLng {
  /** Fixed heading (e.g. down the one street this corner has a view of). */
  heading?: number;
}

export interface PlacementOptions {
  /** Cameras already installed: what they see needs no new camera. */
  existing?: readonly FieldOfView[];
}

export interface Placement extends FieldOfView {
  /** Index into `candidates`. */
  candidateIndex: number;
  /** Incidents this camera adds to the covered set (its marginal gain). */
  newlyCovered: number;
  /** Incidents covered by the new cameras so far, this one included (excludes `existing`). */
  totalCovered: number;
}

/** The headings tried at a candidate that has none of its own. */
export function defaultHeadings(fov: number): number[] {
  if (fov >= 360) return [0];
  const count = fov >= 90 ? 8 : Math.min(72, Math.ceil(720 / fov));
  return Array.from({ length: count }, (_, i) => (360 * i) / count);
}

export function suggestPlacements(
  candidates: readonly PlacementCandidate[],
  incidents: readonly IncidentPoint[],
  k: number,
  fovTemplate: FovTemplate,
  options: PlacementOptions = {},
): Placement[] {
  if (k <= 0 || candidates.length === 0 || incidents.length === 0) return [];

  // 1. Incidents that still need a camera.
  const existing = new FovIndex(options.existing ?? []);
  const open: number[] = [];
  incidents.forEach((incident, i) => {
    if (!existing.anyCovers(incident)) open.push(i);
  });

  // 2. Open incidents in a grid sized to a wedge, so each option only tests nearby incidents.
  const extent = unionBounds(open.map((i) => pointBounds(incidents[i] as IncidentPoint)));
  if (!extent) return [];
  const probe = fovBounds({ position: candidates[0] as LatLng, heading: 0, fov: 360, range: fovTemplate.range });
  const points = new GridIndex(extent, (probe[3] - probe[1]) / 4);
  for (const i of open) points.insertPoint(i, (incidents[i] as IncidentPoint).lat, (incidents[i] as IncidentPoint).lng);

  // 3. Every (candidate, heading) option with the open incidents it would see.
  interface Option {
    candidateIndex: number;
    view: FieldOfView;
    sees: Int32Array;
  }
  const optionsList: Option[] = [];
  const fallbackHeadings = fovTemplate.headings ?? defaultHeadings(fovTemplate.fov);
  candidates.forEach((candidate, candidateIndex) => {
    const position = { lat: candidate.lat, lng: candidate.lng };
    const headings = candidate.heading !== undefined ? [candidate.heading] : fallbackHeadings;
    const box = fovBounds({ position, heading: 0, fov: 360, range: fovTemplate.range });
    // Measure each nearby incident once per candidate, then try every heading on those numbers.
    const near: number[] = [];
    const distances: number[] = [];
    const bearings: number[] = [];
    const [west, south, east, north] = box;
    points.forEachIn(box, (i) => {
      const incident = incidents[i] as IncidentPoint;
      // Grid cells overhang the box; four comparisons spare the trigonometry for those points.
      if (incident.lat < south || incident.lat > north || incident.lng < west || incident.lng > east) return;
      const d = distanceMetres(position, incident);
      if (d > fovTemplate.range + 1) return; // seenAt decides the exact edge; this just skips the box corners
      near.push(i);
      distances.push(d);
      bearings.push(d === 0 ? 0 : bearingDegrees(position, incident));
    });
    for (const heading of headings) {
      const view: FieldOfView = { position, heading, fov: fovTemplate.fov, range: fovTemplate.range };
      const sees: number[] = [];
      for (let n = 0; n < near.length; n++) if (seenAt(view, distances[n] as number, bearings[n] as number)) sees.push(near[n] as number);
      if (sees.length > 0) optionsList.push({ candidateIndex, view, sees: Int32Array.from(sees) });
    }
  });

  // 4. Greedy rounds. Gains are recounted each round (cheap next to step 3, and obviously right).
  const covered = new Uint8Array(incidents.length);
  const usedCandidate = new Uint8Array(candidates.length);
  const placements: Placement[] = [];
  let totalCovered = 0;
  while (placements.length < k) {
    let best: Option | undefined;
    let bestGain = 0;
    for (const option of optionsList) {
      if (usedCandidate[option.candidateIndex]) continue;
      let gain = 0;
      for (const i of option.sees) if (!covered[i]) gain++;
      if (gain > bestGain) {
        best = option;
        bestGain = gain;
      }
    }
    if (!best) break;
    for (const i of best.sees) covered[i] = 1;
    usedCandidate[best.candidateIndex] = 1;
    totalCovered += bestGain;
    placements.push({ ...best.view, candidateIndex: best.candidateIndex, newlyCovered: bestGain, totalCovered });
  }
  return placements;
}

function pointBounds(p: LatLng): [number, number, number, number] {
  return [p.lng, p.lat, p.lng, p.lat];
}
