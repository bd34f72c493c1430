import type { LatLng } from '../../../../common/site/siteSchema';

// Hand arithmetic for test points, independent of turf: a flat-earth offset from an origin.
// Over ≤ 200 m it agrees with the sphere to well under a millimetre and a thousandth of a degree.
export const M_PER_DEG = (Math.PI * 6371008.8) / 180; // 111 195.08 m

export function offset(origin: LatLng, northMetres: number, eastMetres: number): LatLng {
  return {
    lat: origin.lat + northMetres / M_PER_DEG,
    lng: origin.lng + eastMetres / (M_PER_DEG * Math.cos((origin.lat * Math.PI) / 180)),
  };
}

/** The point `metres` away along `bearing` (degrees clockwise from north), by sin/cos by hand. */
export function polar(origin: LatLng, metres: number, bearing: number): LatLng {
  const rad = (bearing * Math.PI) / 180;
  return offset(origin, metres * Math.cos(rad), metres * Math.sin(rad));
}

/** A camera position in the demo city (southern, western hemisphere: negative lat and lng). */
export const ORIGIN: LatLng = { lat: -21.47, lng: -70.06 };
