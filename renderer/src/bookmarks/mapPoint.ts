import type { LatLng } from '../../../common/site/siteSchema';

/**
 * A point clicked on the map while a bookmark form is open becomes the bookmark's location. The
 * map calls `offerMapPoint` on a click and learns whether a form took it; an open form listens
 * with `onMapPoint`. A window-local hand-off, so the map and the form need not know each other.
 */
const listeners = new Set<(point: LatLng) => void>();

export function onMapPoint(listener: (point: LatLng) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when an open bookmark form took the point (the map should then not act on the click). */
export function offerMapPoint(point: LatLng): boolean {
  for (const listener of listeners) listener(point);
  return listeners.size > 0;
}

export function isPickingMapPoint(): boolean {
  return listeners.size > 0;
}
