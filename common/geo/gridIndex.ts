import type { Bounds } from './fieldOfView';

/**
 * A uniform lat/lng grid over a fixed extent, each cell listing the ids of the boxes (or points)
 * that touch it. It answers "which of these might contain this point?" and "which points lie in
 * this box?" without scanning everything: the prefilter that keeps coverage over 100 000
 * incidents linear instead of incidents × cameras.
 *
 * Plain degrees, no projection: at city scale cells are near-rectangles, and the grid only has to
 * return a superset; callers run the exact test on what it returns. Extents crossing the
 * antimeridian are not supported (no monitored city straddles ±180°).
 */
export class GridIndex {
  readonly extent: Bounds;
  private readonly cellLat: number;
  private readonly cellLng: number;
  private readonly columns: number;
  private readonly rows: number;
  private readonly cells: (number[] | undefined)[];

  /**
   * @param cellLat cell height in degrees; cell width is chosen so cells are about square on the
   *   ground at the extent's mid-latitude. Rows and columns are capped (512 each) so a tiny cell
   *   over a wide extent cannot allocate millions of cells; the grid then just gets coarser.
   */
  constructor(extent: Bounds, cellLat: number) {
    const [west, south, east, north] = extent;
    this.extent = [west, south, east, north];
    const midLat = ((south + north) / 2) * (Math.PI / 180);
    const cosLat = Math.max(0.01, Math.cos(midLat));
    const height = Math.max(north - south, 1e-9);
    const width = Math.max(east - west, 1e-9);
    this.rows = Math.min(MAX_CELLS_PER_SIDE, Math.max(1, Math.ceil(height / cellLat)));
    this.columns = Math.min(MAX_CELLS_PER_SIDE, Math.max(1, Math.ceil(width / (cellLat / cosLat))));
    this.cellLat = height / this.rows;
    this.cellLng = width / this.columns;
    this.cells = new Array<number[] | undefined>(this.rows * this.columns);
  }

  /** Adds `id` to every cell the box touches (the box is clipped to the extent). */
  insertBounds(id: number, bounds: Bounds): void {
    this.forEachCell(bounds, (cell) => {
      const list = this.cells[cell];
      if (list) list.push(id);
      else this.cells[cell] = [id];
    });
  }

  insertPoint(id: number, lat: number, lng: number): void {
    const cell = this.cellAt(lat, lng);
    if (cell < 0) return;
    const list = this.cells[cell];
    if (list) list.push(id);
    else this.cells[cell] = [id];
  }

  /** Ids of the boxes whose cells include this point (a superset of the boxes containing it). */
  at(lat: number, lng: number): readonly number[] {
    const cell = this.cellAt(lat, lng);
    return cell < 0 ? EMPTY : (this.cells[cell] ?? EMPTY);
  }

  /**
   * Calls `visit` for the ids in every cell the box touches. With points inserted each id comes
   * once; with boxes inserted an id can come once per cell it shares with `bounds`.
   */
  forEachIn(bounds: Bounds, visit: (id: number) => void): void {
    this.forEachCell(bounds, (cell) => {
      const list = this.cells[cell];
      if (list) for (const id of list) visit(id);
    });
  }

  private cellAt(lat: number, lng: number): number {
    const [west, south, east, north] = this.extent;
    if (!(lat >= south && lat <= north && lng >= west && lng <= east)) return -1; // also rejects NaN
    // The north/east edges belong to the last row/column rather than to a cell past the end.
    const row = Math.min(this.rows - 1, Math.floor((lat - south) / this.cellLat));
    const column = Math.min(this.columns - 1, Math.floor((lng - west) / this.cellLng));
    return row * this.columns + column;
  }

  private forEachCell(bounds: Bounds, visit: (cell: number) => void): void {
    const [west, south, east, north] = this.extent;
    const [bWest, bSouth, bEast, bNorth] = bounds;
    if (bEast < west || bWest > east || bNorth < south || bSouth > north) return;
    const clampRow = (lat: number) => Math.min(this.rows - 1, Math.max(0, Math.floor((lat - south) / this.cellLat)));
    const clampColumn = (lng: number) => Math.min(this.columns - 1, Math.max(0, Math.floor((lng - west) / this.cellLng)));
    const row0 = clampRow(bSouth);
    const row1 = clampRow(bNorth);
    const column0 = clampColumn(bWest);
    const column1 = clampColumn(bEast);
    for (let row = row0; row <= row1; row++) {
      for (let column = column0; column <= column1; column++) visit(row * this.columns + column);
    }
  }
}

const MAX_CELLS_PER_SIDE = 512;
const EMPTY: readonly number[] = Object.freeze([]);

/** The smallest box holding all the given boxes, or undefined for none. */
export function unionBounds(boxes: Iterable<Bounds>): Bounds | undefined {
  let out: Bounds | undefined;
  for (const [w, s, e, n] of boxes) {
    if (!out) out = [w, s, e, n];
    else out = [Math.min(out[0], w), Math.min(out[1], s), Math.max(out[2], e), Math.max(out[3], n)];
  }
  return out;
}

/** Median of the boxes' heights in degrees: a cell size where each box touches ~4 cells. */
export function medianBoundsHeight(boxes: readonly Bounds[]): number {
  if (boxes.length === 0) return 1;
  const heights = boxes.map((b) => b[3] - b[1]).sort((a, b) => a - b);
  return Math.max(heights[Math.floor(heights.length / 2)] as number, 1e-7);
}
