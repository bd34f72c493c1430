/**
 * Street names on the offline basemap: where along a street its name goes, at what angle, and
 * which names fit without overlapping. Works in screen pixels (the caller projects the street's
 * points at the current zoom), so it is pure and testable without a map.
 */

export interface Pixel {
  x: number;
  y: number;
}

export interface LabelAnchor extends Pixel {
  /** Degrees, screen convention (y down, clockwise), in (−90, 90] so text never reads upside down. */
  angle: number;
  /** Length of the line in pixels. */
  length: number;
}

/** Text is kept upright: a street drawn right-to-left gets its label turned half a circle. */
export function uprightAngle(degrees: number): number {
  let a = degrees % 360;
  if (a > 180) a -= 360;
  if (a <= -180) a += 360;
  if (a > 90) a -= 180;
  else if (a <= -90) a += 180;
  return a;
}

function lineLength(points: readonly Pixel[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Pixel;
    const b = points[i] as Pixel;
    total += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return total;
}

/** The point `distance` pixels along the line, with the direction of the segment there. */
export function pointAlong(points: readonly Pixel[], distance: number): LabelAnchor | null {
  if (points.length < 2) return null;
  const length = lineLength(points);
  if (length === 0 || distance < 0 || distance > length) return null;
  let remaining = distance;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Pixel;
    const b = points[i] as Pixel;
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    if (d > 0 && (remaining <= d || i === points.length - 1)) {
      const t = Math.min(1, remaining / d);
      const angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, angle: uprightAngle(angle), length };
    }
    remaining -= d;
  }
  return null;
}

/** The middle of the line by length, with the direction of the segment there. */
export function labelAnchor(points: readonly Pixel[]): LabelAnchor | null {
  return pointAlong(points, lineLength(points) / 2);
}

/** A rough text width for a sans-serif font: enough to decide whether a name fits. */
export function estimateTextWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.56;
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The axis-aligned box around a `width` × `height` rectangle centred at `at`, turned by `angle`°. */
export function rotatedBox(at: Pixel, width: number, height: number, angle: number, padding = 0): Box {
  const rad = (angle * Math.PI) / 180;
  const c = Math.abs(Math.cos(rad));
  const s = Math.abs(Math.sin(rad));
  const halfW = (width * c + height * s) / 2 + padding;
  const halfH = (width * s + height * c) / 2 + padding;
  return { minX: at.x - halfW, minY: at.y - halfH, maxX: at.x + halfW, maxY: at.y + halfH };
}

const overlaps = (a: Box, b: Box) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;

/**
 * Greedy label placement: first come, first placed; a label overlapping one already placed is
 * left out. Callers offer the most important labels first (avenues before streets).
 */
export class LabelPlacer {
  private readonly boxes: Box[] = [];

  tryPlace(box: Box): boolean {
    if (this.boxes.some((b) => overlaps(b, box))) return false;
    this.boxes.push(box);
    return true;
  }

  get count(): number {
    return this.boxes.length;
  }
}

export interface StreetLabelInput {
  name: string;
  points: readonly Pixel[];
}

export interface PlacedLabel extends LabelAnchor {
  name: string;
}

/**
 * Which street names to draw: along each street run, one name every `repeatPx` (a long avenue is
 * named again further along, so a zoomed-in view still shows it), only where the name fits on the
 * run with a margin, only inside the viewport, and never two overlapping. Callers offer the most
 * important streets first (avenues before streets).
 */
export function placeStreetLabels(
  streets: readonly StreetLabelInput[],
  opts: { fontPx: number; viewport?: Box; repeatPx?: number; placer?: LabelPlacer },
): PlacedLabel[] {
  // A shared placer carries boxes already taken (place names), which street names then avoid.
  const placer = opts.placer ?? new LabelPlacer();
  const repeat = opts.repeatPx ?? 500;
  const out: PlacedLabel[] = [];
  const { viewport } = opts;
  for (const street of streets) {
    if (!street.name) continue;
    const length = lineLength(street.points);
    const width = estimateTextWidth(street.name, opts.fontPx);
    if (length < width * 1.3) continue;
    const count = Math.max(1, Math.floor(length / repeat));
    for (let k = 0; k < count; k++) {
      const at = (length * (k + 0.5)) / count;
      const anchor = pointAlong(street.points, at);
      if (!anchor) continue;
      if (viewport && (anchor.x < viewport.minX || anchor.x > viewport.maxX || anchor.y < viewport.minY || anchor.y > viewport.maxY)) continue;
      if (!placer.tryPlace(rotatedBox(anchor, width, opts.fontPx * 1.3, anchor.angle, 2))) continue;
      out.push({ ...anchor, name: street.name });
    }
  }
  return out;
}
