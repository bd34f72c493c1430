import { destination } from '@turf/turf';
import type { LatLng } from '../site/siteSchema';

/**
 * Distances and directions on the sphere turf uses (radius 6 371 008.8 m). Every geo helper in
 * Atalaya goes through these so a wedge drawn on the map and a containment test agree exactly.
 *
 * distanceMetres and bearingDegrees are @turf/distance and @turf/bearing written out: coverage
 * over 100 000 incidents calls them millions of times, and turf's versions take GeoJSON-ish
 * arguments (an array per call, unit lookup), which costs ~5× the arithmetic. Same formulas, same
 * radius, same operation order: a unit test pins them to turf's results.
 */

const EARTH_RADIUS_M = 6371008.8;

// turf's own conversions, kept bit-for-bit (the `% 360` and the multiply-then-divide order
// matter for rounding, and so for exact agreement on an edge).
const toRadians = (degrees: number): number => ((degrees % 360) * Math.PI) / 180;
const toDegrees = (radians: number): number => ((radians % (2 * Math.PI)) * 180) / Math.PI;

/** Metres per degree of latitude on turf's sphere: π·R/180. */
export const METRES_PER_DEGREE_LAT = (EARTH_RADIUS_M * Math.PI) / 180;

/** Great-circle (haversine) distance in metres. */
export function distanceMetres(from: LatLng, to: LatLng): number {
  const dLat = toRadians(to.lat - from.lat);
  const dLng = toRadians(to.lng - from.lng);
  const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLng / 2), 2) * Math.cos(toRadians(from.lat)) * Math.cos(toRadians(to.lat));
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_M;
}

/** Initial great-circle bearing from `from` to `to`, degrees clockwise from north in [0, 360). */
export function bearingDegrees(from: LatLng, to: LatLng): number {
  const lng1 = toRadians(from.lng);
  const lng2 = toRadians(to.lng);
  const lat1 = toRadians(from.lat);
  const lat2 = toRadians(to.lat);
  const y = Math.sin(lng2 - lng1) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(lng2 - lng1);
  // atan2 answers in (-180, 180]; headings in the site file are 0–360, so normalise once here.
  return normalizeDegrees(toDegrees(Math.atan2(y, x)));
}

/** The point `metres` away from `from` along `bearing` (degrees clockwise from north). */
export function destinationPoint(from: LatLng, metres: number, bearingDeg: number): LatLng {
  const [lng, lat] = destination([from.lng, from.lat], metres, bearingDeg, { units: 'meters' }).geometry.coordinates;
  return { lat: lat as number, lng: lng as number };
}

/** Any angle in degrees mapped into [0, 360): 360 → 0, −10 → 350. */
export function normalizeDegrees(degrees: number): number {
  if (degrees >= 0 && degrees < 360) return degrees; // the usual case, in the hot loops: no division
  const r = degrees % 360;
  // `r + 360` can round up to exactly 360 for tiny negative r; fold that back to 0.
  const n = r < 0 ? r + 360 : r;
  return n >= 360 ? 0 : n;
}

/** The smaller angle between two directions, in [0, 180]: 359° and 1° are 2° apart. */
export function angularDifference(a: number, b: number): number {
  const d = Math.abs(normalizeDegrees(a) - normalizeDegrees(b));
  return d > 180 ? 360 - d : d;
}
