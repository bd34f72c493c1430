import { destinationPoint } from '../geo/geodesy';
import type { LatLng } from '../site/siteSchema';
import type { AnalyticsIncident } from './incident';

/**
 * Made-up incidents with the shape real ones have — clusters (some inside camera views, some
 * not), a diffuse background, an evening peak, more on weekends — for tests, the benchmark and
 * demonstrations. Deterministic for a seed. Never mixed with real data by the app itself.
 */

export const SYNTHETIC_CATEGORIES: ReadonlyArray<[name: string, weight: number]> = [
  ['Hurto', 30],
  ['Robo con violencia', 14],
  ['Robo de vehículo', 8],
  ['Lesiones', 12],
  ['Daños', 10],
  ['Desórdenes', 9],
  ['Violencia intrafamiliar', 7],
  ['Drogas', 6],
  ['Accidente de tránsito', 4],
];

// Evening and night heavy, quiet before dawn: relative weights per local hour 0–23.
const HOUR_WEIGHTS = [5, 4, 3, 2, 1.5, 1.5, 2, 3, 4, 5, 5, 6, 6, 6, 6, 6, 7, 8, 9, 10, 10, 9, 8, 6];
const DAY_WEIGHTS = [1, 1, 1, 1, 1.2, 1.4, 1.1]; // Monday … Sunday

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

function gaussian(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface SyntheticOptions {
  count: number;
  seed?: number;
  /** Cameras (position, heading, range): some clusters sit in their views. */
  cameras: ReadonlyArray<{ position: LatLng; heading: number; range: number }>;
  /** Epoch ms; incidents fall in [from, to). */
  from: number;
  to: number;
  /** Local offset used to shape hours (the generator does not need a zone database). */
  utcOffsetHours?: number;
  /** Half-size of the background box around the cameras' centre, metres (default 1 200). */
  spreadMetres?: number;
  /** Number of clusters (default 14), half in camera views. */
  clusters?: number;
}

export function syntheticIncidents(opts: SyntheticOptions): AnalyticsIncident[] {
  const random = rng(opts.seed ?? 1);
  const spread = opts.spreadMetres ?? 1200;
  const cams = opts.cameras;
  const centre = cams.length
    ? { lat: cams.reduce((s, c) => s + c.position.lat, 0) / cams.length, lng: cams.reduce((s, c) => s + c.position.lng, 0) / cams.length }
    : { lat: -21.47, lng: -70.06 };
  const clusterCount = opts.clusters ?? 14;
  const clusters: Array<{ at: LatLng; sigma: number; weight: number }> = [];
  for (let k = 0; k < clusterCount; k++) {
    let at: LatLng;
    if (k % 2 === 0 && cams.length) {
      const cam = cams[Math.floor(random() * cams.length)]!;
      at = destinationPoint(cam.position, cam.range * (0.3 + 0.3 * random()), cam.heading + (random() - 0.5) * 20);
    } else {
      at = destinationPoint(centre, spread * 0.8 * Math.sqrt(random()), random() * 360);
    }
    clusters.push({ at, sigma: 30 + random() * 60, weight: 0.5 + random() });
  }
  const clusterTotal = clusters.reduce((s, c) => s + c.weight, 0);
  const hourItems = HOUR_WEIGHTS.map((w, h) => [h, w] as [number, number]);
  const dayMs = 86_400_000;
  const firstDay = Math.floor(opts.from / dayMs);
  const lastDay = Math.floor((opts.to - 1) / dayMs);
  const offsetMs = (opts.utcOffsetHours ?? -3) * 3_600_000;
  const out: AnalyticsIncident[] = [];
  const mLat = 111_195;
  const mLng = mLat * Math.cos((centre.lat * Math.PI) / 180);
  for (let n = 0; n < opts.count; n++) {
    let lat: number;
    let lng: number;
    if (random() < 0.45 && clusters.length) {
      let x = random() * clusterTotal;
      let c = clusters[0]!;
      for (const cl of clusters) {
        x -= cl.weight;
        c = cl;
        if (x < 0) break;
      }
      lat = c.at.lat + (gaussian(random) * c.sigma) / mLat;
      lng = c.at.lng + (gaussian(random) * c.sigma) / mLng;
    } else {
      lat = centre.lat + ((random() * 2 - 1) * spread) / mLat;
      lng = centre.lng + ((random() * 2 - 1) * spread) / mLng;
    }
    // A day weighted by weekday, then an hour by the evening profile, then a minute.
    let day = firstDay + Math.floor(random() * (lastDay - firstDay + 1));
    for (let tries = 0; tries < 3; tries++) {
      const dow = (((day + 3) % 7) + 7) % 7;
      if (random() < DAY_WEIGHTS[dow]! / 1.4) break;
      day = firstDay + Math.floor(random() * (lastDay - firstDay + 1));
    }
    const hour = pick(random, hourItems);
    const localMs = day * dayMs + hour * 3_600_000 + Math.floor(random() * 3600) * 1000;
    const time = Math.min(opts.to - 1, Math.max(opts.from, localMs - offsetMs));
    out.push({
      id: `SYN-${String(n + 1).padStart(7, '0')}`,
      source: 'import',
      lat: Math.round(lat * 1e6) / 1e6,
      lng: Math.round(lng * 1e6) / 1e6,
      time,
      category: pick(random, SYNTHETIC_CATEGORIES),
    });
  }
  return out;
}
