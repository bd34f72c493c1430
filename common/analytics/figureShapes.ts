import type { Position } from 'geojson';
import type { Bounds } from '../geo/fieldOfView';
import type { LatLng } from '../site/siteSchema';

/**
 * Report figures as plain shapes in a pixel space with y pointing down: the HTML report turns them
 * into SVG, the PDF writer into pdf-lib paths. One drawing, two outputs, the same picture.
 */

export type Shape =
  | { kind: 'path'; d: string; fill?: string; fillOpacity?: number; stroke?: string; strokeWidth?: number; strokeOpacity?: number; dash?: number }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; colour: string; bold?: boolean }
  /** The heat raster: `ref` names an image the renderer holds (a PNG). */
  | { kind: 'image'; x: number; y: number; width: number; height: number; ref: 'heat' };

export interface Figure {
  width: number;
  height: number;
  background?: string;
  shapes: Shape[];
}

/** Equirectangular projection of `view` onto a width × height box (y down). */
export class Frame {
  readonly height: number;
  private readonly kx: number;
  private readonly ky: number;

  constructor(
    readonly view: Bounds,
    readonly width: number,
    maxHeight = Number.POSITIVE_INFINITY,
  ) {
    const [west, south, east, north] = view;
    const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
    const aspect = ((north - south) / ((east - west) * cos)) || 1;
    this.height = Math.min(maxHeight, width * aspect);
    this.kx = width / (east - west);
    this.ky = this.height / (north - south);
  }

  x(lng: number): number {
    return (lng - this.view[0]) * this.kx;
  }

  y(lat: number): number {
    return (this.view[3] - lat) * this.ky;
  }

  point(p: LatLng): [number, number] {
    return [this.x(p.lng), this.y(p.lat)];
  }

  position(p: Position): [number, number] {
    return [this.x(p[0]!), this.y(p[1]!)];
  }
}

type Pt = [number, number];
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Sutherland–Hodgman: the part of a polygon ring inside the box [0, w] × [0, h]. */
export function clipRing(ring: readonly Pt[], w: number, h: number): Pt[] {
  let out: Pt[] = ring.slice();
  const edges: Array<[(p: Pt) => boolean, (a: Pt, b: Pt) => Pt]> = [
    [(p) => p[0] >= 0, (a, b) => [0, a[1] + ((b[1] - a[1]) * (0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= w, (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= 0, (a, b) => [a[0] + ((b[0] - a[0]) * (0 - a[1])) / (b[1] - a[1]), 0]],
    [(p) => p[1] <= h, (a, b) => [a[0] + ((b[0] - a[0]) * (h - a[1])) / (b[1] - a[1]), h]],
  ];
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    }
    if (!out.length) break;
  }
  return out;
}

/** Liang–Barsky: the pieces of a polyline inside the box. */
export function clipLine(line: readonly Pt[], w: number, h: number): Pt[][] {
  const pieces: Pt[][] = [];
  let current: Pt[] = [];
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const dx = x1 - x0;
    const dy = y1 - y0;
    let t0 = 0;
    let t1 = 1;
    let visible = true;
    for (const [p, q] of [
      [-dx, x0],
      [dx, w - x0],
      [-dy, y0],
      [dy, h - y0],
    ] as Array<[number, number]>) {
      if (p === 0) {
        if (q < 0) visible = false;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (!visible || t0 > t1) {
      if (current.length > 1) pieces.push(current);
      current = [];
      continue;
    }
    const a: Pt = [x0 + t0 * dx, y0 + t0 * dy];
    const b: Pt = [x0 + t1 * dx, y0 + t1 * dy];
    if (!current.length || t0 > 0) {
      if (current.length > 1) pieces.push(current);
      current = [a];
    }
    current.push(b);
    if (t1 < 1) {
      pieces.push(current);
      current = [];
    }
  }
  if (current.length > 1) pieces.push(current);
  return pieces;
}

export function ringPath(rings: readonly (readonly Pt[])[]): string {
  return rings
    .filter((r) => r.length >= 3)
    .map((r) => `M${r.map(([x, y]) => `${r1(x)} ${r1(y)}`).join(' L')} Z`)
    .join(' ');
}

export function linePath(lines: readonly (readonly Pt[])[]): string {
  return lines
    .filter((l) => l.length >= 2)
    .map((l) => `M${l.map(([x, y]) => `${r1(x)} ${r1(y)}`).join(' L')}`)
    .join(' ');
}

/** A closed polygon given in lat/lng, projected and clipped to the frame. */
export function polygonPath(frame: Frame, rings: readonly (readonly Position[])[]): string {
  return ringPath(rings.map((ring) => clipRing(ring.map((p) => frame.position(p)), frame.width, frame.height)));
}

export function polylinePath(frame: Frame, line: readonly Position[]): string {
  return linePath(clipLine(line.map((p) => frame.position(p)), frame.width, frame.height));
}

/** A circle of `radius` metres around `centre`, as a 32-gon. */
export function circlePath(frame: Frame, centre: LatLng, radiusMetres: number): string {
  const mLat = 111_195;
  const mLng = mLat * Math.cos((centre.lat * Math.PI) / 180);
  const ring: Position[] = [];
  for (let k = 0; k < 32; k++) {
    const a = (k / 32) * 2 * Math.PI;
    ring.push([centre.lng + (radiusMetres * Math.sin(a)) / mLng, centre.lat + (radiusMetres * Math.cos(a)) / mLat]);
  }
  return polygonPath(frame, [ring]);
}

/** A bar chart: bars left to right, optional second series drawn over the first (the selection). */
export function barChart(opts: {
  width: number;
  height: number;
  values: readonly number[];
  highlight?: readonly number[];
  labels: ReadonlyArray<{ at: number; text: string }>;
  colour: string;
  highlightColour?: string;
}): Figure {
  const { width, height, values } = opts;
  const bottom = height - 14;
  const top = 12;
  const max = Math.max(1, ...values);
  const n = Math.max(1, values.length);
  const bw = width / n;
  const gap = bw > 4 ? Math.min(2, bw * 0.15) : 0;
  const shapes: Shape[] = [{ kind: 'path', d: `M0 ${bottom} L${width} ${bottom}`, stroke: '#9e9e9e', strokeWidth: 0.5 }];
  const bars = (series: readonly number[], colour: string) => {
    const parts: string[] = [];
    series.forEach((v, i) => {
      if (v <= 0) return;
      const h = ((bottom - top) * v) / max;
      const x = i * bw + gap / 2;
      parts.push(`M${r1(x)} ${r1(bottom)} L${r1(x + bw - gap)} ${r1(bottom)} L${r1(x + bw - gap)} ${r1(bottom - h)} L${r1(x)} ${r1(bottom - h)} Z`);
    });
    if (parts.length) shapes.push({ kind: 'path', d: parts.join(' '), fill: colour });
  };
  bars(values, opts.colour);
  if (opts.highlight) bars(opts.highlight, opts.highlightColour ?? '#1565c0');
  for (const label of opts.labels) {
    // The first label starts at the left edge rather than being cut in half by it.
    const first = label.at === 0;
    shapes.push({ kind: 'text', x: first ? 0 : label.at * bw + bw / 2, y: height - 3, text: label.text, size: 7, anchor: first ? 'start' : 'middle', colour: '#424242' });
  }
  shapes.push({ kind: 'text', x: 0, y: 8, text: String(Math.round(max)), size: 7, anchor: 'start', colour: '#757575' });
  return { width, height, shapes };
}
