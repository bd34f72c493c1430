import { angularDifference, bearingDegrees, destinationPoint, distanceMetres, normalizeDegrees } from '../geo/geodesy';
import { type FieldOfView, fovContains, fovPolygon, seenAt } from '../geo/fieldOfView';
import type { LatLng } from '../site/siteSchema';

/**
 * The map shows cameras on two kinds of surface: the street map (positions are latitude and
 * longitude, distances on turf's sphere) and floor plans (positions are plan units — the image's
 * pixels or metres — with y up, drawn with Leaflet's CRS.Simple). Both keep `{lat, lng}` positions
 * so a floor camera fits the site schema unchanged: on a plan, `lat` is y and `lng` is x.
 *
 * Everything the map computes about a wedge goes through a MapMetric, so the wedge drawn, the
 * click test and the editing handles agree on either surface. On the street map the metric is
 * exactly common/geo (fovContains, fovPolygon), so the map and the analytics cannot disagree.
 */
export interface MapMetric {
  readonly kind: 'geo' | 'plan';
  /** Metres (geo) or plan units (plan). */
  distance(from: LatLng, to: LatLng): number;
  /** Degrees clockwise from north (geo) or from the top of the plan (plan), in [0, 360). */
  bearing(from: LatLng, to: LatLng): number;
  destination(from: LatLng, distance: number, bearing: number): LatLng;
  contains(camera: FieldOfView, point: LatLng): boolean;
  /** The wedge's outline, camera first for a wedge, without repeating the first point. */
  wedge(camera: FieldOfView): LatLng[];
}

export const GEO_METRIC: MapMetric = {
  kind: 'geo',
  distance: distanceMetres,
  bearing: bearingDegrees,
  destination: destinationPoint,
  contains: fovContains,
  wedge(camera) {
    const ring = fovPolygon(camera).coordinates[0] ?? [];
    return ring.slice(0, -1).map(([lng, lat]) => ({ lat: lat as number, lng: lng as number }));
  },
};

const RAD = Math.PI / 180;

export const PLAN_METRIC: MapMetric = {
  kind: 'plan',
  distance: (a, b) => Math.hypot(b.lng - a.lng, b.lat - a.lat),
  bearing: (a, b) => (a.lat === b.lat && a.lng === b.lng ? 0 : normalizeDegrees(Math.atan2(b.lng - a.lng, b.lat - a.lat) / RAD)),
  destination: (from, distance, bearing) => ({ lat: from.lat + distance * Math.cos(bearing * RAD), lng: from.lng + distance * Math.sin(bearing * RAD) }),
  contains(camera, point) {
    const d = PLAN_METRIC.distance(camera.position, point);
    return seenAt(camera, d, d === 0 ? 0 : PLAN_METRIC.bearing(camera.position, point));
  },
  wedge(camera) {
    const fov = Math.min(camera.fov, 360);
    const steps = Math.max(1, Math.ceil(fov / 4));
    const right = camera.heading + fov / 2;
    const arc: LatLng[] = [];
    for (let i = 0; i <= steps; i++) arc.push(PLAN_METRIC.destination(camera.position, camera.range, right - (fov * i) / steps));
    return fov >= 360 ? arc.slice(0, -1) : [camera.position, ...arc];
  },
};

export interface Covering<C> {
  camera: C;
  /** Metres or plan units from the camera to the point. */
  distance: number;
}

/** Cameras whose view contains `point`, nearest first; equal distances keep the input order. */
export function coveringNearestFirst<C extends FieldOfView>(metric: MapMetric, cameras: readonly C[], point: LatLng): Covering<C>[] {
  const out: Covering<C>[] = [];
  for (const camera of cameras) if (metric.contains(camera, point)) out.push({ camera, distance: metric.distance(camera.position, point) });
  return out.sort((a, b) => a.distance - b.distance);
}

// --- Editing handles --------------------------------------------------------------------------

/** Limits a supervisor can drag to, the same as the site schema's. */
export const EDIT_LIMITS = { minFov: 1, maxFov: 360, minRange: 1, maxRange: 20000 } as const;

export interface WedgeHandles {
  /** At the tip of the view's axis: dragging it turns the camera and sets its range. */
  tip: LatLng;
  /** On the left and right edges of the wedge, at its range: dragging either sets the angle. */
  left: LatLng;
  right: LatLng;
}

export function wedgeHandles(metric: MapMetric, camera: FieldOfView): WedgeHandles {
  const half = Math.min(camera.fov, 359) / 2;
  return {
    tip: metric.destination(camera.position, camera.range, camera.heading),
    left: metric.destination(camera.position, camera.range, normalizeDegrees(camera.heading - half)),
    right: metric.destination(camera.position, camera.range, normalizeDegrees(camera.heading + half)),
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Heading and range when the tip handle is dropped at `pointer`. */
export function dragTip(metric: MapMetric, camera: FieldOfView, pointer: LatLng): { heading: number; range: number } {
  const distance = metric.distance(camera.position, pointer);
  // Dropped on the camera itself: the direction is undefined, so keep the heading.
  const heading = distance === 0 ? camera.heading : metric.bearing(camera.position, pointer);
  return { heading, range: clamp(distance, EDIT_LIMITS.minRange, EDIT_LIMITS.maxRange) };
}

/** The angle when an edge handle is dropped at `pointer`: symmetric about the heading. */
export function dragEdge(metric: MapMetric, camera: FieldOfView, pointer: LatLng): { fov: number } {
  if (metric.distance(camera.position, pointer) === 0) return { fov: camera.fov };
  const off = angularDifference(metric.bearing(camera.position, pointer), camera.heading);
  return { fov: clamp(2 * off, EDIT_LIMITS.minFov, EDIT_LIMITS.maxFov) };
}
