import { booleanClockwise, booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FieldOfView, angularDifference, destinationPoint, distanceMetres, fovBounds, fovContains, fovPolygon } from '../../../../common/geo';
import { ORIGIN, polar } from './localOffset';

const camera = (heading: number, fov: number, range = 100): FieldOfView => ({ position: ORIGIN, heading, fov, range });
const sees = (cam: FieldOfView, metres: number, bearing: number) => fovContains(cam, polar(cam.position, metres, bearing));

describe('fovContains: angles', () => {
  it('a wedge spanning north (heading 350°, fov 40° → 330°…10°)', () => {
    const cam = camera(350, 40);
    expect(sees(cam, 50, 5)).toBe(true);
    expect(sees(cam, 50, 15)).toBe(false);
    expect(sees(cam, 50, 0)).toBe(true);
    expect(sees(cam, 50, 9.9)).toBe(true);
    expect(sees(cam, 50, 10.1)).toBe(false);
    expect(sees(cam, 50, 331)).toBe(true);
    expect(sees(cam, 50, 329)).toBe(false);
    expect(sees(cam, 50, 170)).toBe(false);
  });

  it('the same wedge the other side of north (heading 10°, fov 40° → 350°…30°)', () => {
    const cam = camera(10, 40);
    expect(sees(cam, 50, 355)).toBe(true);
    expect(sees(cam, 50, 345)).toBe(false);
    expect(sees(cam, 50, 29)).toBe(true);
    expect(sees(cam, 50, 31)).toBe(false);
  });

  it('heading 360 is heading 0', () => {
    expect(sees(camera(360, 20), 50, 5)).toBe(true);
    expect(sees(camera(360, 20), 50, 355)).toBe(true);
    expect(sees(camera(360, 20), 50, 11)).toBe(false);
  });

  it('a narrow 5° wedge looking east (87.5°…92.5°)', () => {
    const cam = camera(90, 5);
    expect(sees(cam, 80, 90)).toBe(true);
    expect(sees(cam, 80, 92)).toBe(true);
    expect(sees(cam, 80, 88)).toBe(true);
    expect(sees(cam, 80, 93)).toBe(false);
    expect(sees(cam, 80, 87)).toBe(false);
  });

  it('a wide 300° view looking north is blind only in 150°…210°', () => {
    const cam = camera(0, 300);
    expect(sees(cam, 50, 149)).toBe(true);
    expect(sees(cam, 50, 151)).toBe(false);
    expect(sees(cam, 50, 180)).toBe(false);
    expect(sees(cam, 50, 209)).toBe(false);
    expect(sees(cam, 50, 211)).toBe(true);
    expect(sees(cam, 50, 270)).toBe(true);
  });

  it('a 360° view sees every direction, still only within range', () => {
    const cam = camera(123, 360);
    for (const bearing of [0, 90, 180, 270, 303, 359.9]) expect(sees(cam, 99, bearing)).toBe(true);
    expect(sees(cam, 101, 180)).toBe(false);
  });

  it('behind the camera is outside', () => {
    expect(sees(camera(0, 90), 50, 180)).toBe(false);
    expect(sees(camera(0, 90), 1, 180)).toBe(false);
    expect(sees(camera(270, 100), 30, 90)).toBe(false);
  });

  it('the camera’s own position counts as seen, whatever the angle', () => {
    expect(fovContains(camera(90, 5), ORIGIN)).toBe(true);
    expect(fovContains(camera(0, 1, 0.5), ORIGIN)).toBe(true);
  });

  it('a point exactly on a side edge is inside', () => {
    const cam = camera(350, 40);
    expect(fovContains(cam, destinationPoint(ORIGIN, 60, 10))).toBe(true);
    expect(fovContains(cam, destinationPoint(ORIGIN, 60, 330))).toBe(true);
  });
});

describe('fovContains: range', () => {
  const cam = camera(45, 60, 120);
  it('just inside and just outside the range', () => {
    expect(sees(cam, 119.5, 45)).toBe(true);
    expect(sees(cam, 120.5, 45)).toBe(false);
    expect(sees(cam, 119.5, 74)).toBe(true);
    expect(sees(cam, 120.5, 74)).toBe(false);
  });
  it('a point exactly at the range is inside', () => {
    const p = destinationPoint(ORIGIN, 120, 45);
    expect(distanceMetres(ORIGIN, p)).toBeCloseTo(120, 6);
    expect(fovContains(cam, p)).toBe(true);
  });
  it('beyond range in the right direction is outside', () => {
    expect(sees(cam, 500, 45)).toBe(false);
  });
});

describe('fovPolygon', () => {
  it('is a closed wedge from the camera out to the range', () => {
    const cam = camera(350, 40, 100);
    const polygon = fovPolygon(cam, 8);
    const ring = polygon.coordinates[0] ?? [];
    expect(polygon.type).toBe('Polygon');
    expect(ring).toHaveLength(8 + 1 + 2); // camera, 9 arc points, camera again
    expect(ring[0]).toEqual([ORIGIN.lng, ORIGIN.lat]);
    expect(ring.at(-1)).toEqual(ring[0]);
    for (const [lng, lat] of ring.slice(1, -1)) expect(distanceMetres(ORIGIN, { lat: lat!, lng: lng! })).toBeCloseTo(100, 6);
    // RFC 7946: exterior rings run anticlockwise.
    expect(booleanClockwise(ring)).toBe(false);
  });

  it('a 360° view is a circle without the centre', () => {
    const ring = fovPolygon(camera(0, 360, 50), 36).coordinates[0] ?? [];
    expect(ring).toHaveLength(37);
    expect(ring.at(-1)).toEqual(ring[0]);
    for (const [lng, lat] of ring) expect(distanceMetres(ORIGIN, { lat: lat!, lng: lng! })).toBeCloseTo(50, 6);
  });

  it('a wide (300°) wedge is anticlockwise too', () => {
    expect(booleanClockwise(fovPolygon(camera(0, 300)).coordinates[0] ?? [])).toBe(false);
  });

  it('agrees with fovContains away from the arc’s chords', () => {
    // Points within 1 m of the arc can fall between a chord and the true arc; skip those.
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 1, max: 360, noNaN: true }),
        fc.double({ min: 1, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 359.99, noNaN: true }),
        (heading, fov, metres, bearing) => {
          const cam = camera(heading, fov, 150);
          fc.pre(Math.abs(metres - 150) > 1);
          fc.pre(fov >= 360 || Math.abs(angularDifference(bearing, heading) - fov / 2) > 0.01);
          const p = polar(ORIGIN, metres, bearing);
          expect(booleanPointInPolygon([p.lng, p.lat], fovPolygon(cam))).toBe(fovContains(cam, p));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('fovBounds', () => {
  it('holds every point the camera sees', () => {
    fc.assert(
      fc.property(fc.double({ min: -80, max: 80, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), (lat, bearing) => {
        const cam: FieldOfView = { position: { lat, lng: 10 }, heading: 0, fov: 360, range: 150 };
        const [w, s, e, n] = fovBounds(cam);
        const p = destinationPoint(cam.position, 150, bearing);
        expect(p.lat >= s && p.lat <= n && p.lng >= w && p.lng <= e).toBe(true);
      }),
    );
  });
});
