import type { Polygon, Position } from 'geojson';
import type { LatLng } from '../site/siteSchema';
import { angularDifference, bearingDegrees, destinationPoint, distanceMetres, METRES_PER_DEGREE_LAT } from './geodesy';

/**
 * A camera's horizontal field of view as the map and the analytics model it: a flat circular
 * sector (a "wedge") centred on the camera, opening `fov` degrees around `heading`, out to
 * `range` metres. No occlusion by buildings, no terrain, no vertical angle: the same simplification
 * every VMS map makes, and the one an operator can reason about.
 */
export interface FieldOfView {
  position: LatLng;
  /** Degrees clockwise from north the camera looks at (0 and 360 are both north). */
  heading: number;
  /** Opening angle in degrees, (0, 360]; 360 is an all-round (fisheye / PTZ sweep) camera. */
  fov: number;
  /** How far the camera usefully sees, metres. */
  range: number;
}

/** [west, south, east, north] in degrees, as GeoJSON orders a bbox. */
export type Bounds = [west: number, south: number, east: number, north: number];

// A point built to lie exactly on a wedge's edge (e.g. with destinationPoint at heading + fov/2,
// or at exactly `range`) comes back through haversine/atan2 a few ulps off. These tolerances make
// "on the edge counts as inside" hold for such points without moving the edge in any way a
// person could measure (1 µm; a billionth of a degree is ~2 nm at 150 m).
const RANGE_TOLERANCE_M = 1e-6;
const ANGLE_TOLERANCE_DEG = 1e-9;

/**
 * True when `point` is within `range` of the camera and within `fov/2` of its heading.
 * Both limits are inclusive; the camera's own position counts as seen (its bearing is undefined,
 * and an incident at the pole is certainly "at" the camera).
 */
export function fovContains(camera: FieldOfView, point: LatLng): boolean {
  const d = distanceMetres(camera.position, point);
  if (d > camera.range + RANGE_TOLERANCE_M) return false;
  return seenAt(camera, d, d === 0 ? 0 : bearingDegrees(camera.position, point));
}

/**
 * fovContains for a point already known by its distance and bearing from the camera, so a caller
 * trying many headings at one position (placement) measures each point once. Same rule, same
 * tolerances: fovContains is this function applied to distanceMetres and bearingDegrees.
 */
export function seenAt(camera: Omit<FieldOfView, 'position'>, distance: number, bearing: number): boolean {
  if (distance > camera.range + RANGE_TOLERANCE_M) return false;
  if (camera.fov >= 360 || distance === 0) return true;
  // angularDifference works on the circle, so a wedge spanning north (heading 350°, fov 40°)
  // sees bearing 5° as 15° off-axis, not 345°.
  return angularDifference(bearing, camera.heading) <= camera.fov / 2 + ANGLE_TOLERANCE_DEG;
}

/**
 * The wedge as a GeoJSON Polygon, for drawing (Leaflet) and for turf operations.
 *
 * Ring: camera → arc from the right edge (heading + fov/2) sweeping anticlockwise to the left edge
 * (heading − fov/2) → camera. Going that way round makes the exterior ring anticlockwise, as
 * RFC 7946 asks. A 360° view is a plain circle with no centre vertex (a centre vertex would add a
 * zero-width slit). `steps` is the number of straight segments approximating the arc; the default
 * keeps each under 4° so the chord cuts at most r·(1 − cos 2°) ≈ 0.06 % of the range inside.
 * Points between a chord and the true arc are inside by fovContains but outside the polygon; the
 * analytics therefore use fovContains, never a point-in-polygon test.
 */
export function fovPolygon(camera: FieldOfView, steps?: number): Polygon {
  const fov = Math.min(camera.fov, 360);
  const segments = Math.max(1, Math.round(steps ?? Math.ceil(fov / 4)));
  const toPosition = (p: LatLng): Position => [p.lng, p.lat];
  const arc: Position[] = [];
  const right = camera.heading + fov / 2;
  for (let i = 0; i <= segments; i++) {
    // For 360° the last arc point equals the first, which closes the ring by itself.
    arc.push(toPosition(destinationPoint(camera.position, camera.range, right - (fov * i) / segments)));
  }
  if (fov >= 360) {
    arc[arc.length - 1] = arc[0] as Position;
    return { type: 'Polygon', coordinates: [arc] };
  }
  const centre = toPosition(camera.position);
  return { type: 'Polygon', coordinates: [[centre, ...arc, centre]] };
}

/**
 * A box that holds the whole wedge: the bounding box of the full circle of radius `range`
 * (cheap and always safe; the indexes only need a superset). The 1 % margin absorbs the
 * difference between this flat box and haversine distances.
 */
export function fovBounds(camera: FieldOfView): Bounds {
  const { lat, lng } = camera.position;
  const dLat = (camera.range / METRES_PER_DEGREE_LAT) * 1.01;
  // cos(lat) → 0 near the poles; past ~89.9° a box spanning every longitude is the honest answer.
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const dLng = cosLat < 1e-3 ? 180 : Math.min(180, dLat / cosLat);
  return [lng - dLng, Math.max(-90, lat - dLat), lng + dLng, Math.min(90, lat + dLat)];
}
