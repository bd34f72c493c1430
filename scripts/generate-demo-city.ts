/**
 * Generates resources/demo/map/city.geojson: Puerto Atalaya, the fictional coastal city of the
 * demo site, as styled vector features Leaflet draws with no tiles and no network.
 *
 *   npx tsx scripts/generate-demo-city.ts
 *
 * Everything is laid out in local metres (x east, y north, origin at the centre of Plaza de
 * Armas) and projected at the end, so the plan reads like a town planner's sketch: a damero
 * (square grid) of 110 m between street centrelines, as in most Spanish-founded towns, four
 * diagonal avenues leaving the plaza's corners, a river in a park corridor crossing the south,
 * and the Pacific to the west. Deterministic: no randomness, no clock, same bytes every run.
 *
 * The site generator (generate-demo-site.ts) imports buildDemoCity() to stand its cameras on the
 * same street graph.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { difference, featureCollection, polygon as turfPolygon, rewind } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { METRES_PER_DEGREE_LAT } from '../common/geo/geodesy';
import type { LatLng } from '../common/site/siteSchema';

/** Plaza de Armas. A stretch of the Pacific coast of northern Chile; the city itself is invented. */
export const CITY_CENTRE: LatLng = { lat: -21.47, lng: -70.06 };
export const CITY_NAME = 'Puerto Atalaya';

/** Metres between street centrelines: a block of ~100 m plus the street, the classic cuadra. */
export const PITCH = 110;
const X_LINES = 20; // north–south streets, x = -1045 … 1045
const Y_LINES = 16; // east–west streets,   y = -825 … 825
export const xOf = (i: number): number => -1045 + PITCH * i;
export const yOf = (j: number): number => -825 + PITCH * j;

/** The river runs in a park corridor that takes the place of the block row between these lines. */
export const RIVER_ROW = 3; // between y = -495 (Ribera Sur) and y = -385 (Ribera Norte)
/** North–south streets that bridge the river (indices of X lines); the rest stop at the banks. */
const BRIDGE_X = new Set([0, 5, 10, 14, 19]);

export type StreetKind = 'avenue' | 'street';
type Vec = [x: number, y: number];

/** A named street: a polyline over grid nodes, each stretch between two nodes present or not. */
export interface StreetPlan {
  name: string;
  kind: StreetKind;
  /** Carriageway plus pavements, metres. */
  width: number;
  nodes: Vec[];
  /** present[k]: the stretch nodes[k] → nodes[k+1] exists. */
  present: boolean[];
  /** Stretches that cross the river (bridges), by index. */
  bridges: number[];
}

interface AreaPlan {
  kind: 'block' | 'park' | 'plaza';
  /** Grid cells (i, j): the cell between X lines i, i+1 and Y lines j, j+1. */
  cells: Vec[];
  name?: string;
  /** What the block is, for styling and for naming cameras beside it. */
  use?: string;
}

export interface PoiPlan {
  name: string;
  category: string;
  at: Vec;
  /** Short tag cameras near it carry (e.g. "terminal"). */
  tag?: string;
}

const NS_STREETS: Array<[string, StreetKind, number]> = [
  ['Avenida Costanera', 'avenue', 28],
  ['Calle Esmeralda', 'street', 12],
  ['Calle Blanco Encalada', 'street', 12],
  ['Calle Serrano', 'street', 12],
  ['Calle Thompson', 'street', 12],
  ['Avenida Arturo Prat', 'avenue', 24],
  ['Calle Baquedano', 'street', 12],
  ['Calle Zenteno', 'street', 12],
  ['Calle Vivar', 'street', 12],
  ['Calle Bolívar', 'street', 14],
  ['Calle San Martín', 'street', 14],
  ['Calle Sucre', 'street', 12],
  ['Calle Maipú', 'street', 12],
  ['Calle Chacabuco', 'street', 12],
  ['Avenida Los Andes', 'avenue', 24],
  ['Calle Las Heras', 'street', 12],
  ['Calle Lavalle', 'street', 12],
  ['Calle Sarmiento', 'street', 12],
  ['Calle Martí', 'street', 12],
  ['Avenida Circunvalación', 'avenue', 24],
];

const EW_STREETS: Array<[string, StreetKind, number]> = [
  ['Avenida Circunvalación Sur', 'avenue', 24],
  ['Calle Los Aromos', 'street', 12],
  ['Calle Las Acacias', 'street', 12],
  ['Calle Ribera Sur', 'street', 12],
  ['Avenida Ribera Norte', 'avenue', 24],
  ['Calle Colón', 'street', 12],
  ['Calle Rivadavia', 'street', 12],
  ["Calle O'Higgins", 'street', 14],
  ['Calle 21 de Mayo', 'street', 14],
  ['Calle Juárez', 'street', 12],
  ['Calle Hidalgo', 'street', 12],
  ['Avenida Independencia', 'avenue', 24],
  ['Calle Artigas', 'street', 12],
  ['Calle Morelos', 'street', 12],
  ['Calle Belgrano', 'street', 12],
  ['Avenida Los Libertadores', 'avenue', 24],
];

/** Diagonals leave the plaza's corners at 45°; with a square grid they pass through street corners. */
const DIAGONALS: Array<{ name: string; from: Vec; step: Vec; count: number }> = [
  { name: 'Diagonal Norte', from: [55, 55], step: [1, 1], count: 7 }, // to (825, 825)
  { name: 'Diagonal Pedro Montt', from: [-55, 55], step: [-1, 1], count: 7 }, // to (-825, 825)
  { name: 'Diagonal Sur', from: [55, -55], step: [1, -1], count: 7 }, // over the river to (825, -825)
  { name: 'Diagonal Los Héroes', from: [-55, -55], step: [-1, -1], count: 3 }, // to Ribera Norte
];
const DIAGONAL_WIDTH = 20;

/** Cells merged into one area: the streets inside them are left out. */
const MERGED: AreaPlan[] = [
  { kind: 'park', name: 'Parque Bicentenario', cells: cellRange(1, 2, 11, 12) },
  { kind: 'block', use: 'stadium', name: 'Estadio Municipal', cells: cellRange(15, 16, 11, 12) },
  { kind: 'block', use: 'terminal', name: 'Terminal de Buses', cells: cellRange(11, 12, 0, 0) },
  { kind: 'plaza', name: 'Plaza de Armas', cells: [[9, 7]] },
];

/** Single blocks with a use (named on the map by their POI). */
const BLOCK_USES: Array<[i: number, j: number, use: string]> = [
  [9, 8, 'church'],
  [8, 7, 'government'],
  [10, 7, 'museum'],
  [8, 5, 'market'],
  [16, 8, 'hospital'],
  [4, 9, 'university'],
  [6, 9, 'fire-station'],
  [12, 5, 'police'],
];

export const POIS: PoiPlan[] = [
  { name: 'Plaza de Armas', category: 'plaza', at: [0, 0], tag: 'plaza' },
  { name: 'Catedral de San Pedro', category: 'church', at: [0, 110], tag: 'catedral' },
  { name: 'Municipalidad', category: 'government', at: [-110, 0], tag: 'municipalidad' },
  { name: 'Museo Regional', category: 'museum', at: [110, 0] },
  { name: 'Mercado Central', category: 'market', at: [-110, -220], tag: 'mercado' },
  { name: 'Terminal de Buses', category: 'bus-station', at: [275, -770], tag: 'terminal' },
  { name: 'Hospital Regional', category: 'hospital', at: [770, 110], tag: 'hospital' },
  { name: 'Estadio Municipal', category: 'stadium', at: [715, 495], tag: 'estadio' },
  { name: 'Universidad del Pacífico', category: 'university', at: [-550, 220], tag: 'universidad' },
  { name: '1ª Compañía de Bomberos', category: 'fire-station', at: [-330, 220] },
  { name: '3ª Comisaría', category: 'police', at: [330, -220] },
  { name: 'Parque Bicentenario', category: 'park', at: [-825, 495], tag: 'parque' },
  { name: 'Parque del Río', category: 'park', at: [-250, -415], tag: 'parque' },
  { name: 'Muelle Fiscal', category: 'pier', at: [-1160, -165], tag: 'muelle' },
  { name: 'Faro Atalaya', category: 'lighthouse', at: [-1262, -165] },
  { name: 'Caleta de Pescadores', category: 'harbour', at: [-1120, 280] },
];

function cellRange(i0: number, i1: number, j0: number, j1: number): Vec[] {
  const cells: Vec[] = [];
  for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) cells.push([i, j]);
  return cells;
}

// --- the street graph ---------------------------------------------------------------------------

/** A stretch of an X line (x index i) between Y lines j and j+1 is missing when... */
function nsStretchPresent(i: number, j: number): boolean {
  if (j === RIVER_ROW && !BRIDGE_X.has(i)) return false; // ...it would cross the river without a bridge
  return !interiorOfMerged(i, j, 'ns');
}

function ewStretchPresent(i: number, j: number): boolean {
  return !interiorOfMerged(i, j, 'ew');
}

/** Is the stretch inside a merged area (a line with merged cells on both sides)? */
function interiorOfMerged(i: number, j: number, axis: 'ns' | 'ew'): boolean {
  return MERGED.some(({ cells }) => {
    const has = (ci: number, cj: number) => cells.some(([a, b]) => a === ci && b === cj);
    return axis === 'ns' ? has(i - 1, j) && has(i, j) : has(i, j - 1) && has(i, j);
  });
}

function planStreets(): StreetPlan[] {
  const streets: StreetPlan[] = [];
  NS_STREETS.forEach(([name, kind, width], i) => {
    const nodes = Array.from({ length: Y_LINES }, (_, j): Vec => [xOf(i), yOf(j)]);
    const present = nodes.slice(1).map((_, j) => nsStretchPresent(i, j));
    streets.push({ name, kind, width, nodes, present, bridges: present[RIVER_ROW] ? [RIVER_ROW] : [] });
  });
  EW_STREETS.forEach(([name, kind, width], j) => {
    const nodes = Array.from({ length: X_LINES }, (_, i): Vec => [xOf(i), yOf(j)]);
    streets.push({ name, kind, width, nodes, present: nodes.slice(1).map((_, i) => ewStretchPresent(i, j)), bridges: [] });
  });
  for (const { name, from, step, count } of DIAGONALS) {
    const nodes = Array.from({ length: count + 1 }, (_, k): Vec => [from[0] + step[0] * PITCH * k, from[1] + step[1] * PITCH * k]);
    // A stretch crosses the river when its ends lie on either side of the corridor.
    const bridges = nodes.slice(1).flatMap((b, k) => {
      const a = nodes[k] as Vec;
      return Math.min(a[1], b[1]) <= yOf(RIVER_ROW) && Math.max(a[1], b[1]) >= yOf(RIVER_ROW + 1) ? [k] : [];
    });
    streets.push({ name, kind: 'avenue', width: DIAGONAL_WIDTH, nodes, present: nodes.slice(1).map(() => true), bridges });
  }
  // Roads out of town, so the grid does not end at the edge of nothing.
  for (const { name, nodes } of HIGHWAYS) {
    streets.push({ name, kind: 'avenue', width: 14, nodes, present: nodes.slice(1).map(() => true), bridges: [] });
  }
  return streets;
}

const HIGHWAYS: Array<{ name: string; nodes: Vec[] }> = [
  { name: 'Ruta 1', nodes: [[-1045, 825], [-1052, 1150], [-1040, 1600], [-1050, 2100], [-1045, 2700]] },
  { name: 'Ruta 1', nodes: [[-1045, -825], [-1050, -1200], [-1038, -1700], [-1050, -2200], [-1045, -2700]] },
  { name: 'Ruta A-16', nodes: [[1045, 385], [1400, 405], [1900, 480], [2600, 540]] },
  { name: 'Ruta A-750', nodes: [[1045, -825], [1450, -1150], [1900, -1500], [2600, -1900]] },
];

/** Every street stretch that exists, as a segment with its street. */
export interface Stretch {
  street: StreetPlan;
  a: Vec;
  b: Vec;
  bridge: boolean;
}

export function stretchesOf(streets: readonly StreetPlan[]): Stretch[] {
  return streets.flatMap((street) =>
    street.present.flatMap((on, k) => (on ? [{ street, a: street.nodes[k] as Vec, b: street.nodes[k + 1] as Vec, bridge: street.bridges.includes(k) }] : [])),
  );
}

// --- geometry in metres ---------------------------------------------------------------------------

/** The paved band of a stretch: a rectangle `width` wide from a to b. */
function band(a: Vec, b: Vec, width: number): Vec[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const nx = (-(b[1] - a[1]) / len) * (width / 2);
  const ny = ((b[0] - a[0]) / len) * (width / 2);
  // Snapped to centimetres: the polygon clipper trips over corners that differ by 1e-12 m.
  const snap = (v: number) => Math.round(v * 100) / 100;
  return [
    [snap(a[0] + nx), snap(a[1] + ny)],
    [snap(b[0] + nx), snap(b[1] + ny)],
    [snap(b[0] - nx), snap(b[1] - ny)],
    [snap(a[0] - nx), snap(a[1] - ny)],
  ];
}

/** A diamond cut at a crossing: blocks get the chamfered corners (ochavas) of Spanish-grid towns. */
function chamfer(at: Vec, radius: number): Vec[] {
  return [
    [at[0], at[1] - radius],
    [at[0] + radius, at[1]],
    [at[0], at[1] + radius],
    [at[0] - radius, at[1]],
  ];
}

function rect(x0: number, y0: number, x1: number, y1: number): Vec[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

const closed = (ring: Vec[]): Vec[] => [...ring, ring[0] as Vec];

/** The river's centreline: gentle meanders inside the corridor, widening into an estuary at the sea. */
export function riverCentreY(x: number): number {
  return -440 + 13 * Math.sin((x + 200) / 170) + 4 * Math.sin(x / 61);
}
function riverWidth(x: number): number {
  return x < -1000 ? 34 + (-1000 - x) * 0.25 : 34 + 4 * Math.sin(x / 230);
}

function riverPolygon(): Vec[] {
  const north: Vec[] = [];
  const south: Vec[] = [];
  for (let x = 2700; x >= -1240; x -= 20) {
    north.push([x, round1(riverCentreY(x) + riverWidth(x) / 2)]);
    south.push([x, round1(riverCentreY(x) - riverWidth(x) / 2)]);
  }
  return [...north, ...south.reverse()];
}

/** The shoreline, north to south: irregular enough not to look ruled. */
export function coastX(y: number): number {
  return -1100 + 9 * Math.sin(y / 140) + 5 * Math.sin(y / 47 + 1);
}

function seaPolygon(): Vec[] {
  const shore: Vec[] = [];
  // Far past the city, so the frame at zoom 14 is ocean to the west, not a ruled edge.
  for (let y = 2800; y >= -2800; y -= 25) shore.push([round1(coastX(y)), y]);
  return [...shore, [-4000, -2800], [-4000, 2800]];
}

const PIER: Vec[] = rect(-1262, -172, -1059, -158);

const round1 = (v: number): number => Math.round(v * 10) / 10;

type Rings = Vec[][];

/** subject − every cutter, as a list of polygons (each a list of rings). Planar, in metres. */
function subtract(subject: Vec[], cutters: Vec[][]): Rings[] {
  if (cutters.length === 0) return [[closed(subject)]];
  const result = difference(featureCollection([turfPolygon([closed(subject)]), ...cutters.map((c) => turfPolygon([closed(c)]))]));
  if (!result) return [];
  const geometry = result.geometry as Polygon | MultiPolygon;
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys as Rings[];
}

function planarArea(ring: Vec[]): number {
  let sum = 0;
  for (let k = 0; k + 1 < ring.length; k++) sum += (ring[k] as Vec)[0] * (ring[k + 1] as Vec)[1] - (ring[k + 1] as Vec)[0] * (ring[k] as Vec)[1];
  return Math.abs(sum) / 2;
}

function boxOf(ring: Vec[]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
const overlaps = (a: number[], b: number[]): boolean => !(a[2]! < b[0]! || a[0]! > b[2]! || a[3]! < b[1]! || a[1]! > b[3]!);

// --- projection -----------------------------------------------------------------------------------

/** Local metres → lat/lng: an equirectangular projection about the centre, exact to cm at 2 km. */
export function toLatLng([x, y]: Vec): LatLng {
  const cosLat = Math.cos((CITY_CENTRE.lat * Math.PI) / 180);
  return { lat: CITY_CENTRE.lat + y / METRES_PER_DEGREE_LAT, lng: CITY_CENTRE.lng + x / (METRES_PER_DEGREE_LAT * cosLat) };
}

/** 6 decimals is 0.11 m of latitude: finer than any street is drawn, and keeps the file small. */
function position(v: Vec): Position {
  const { lat, lng } = toLatLng(v);
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

// --- the city -------------------------------------------------------------------------------------

export interface DemoCity {
  streets: StreetPlan[];
  stretches: Stretch[];
  pois: PoiPlan[];
  geojson: FeatureCollection;
}

export function buildDemoCity(): DemoCity {
  const streets = planStreets();
  const stretches = stretchesOf(streets);
  const river = riverPolygon();
  const sea = seaPolygon();

  // Paved space every area is cut back from: street bands, and for built blocks also the
  // chamfered corners at each crossing (parks keep square corners, as their railings do).
  const bands: Vec[][] = stretches.map((s) => band(s.a, s.b, s.street.width));
  const chamfers: Vec[][] = crossings(stretches).map((node) => chamfer(node.at, node.halfWidths[0] + node.halfWidths[1] + 4));
  const bandBoxes = bands.map(boxOf);
  const chamferBoxes = chamfers.map(boxOf);

  const cut = (subject: Vec[], { extra = [], chamfered = true }: { extra?: Vec[][]; chamfered?: boolean } = {}): Rings[] => {
    const box = boxOf(subject);
    const cutters = [
      ...bands.filter((_, k) => overlaps(bandBoxes[k] as number[], box)),
      ...(chamfered ? chamfers.filter((_, k) => overlaps(chamferBoxes[k] as number[], box)) : []),
      ...extra.filter((c) => overlaps(boxOf(c), box)),
    ];
    // Slivers under 150 m² are what a diagonal leaves at a chamfered corner: not a block.
    return subtract(subject, cutters).filter((p) => planarArea(p[0] as Vec[]) >= 150);
  };

  const areas: Array<{ kind: string; name?: string; use?: string; rings: Rings }> = [];
  const used = new Set<string>();
  for (const area of MERGED) {
    for (const [i, j] of area.cells) used.add(`${i},${j}`);
    const is = area.cells.map((c) => c[0]);
    const js = area.cells.map((c) => c[1]);
    const outline = rect(xOf(Math.min(...is)), yOf(Math.min(...js)), xOf(Math.max(...is) + 1), yOf(Math.max(...js) + 1));
    for (const rings of cut(outline, { chamfered: area.kind !== 'park' })) areas.push({ kind: area.kind, name: area.name, use: area.use, rings });
  }
  // The river corridor: park on both banks between one bridge and the next.
  for (let i = 0; i < X_LINES - 1; i++) used.add(`${i},${RIVER_ROW}`);
  const bridgeXs = [...BRIDGE_X].sort((a, b) => a - b).map(xOf);
  for (let k = 0; k + 1 < bridgeXs.length; k++) {
    const outline = rect(bridgeXs[k] as number, yOf(RIVER_ROW), bridgeXs[k + 1] as number, yOf(RIVER_ROW + 1));
    for (const rings of cut(outline, { extra: [river], chamfered: false })) areas.push({ kind: 'park', name: 'Parque del Río', rings });
  }
  // Ordinary blocks.
  const uses = new Map(BLOCK_USES.map(([i, j, use]) => [`${i},${j}`, use]));
  for (let i = 0; i < X_LINES - 1; i++) {
    for (let j = 0; j < Y_LINES - 1; j++) {
      if (used.has(`${i},${j}`)) continue;
      for (const rings of cut(rect(xOf(i), yOf(j), xOf(i + 1), yOf(j + 1)))) areas.push({ kind: 'block', use: uses.get(`${i},${j}`), rings });
    }
  }
  // The seafront promenade between the Costanera and the beach, and the pier.
  const promenade = cut(rect(-1200, yOf(0) - 60, xOf(0), yOf(Y_LINES - 1) + 60), { extra: [sea, river, PIER], chamfered: false });
  for (const rings of promenade) areas.push({ kind: 'park', name: 'Paseo Costero', rings });
  areas.push({ kind: 'block', use: 'pier', name: 'Muelle Fiscal', rings: [closed(PIER)] });

  const features: Feature[] = [];
  const area = (kind: string, rings: Rings, props: Record<string, string | undefined>): Feature<Polygon> => {
    const geometry = rewind({ type: 'Polygon', coordinates: rings }) as Polygon; // RFC 7946 winding
    return {
      type: 'Feature',
      properties: { kind, ...Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) },
      geometry: { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map((p) => position(p as Vec))) },
    };
  };
  // File order is drawing order: sea, parks and plaza, blocks, river, streets, then labels.
  features.push(area('water', [closed(sea)], { name: 'Océano Pacífico', water: 'sea' }));
  for (const a of areas.filter((x) => x.kind !== 'block')) features.push(area(a.kind, a.rings, { name: a.name, use: a.use }));
  for (const a of areas.filter((x) => x.kind === 'block')) features.push(area('block', a.rings, { name: a.name, use: a.use }));
  features.push(area('water', [closed(river)], { name: 'Río Atalaya', water: 'river' }));
  // Streets as one LineString per unbroken run, minor streets first so avenues draw on top.
  const runs = streets.flatMap((street) => runsOf(street).map((nodes) => ({ street, nodes })));
  runs.sort((a, b) => (a.street.kind === b.street.kind ? 0 : a.street.kind === 'street' ? -1 : 1));
  for (const { street, nodes } of runs) {
    const line: Feature<LineString> = {
      type: 'Feature',
      properties: { kind: street.kind, name: street.name, width: street.width },
      geometry: { type: 'LineString', coordinates: nodes.map(position) },
    };
    features.push(line);
  }
  for (const poi of POIS) {
    const point: Feature<Point> = { type: 'Feature', properties: { kind: 'poi', name: poi.name, category: poi.category }, geometry: { type: 'Point', coordinates: position(poi.at) } };
    features.push(point);
  }

  const all = features.flatMap((f) => coordinatesOf(f.geometry as Polygon | LineString | Point));
  const bbox: [number, number, number, number] = [
    Math.min(...all.map((p) => p[0] as number)),
    Math.min(...all.map((p) => p[1] as number)),
    Math.max(...all.map((p) => p[0] as number)),
    Math.max(...all.map((p) => p[1] as number)),
  ];
  const geojson = { type: 'FeatureCollection', name: CITY_NAME, bbox, features } as FeatureCollection;
  return { streets, stretches, pois: POIS, geojson };
}

/** Crossings where two or more streets meet, with the two widest half-widths there. */
export function crossings(stretches: readonly Stretch[]): Array<{ at: Vec; streets: StreetPlan[]; halfWidths: [number, number] }> {
  const byNode = new Map<string, { at: Vec; streets: Set<StreetPlan> }>();
  for (const s of stretches) {
    for (const at of [s.a, s.b]) {
      const key = `${at[0]},${at[1]}`;
      const entry = byNode.get(key) ?? { at, streets: new Set<StreetPlan>() };
      entry.streets.add(s.street);
      byNode.set(key, entry);
    }
  }
  return [...byNode.values()]
    .filter((n) => n.streets.size >= 2)
    .map((n) => {
      const widths = [...n.streets].map((s) => s.width / 2).sort((a, b) => b - a);
      return { at: n.at, streets: [...n.streets], halfWidths: [widths[0] as number, widths[1] as number] };
    });
}

function runsOf(street: StreetPlan): Vec[][] {
  const runs: Vec[][] = [];
  let current: Vec[] = [];
  street.present.forEach((on, k) => {
    if (on) {
      if (current.length === 0) current.push(street.nodes[k] as Vec);
      current.push(street.nodes[k + 1] as Vec);
    } else if (current.length) {
      runs.push(current);
      current = [];
    }
  });
  if (current.length) runs.push(current);
  return runs;
}

function coordinatesOf(g: Polygon | LineString | Point): Position[] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'LineString') return g.coordinates;
  return g.coordinates.flat();
}

/** One feature per line: small, and a regenerated file diffs feature by feature. */
export function serialiseCity(geojson: FeatureCollection): string {
  const { features, ...head } = geojson;
  const opening = JSON.stringify(head).slice(0, -1);
  return `${opening},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export const CITY_FILE = fileURLToPath(new URL('../resources/demo/map/city.geojson', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { geojson } = buildDemoCity();
  const text = serialiseCity(geojson);
  writeFileSync(CITY_FILE, text);
  console.log(`wrote ${CITY_FILE}: ${geojson.features.length} features, ${(text.length / 1024).toFixed(0)} KiB`);
}
