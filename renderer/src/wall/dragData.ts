import { WallActionSchema, type TileRef, type WallAction } from '../../../common/wall/wallActions';

/**
 * What a drag carries between the console and the wall. HTML5 drag and drop crosses windows of
 * one browser or one Electron app, so a camera dragged from the console's list can be dropped on
 * a tile of a wall window of the same origin: the data rides in the DataTransfer under our own
 * MIME types, and the drop turns it into a wall action. Pure apart from the DataTransfer-like
 * object it is handed, so it is tested without a browser.
 */

export const CAMERA_MIME = 'application/x-atalaya-camera';
export const TILE_MIME = 'application/x-atalaya-tile';
export const TOUR_MIME = 'application/x-atalaya-tour';

/** The part of DataTransfer used here. */
export interface DragDataLike {
  readonly types: ReadonlyArray<string>;
  getData(format: string): string;
  setData(format: string, data: string): void;
  effectAllowed?: string;
  dropEffect?: string;
}

export function writeCameraDrag(dt: DragDataLike, camera: { id: string; number: number; name: string }): void {
  dt.setData(CAMERA_MIME, camera.id);
  // Plain text for anything else it is dropped on (a chat window, a report).
  dt.setData('text/plain', `${camera.number} ${camera.name}`);
  dt.effectAllowed = 'copyMove';
}

export function writeTileDrag(dt: DragDataLike, ref: TileRef): void {
  dt.setData(TILE_MIME, JSON.stringify({ screenId: ref.screenId, cell: ref.cell }));
  dt.effectAllowed = 'move';
}

export function writeTourDrag(dt: DragDataLike, tour: { id: string; name: string }): void {
  dt.setData(TOUR_MIME, tour.id);
  dt.setData('text/plain', tour.name);
  dt.effectAllowed = 'copy';
}

/**
 * Whether a drag can be dropped on a tile, judged from its types alone (browsers hide the data
 * until the drop): 'copy' for a camera or a tour, 'move' for a tile, null otherwise.
 */
export function dropEffectFor(types: ReadonlyArray<string>): 'copy' | 'move' | null {
  const has = (t: string) => types.includes(t);
  if (has(TILE_MIME)) return 'move';
  if (has(CAMERA_MIME) || has(TOUR_MIME)) return 'copy';
  return null;
}

/**
 * The wall action for a drop on `target`: a camera or a tour is assigned to the tile, a tile is
 * swapped with it (across screens too). Null for a drop of the tile on itself or data that does
 * not make a valid action (it came from elsewhere, or was forged).
 */
export function dropAction(dt: DragDataLike, target: TileRef): WallAction | null {
  let action: unknown = null;
  const tile = dt.types.includes(TILE_MIME) ? dt.getData(TILE_MIME) : '';
  const camera = dt.types.includes(CAMERA_MIME) ? dt.getData(CAMERA_MIME) : '';
  const tour = dt.types.includes(TOUR_MIME) ? dt.getData(TOUR_MIME) : '';
  if (tile !== '') {
    let from: unknown;
    try {
      from = JSON.parse(tile);
    } catch {
      return null;
    }
    const source = from as Partial<TileRef> | null;
    if (source?.screenId === target.screenId && source.cell === target.cell) return null;
    action = { type: 'tile.swap', a: from, b: { screenId: target.screenId, cell: target.cell } };
  } else if (camera !== '') {
    action = { type: 'tile.assign', screenId: target.screenId, cell: target.cell, tile: { kind: 'camera', cameraId: camera } };
  } else if (tour !== '') {
    action = { type: 'tile.assign', screenId: target.screenId, cell: target.cell, tile: { kind: 'tour', tourId: tour } };
  }
  if (action === null) return null;
  const parsed = WallActionSchema.safeParse(action);
  return parsed.success ? parsed.data : null;
}
