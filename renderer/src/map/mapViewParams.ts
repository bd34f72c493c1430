import type { LatLng } from '../../../common/site/siteSchema';

/** `lat`, `lng` and `zoom` from a map window's URL; anything missing or out of range is ignored. */
export function readMapViewParams(search: string): { center?: LatLng; zoom?: number } {
  const params = new URLSearchParams(search);
  const number = (name: string) => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') return undefined;
    const value = Number(raw);
    return Number.isFinite(value) ? value : undefined;
  };
  const lat = number('lat');
  const lng = number('lng');
  const zoom = number('zoom');
  return {
    ...(lat !== undefined && lng !== undefined && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { center: { lat, lng } } : {}),
    ...(zoom !== undefined && zoom >= 0 && zoom <= 24 ? { zoom: Math.round(zoom) } : {}),
  };
}
