/**
 * Generates resources/demo/site.json: the built-in demo site, 64 simulated cameras standing on the
 * streets of Puerto Atalaya (scripts/generate-demo-city.ts), validated against SiteSchema before
 * it is written.
 *
 *   npx tsx scripts/generate-demo-site.ts
 *
 * How the cameras are placed, as a city would: first the places a monitoring centre always
 * watches (the plaza's four corners, the bus terminal, the bridges, the seafront, the hospital,
 * the stadium...), each by hand; then the rest of the 64 at the busiest remaining crossings
 * (avenues, diagonals, the centre), at least MIN_SPACING apart. Every camera stands on the
 * pavement of a crossing, a few metres off the centreline, and looks down one of its streets —
 * the longest straight view it has — never into a block. Deterministic: same bytes every run.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SiteSchema, type SiteInput } from '../common/site/siteSchema';
import { describeProblems, problemsOf } from '../common/validation';
import {
  CITY_CENTRE,
  type DemoCity,
  type StreetPlan,
  type Stretch,
  buildDemoCity,
  crossings,
  riverCentreY,
  toLatLng,
} from './generate-demo-city';

type Vec = [number, number];
type CameraInput = SiteInput['cameras'][number];

export const SITE_NAME = 'Puerto Atalaya (demo)';
export const CAMERA_COUNT = 64;
/** Metres between automatically placed cameras: about two blocks, so views rarely overlap. */
const MIN_SPACING = 160;

/** One direction a camera at a node could look: down `street`, clear for `run` metres. */
interface View {
  bearing: number;
  street: StreetPlan;
  run: number;
}

interface Spot {
  /** Where the camera's pole is, local metres (before the pavement offset). */
  at: Vec;
  heading: number;
  /** The street it looks down. */
  street: StreetPlan;
  /** Streets meeting at the spot, for the name. */
  streets: StreetPlan[];
  /** A place name that leads the camera's name ("Plaza de Armas – ..."). */
  place?: string;
  /** A full name instead of the crossing ("Puente Arturo Prat"). */
  name?: string;
  tags: string[];
  /** On a bridge: the spot is mid-span, not a crossing. */
  bridge?: boolean;
}

/**
 * Hand-placed cameras: where a monitoring centre puts its first ones. `look` is the compass
 * direction down a street; the script checks a street really goes that way from that crossing.
 */
const LANDMARK_CAMERAS: Array<{ at: Vec; look: number; place?: string; tags?: string[] }> = [
  // Plaza de Armas, one camera per corner, each looking along one side so the four ring it.
  { at: [-55, 55], look: 90, place: 'Plaza de Armas', tags: ['plaza'] },
  { at: [55, 55], look: 180, place: 'Plaza de Armas', tags: ['plaza'] },
  { at: [55, -55], look: 270, place: 'Plaza de Armas', tags: ['plaza'] },
  { at: [-55, -55], look: 0, place: 'Plaza de Armas', tags: ['plaza'] },
  { at: [55, 165], look: 270, place: 'Catedral' },
  { at: [-165, -55], look: 0, place: 'Municipalidad' },
  { at: [-55, -275], look: 0, place: 'Mercado Central' },
  // Bus terminal: its two approaches and the street behind it.
  { at: [165, -825], look: 90, place: 'Terminal de Buses' },
  { at: [385, -715], look: 270, place: 'Terminal de Buses' },
  { at: [385, -825], look: 0, place: 'Terminal de Buses' },
  { at: [715, 55], look: 0, place: 'Hospital Regional' },
  { at: [605, 385], look: 90, place: 'Estadio Municipal' },
  { at: [825, 605], look: 180, place: 'Estadio Municipal' },
  { at: [-495, 165], look: 0, place: 'Universidad del Pacífico' },
  { at: [385, -165], look: 270, place: '3ª Comisaría' },
  { at: [-715, 495], look: 0, place: 'Parque Bicentenario' },
  { at: [-935, 385], look: 90, place: 'Parque Bicentenario' },
  // The seafront.
  { at: [-1045, -165], look: 0, place: 'Muelle Fiscal' },
  { at: [-1045, 495], look: 180 },
  { at: [-1045, -715], look: 0 },
];

/** Bridges, watched from mid-span looking along the roadway (river traffic, the banks, jumpers). */
const BRIDGE_NAMES = new Map<string, string>([
  ['Avenida Costanera', 'Puente Costanera (desembocadura)'],
  ['Avenida Arturo Prat', 'Puente Arturo Prat'],
  ['Calle San Martín', 'Puente San Martín'],
  ['Avenida Los Andes', 'Puente Los Andes'],
  ['Diagonal Sur', 'Puente Diagonal Sur'],
]);

const RING_ROADS = new Set(['Avenida Circunvalación', 'Avenida Circunvalación Sur', 'Avenida Los Libertadores', 'Ruta 1', 'Ruta A-16', 'Ruta A-750']);

const INSTALL_DATES = ['2024-02-12', '2024-05-06', '2024-08-19', '2024-11-04', '2025-01-20', '2025-03-10', '2025-06-02', '2025-09-15'];
/** Call-up numbers of the cameras installed recently (the rest predate any incident data). */
const RECENTLY_INSTALLED = [6, 13, 21, 29, 37, 44, 52, 60];

// --- small deterministic helpers ------------------------------------------------------------------

/** FNV-1a, 32 bit: a stable hash for jitter and device ids (no randomness in generated files). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
const hex = (text: string): string => fnv1a(text).toString(16).padStart(8, '0');

/** A UUID-shaped id as a VMS would show it, stable for a camera id. */
export function deviceIdFor(cameraId: string): string {
  const h = hex(`puerto-atalaya/${cameraId}/0`) + hex(`puerto-atalaya/${cameraId}/1`) + hex(`puerto-atalaya/${cameraId}/2`) + hex(`puerto-atalaya/${cameraId}/3`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const pick = <T>(options: readonly T[], key: string): T => options[fnv1a(key) % options.length] as T;
const bearingOf = (from: Vec, to: Vec): number => ((Math.atan2(to[0] - from[0], to[1] - from[1]) * 180) / Math.PI + 360) % 360;
const same = (a: Vec, b: Vec): boolean => Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6;
const key = (v: Vec): string => `${v[0]},${v[1]}`;

/** "Avenida Arturo Prat" → "Av. Arturo Prat", "Calle Bolívar" → "Bolívar": as people say them. */
export function shortName(street: string): string {
  return street.replace(/^Avenida /, 'Av. ').replace(/^Calle /, '');
}

// --- the street graph seen from a crossing --------------------------------------------------------

function viewsAt(node: Vec, stretches: readonly Stretch[]): View[] {
  const views: View[] = [];
  for (const s of stretches) {
    const from = same(s.a, node) ? s.a : same(s.b, node) ? s.b : undefined;
    if (!from) continue;
    const to = from === s.a ? s.b : s.a;
    const bearing = bearingOf(node, to);
    views.push({ bearing, street: s.street, run: straightRun(node, bearing, s.street, stretches) });
  }
  return views;
}

/** How far a street goes straight on from `node` in direction `bearing` (capped at 300 m). */
function straightRun(node: Vec, bearing: number, street: StreetPlan, stretches: readonly Stretch[]): number {
  let at = node;
  let run = 0;
  while (run < 300) {
    const next = stretches.find((s) => s.street === street && (same(s.a, at) || same(s.b, at)) && Math.abs(bearingOf(at, same(s.a, at) ? s.b : s.a) - bearing) < 1e-6);
    if (!next) break;
    const to = same(next.a, at) ? next.b : next.a;
    run += Math.hypot(to[0] - at[0], to[1] - at[1]);
    at = to;
  }
  return run;
}

// --- choosing spots ---------------------------------------------------------------------------------

function chooseSpots(city: DemoCity): Spot[] {
  const { stretches } = city;
  const nodes = crossings(stretches);
  const nodeAt = new Map(nodes.map((n) => [key(n.at), n]));
  const spots: Spot[] = [];

  for (const landmark of LANDMARK_CAMERAS) {
    const node = nodeAt.get(key(landmark.at));
    const view = node && viewsAt(landmark.at, stretches).find((v) => Math.abs(v.bearing - landmark.look) < 1e-6);
    if (!node || !view) throw new Error(`landmark camera at ${key(landmark.at)}: no street leaves that crossing at ${landmark.look}°`);
    spots.push({ at: landmark.at, heading: view.bearing, street: view.street, streets: node.streets, place: landmark.place, tags: landmark.tags ?? [] });
  }

  for (const s of stretches.filter((x) => x.bridge)) {
    const name = BRIDGE_NAMES.get(s.street.name);
    if (!name) continue;
    const mid: Vec = [(s.a[0] + s.b[0]) / 2, (s.a[1] + s.b[1]) / 2];
    // Look along the roadway towards the centre of town (north for all these bridges).
    const heading = s.a[1] > s.b[1] ? bearingOf(mid, s.a) : bearingOf(mid, s.b);
    spots.push({ at: mid, heading, street: s.street, streets: [s.street], name, tags: ['puente'], bridge: true });
  }

  // The rest: busiest crossings first, spaced out.
  // Ring roads at the edge of town carry traffic but few incidents, so they count for less
  // than the avenues through the centre; nearness to the plaza counts for most.
  const score = (n: (typeof nodes)[number]): number => {
    const ring = n.streets.filter((s) => RING_ROADS.has(s.name)).length;
    const avenues = n.streets.filter((s) => s.kind === 'avenue' && !RING_ROADS.has(s.name)).length;
    const diagonal = n.streets.some((s) => s.name.startsWith('Diagonal'));
    const central = Math.max(0, 1 - Math.hypot(n.at[0], n.at[1]) / 1200);
    // The hash term only breaks ties between otherwise equal crossings, reproducibly.
    return 2 * Math.min(avenues, 2) + Math.min(ring, 1) + (diagonal ? 1 : 0) + 6 * central + (fnv1a(key(n.at)) % 1000) / 1000;
  };
  const ranked = [...nodes].sort((a, b) => score(b) - score(a));
  for (const spacing of [MIN_SPACING, 120]) {
    for (const n of ranked) {
      if (spots.length >= CAMERA_COUNT) break;
      if (spots.some((s) => Math.hypot(s.at[0] - n.at[0], s.at[1] - n.at[1]) < spacing)) continue;
      const views = viewsAt(n.at, stretches).sort(
        (a, b) => Math.min(b.run, 150) - Math.min(a.run, 150) || (a.street.kind === 'avenue' ? -1 : 0) - (b.street.kind === 'avenue' ? -1 : 0) || a.bearing - b.bearing,
      );
      // Among the equally long views, a stable per-crossing choice so not every camera faces north.
      const best = views.filter((v) => Math.min(v.run, 150) === Math.min((views[0] as View).run, 150));
      const view = pick(best, `view:${key(n.at)}`);
      spots.push({ at: n.at, heading: view.bearing, street: view.street, streets: n.streets, tags: [] });
    }
  }
  if (spots.length !== CAMERA_COUNT) throw new Error(`placed ${spots.length} cameras, wanted ${CAMERA_COUNT}`);
  return spots;
}

// --- from spot to camera ------------------------------------------------------------------------------

const GROUPS = ['centro', 'norte', 'sur'] as const;
const isCentral = (at: Vec): boolean => Math.max(Math.abs(at[0]), Math.abs(at[1])) <= 385;
const groupOf = (at: Vec): (typeof GROUPS)[number] => (isCentral(at) ? 'centro' : at[1] > 0 ? 'norte' : 'sur');

function tagsOf(spot: Spot, city: DemoCity): string[] {
  // The zone first (centro / norte / sur), so every camera has at least one tag to filter by.
  const tags = new Set<string>([groupOf(spot.at)]);
  for (const t of spot.tags) tags.add(t);
  if (spot.streets.some((s) => s.kind === 'avenue')) tags.add('avenida');
  if (Math.abs(spot.at[1] - riverCentreY(spot.at[0])) <= 80) tags.add('río');
  if (spot.at[0] <= -1000) tags.add('costanera');
  for (const poi of city.pois) if (poi.tag && Math.hypot(poi.at[0] - spot.at[0], poi.at[1] - spot.at[1]) <= 140) tags.add(poi.tag);
  return [...tags];
}

function nameOf(spot: Spot): string {
  if (spot.name) return spot.name;
  // The street the camera looks down first, then the one it crosses (an avenue if there is one;
  // a diagonal last, since the two grid streets already pin the corner): "Av. Prat y Juárez".
  const rank = (s: StreetPlan): number => (s === spot.street ? 0 : s.name.startsWith('Diagonal') ? 3 : s.kind === 'avenue' ? 1 : 2);
  const streets = [...spot.streets].sort((a, b) => rank(a) - rank(b));
  const names = [...new Set(streets.map((s) => shortName(s.name)))].slice(0, 2);
  const crossing = names.join(' y ');
  return spot.place ? `${spot.place} – ${crossing}` : crossing;
}

/** The pole stands on the pavement: 3 m back from the crossing and 4 m right of the centreline. */
function poleAt(spot: Spot): Vec {
  const rad = (spot.heading * Math.PI) / 180;
  const forward: Vec = [Math.sin(rad), Math.cos(rad)];
  const right: Vec = [forward[1], -forward[0]];
  const back = spot.bridge ? 0 : 3;
  const side = spot.bridge ? 3 : 4;
  return [spot.at[0] - forward[0] * back + right[0] * side, spot.at[1] - forward[1] * back + right[1] * side];
}

export function buildDemoSite(city: DemoCity = buildDemoCity()): SiteInput {
  const spots = chooseSpots(city);
  // Call-up numbers go zone by zone (centro, norte, sur), outward from the plaza within a zone, so
  // an operator can guess a number from a place.
  const ordered = spots
    .map((spot) => ({ spot, group: groupOf(spot.at), fromPlaza: Math.hypot(spot.at[0], spot.at[1]) }))
    .sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) || a.fromPlaza - b.fromPlaza || a.spot.at[0] - b.spot.at[0]);

  const cameras: CameraInput[] = ordered.map(({ spot, group }, index) => {
    const number = index + 1;
    const id = `cam-${String(number).padStart(2, '0')}`;
    const avenue = spot.street.kind === 'avenue';
    // Wider, longer views down avenues; plaza cameras wide and short to take in the square.
    const fov = spot.tags.includes('plaza') ? 95 : pick(avenue ? [60, 70, 80] : [55, 65, 75, 90], `fov:${id}`);
    const range = spot.tags.includes('plaza') ? 90 : pick(avenue ? [120, 130, 140, 150] : [70, 80, 90, 100, 110], `range:${id}`);
    // Real cameras are never aimed exactly along the kerb: a few degrees either way.
    const heading = (spot.heading + ((fnv1a(`aim:${id}`) % 7) - 3) + 360) % 360;
    const { lat, lng } = toLatLng(poleAt({ ...spot, heading }));
    const installed = RECENTLY_INSTALLED.indexOf(number);
    const camera: CameraInput = {
      id,
      number,
      name: nameOf(spot),
      streams: [
        { url: `sim://${id}/main`, format: 'flv', quality: 'main', width: 640, height: 360, fps: 25 },
        { url: `sim://${id}/sub`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 },
      ],
      engine: 'mpegts',
      position: { lat: round7(lat), lng: round7(lng) },
      heading,
      fov,
      range,
      tags: tagsOf(spot, city),
      vmsDeviceId: deviceIdFor(id),
      group,
    };
    if (installed >= 0) camera.installedAt = INSTALL_DATES[installed];
    return camera;
  });

  return {
    name: SITE_NAME,
    cameras,
    map: { center: CITY_CENTRE, zoom: 16, minZoom: 14, maxZoom: 19, basemap: { type: 'demo' }, floors: [] },
    vms: [],
  };
}

/** 7 decimals ≈ 1 cm: exact enough for a pole, short enough to read. */
const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

export const SITE_FILE = fileURLToPath(new URL('../resources/demo/site.json', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const site = buildDemoSite();
  const parsed = SiteSchema.safeParse(site);
  if (!parsed.success) {
    console.error(describeProblems('generated demo site', problemsOf(parsed.error)));
    process.exit(1);
  }
  writeFileSync(SITE_FILE, `${JSON.stringify(site, null, 2)}\n`);
  console.log(`wrote ${SITE_FILE}: ${site.cameras.length} cameras`);
}
