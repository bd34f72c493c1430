import { bearing as turfBearing, distance as turfDistance } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { angularDifference, bearingDegrees, distanceMetres, normalizeDegrees } from '../../../../common/geo';
import { M_PER_DEG, ORIGIN, offset } from './localOffset';

describe('distanceMetres', () => {
  it('one degree of latitude is π·R/180 metres', () => {
    expect(distanceMetres({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111195.08, 1);
  });
  it('one degree of longitude shrinks by cos(latitude)', () => {
    expect(distanceMetres({ lat: 60, lng: 10 }, { lat: 60, lng: 11 })).toBeCloseTo(M_PER_DEG * 0.5, -1);
  });
  it('a 3-4-5 triangle at city scale', () => {
    expect(distanceMetres(ORIGIN, offset(ORIGIN, 30, 40))).toBeCloseTo(50, 3);
  });
});

describe('bearingDegrees', () => {
  it.each([
    [100, 0, 0],
    [0, 100, 90],
    [-100, 0, 180],
    [0, -100, 270], // turf says -90; headings are 0–360
    [100, 100, 45],
    [100, -100, 315],
  ])('north %d m, east %d m → %d°', (north, east, expected) => {
    expect(bearingDegrees(ORIGIN, offset(ORIGIN, north, east))).toBeCloseTo(expected, 3);
  });
});

describe('angles', () => {
  it('normalises into [0, 360)', () => {
    expect(normalizeDegrees(360)).toBe(0);
    expect(normalizeDegrees(-10)).toBe(350);
    expect(normalizeDegrees(725)).toBe(5);
    expect(normalizeDegrees(-1e-20)).toBeLessThan(360);
  });
  it('measures the short way round', () => {
    expect(angularDifference(359, 1)).toBe(2);
    expect(angularDifference(1, 359)).toBe(2);
    expect(angularDifference(350, 5)).toBe(15);
    expect(angularDifference(0, 180)).toBe(180);
    expect(angularDifference(360, 0)).toBe(0);
  });
});

describe('the inlined formulas are turf’s', () => {
  // geodesy.ts writes @turf/distance and @turf/bearing out for speed; they must not drift apart.
  const latLng = fc.record({ lat: fc.double({ min: -89, max: 89, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });
  it('same distance and bearing, to the last bit', () => {
    fc.assert(
      fc.property(latLng, latLng, (a, b) => {
        expect(distanceMetres(a, b)).toBe(turfDistance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' }));
        expect(bearingDegrees(a, b)).toBe(normalizeDegrees(turfBearing([a.lng, a.lat], [b.lng, b.lat])));
      }),
      { numRuns: 2000 },
    );
  });
});
