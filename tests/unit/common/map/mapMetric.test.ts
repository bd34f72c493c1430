import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { angularDifference, fovContains, type FieldOfView } from '../../../../common/geo';
import { EDIT_LIMITS, GEO_METRIC, PLAN_METRIC, coveringNearestFirst, dragEdge, dragTip, wedgeHandles, type MapMetric } from '../../../../common/map/mapMetric';
import { SiteSchema } from '../../../../common/site/siteSchema';
import { ORIGIN, polar } from '../geo/localOffset';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const demo = SiteSchema.parse(JSON.parse(readFileSync(join(ROOT, 'resources/demo/site.json'), 'utf8')));

/** A plan point `distance` units from `from` along `bearing` (clockwise from the plan's top), by hand. */
const planPolar = (from: { lat: number; lng: number }, distance: number, bearing: number) => {
  const rad = (bearing * Math.PI) / 180;
  return { lat: from.lat + distance * Math.cos(rad), lng: from.lng + distance * Math.sin(rad) };
};
const PLAN_ORIGIN = { lat: 300, lng: 400 };

const surfaces: Array<[string, MapMetric, FieldOfView['position'], typeof polar]> = [
  ['street map', GEO_METRIC, ORIGIN, polar],
  ['floor plan', PLAN_METRIC, PLAN_ORIGIN, planPolar],
];

describe.each(surfaces)('field of view on the %s', (_name, metric, origin, at) => {
  const camera = (heading: number, fov: number, range = 100): FieldOfView => ({ position: origin, heading, fov, range });
  const sees = (cam: FieldOfView, distance: number, bearing: number) => metric.contains(cam, at(cam.position, distance, bearing));

  it('a wedge across north (heading 350°, fov 40°: 330°…10°)', () => {
    const cam = camera(350, 40);
    for (const bearing of [331, 345, 359, 0, 5, 9.9]) expect(sees(cam, 50, bearing), `bearing ${bearing}`).toBe(true);
    for (const bearing of [329, 10.1, 15, 90, 170, 270]) expect(sees(cam, 50, bearing), `bearing ${bearing}`).toBe(false);
  });

  it('a narrow 2° wedge looking south-west', () => {
    const cam = camera(225, 2);
    expect(sees(cam, 80, 225)).toBe(true);
    expect(sees(cam, 80, 225.9)).toBe(true);
    expect(sees(cam, 80, 224.1)).toBe(true);
    expect(sees(cam, 80, 226.2)).toBe(false);
    expect(sees(cam, 80, 223.8)).toBe(false);
  });

  it('a wide 300° wedge sees all but the 60° behind it; 360° sees all round', () => {
    const wide = camera(0, 300);
    expect(sees(wide, 50, 149)).toBe(true);
    expect(sees(wide, 50, 211)).toBe(true);
    expect(sees(wide, 50, 180)).toBe(false);
    const round = camera(123, 360);
    for (const bearing of [0, 90, 180, 270, 303]) expect(sees(round, 99, bearing)).toBe(true);
  });

  it('the range edge: in at the range, out just past it, the camera’s own spot counts', () => {
    const cam = camera(90, 60, 100);
    expect(sees(cam, 99.9, 90)).toBe(true);
    expect(sees(cam, 100.2, 90)).toBe(false);
    expect(metric.contains(cam, cam.position)).toBe(true);
  });

  it('the drawn wedge and the click test agree: points well inside the outline are seen, points well outside are not', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 359.9, noNaN: true }), fc.double({ min: 5, max: 350, noNaN: true }), fc.double({ min: 0, max: 359.9, noNaN: true }), fc.double({ min: 0.05, max: 1.3, noNaN: true }), (heading, fov, bearing, f) => {
        const cam = camera(heading, fov, 100);
        const ring = metric.wedge(cam).map((p) => [p.lng, p.lat]);
        const polygon = { type: 'Polygon' as const, coordinates: [[...ring, ring[0]!]] };
        const point = at(cam.position, 100 * f, bearing);
        const inPolygon = booleanPointInPolygon([point.lng, point.lat], polygon);
        const contained = metric.contains(cam, point);
        // Near the arc the chords cut inside the true circle, and on the edge rounding decides:
        // only points clearly away from both must agree.
        const off = Math.abs(((bearing - heading + 540) % 360) - 180);
        const nearEdge = Math.abs(off - fov / 2) < 0.5 || Math.abs(f - 1) < 0.01;
        return nearEdge || inPolygon === contained;
      }),
      { numRuns: 400 },
    );
  });
});

describe('the street map is exactly common/geo', () => {
  it('GEO_METRIC.contains is fovContains', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0.5, max: 360, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: 150, noNaN: true }), (heading, fov, bearing, distance) => {
        const cam: FieldOfView = { position: ORIGIN, heading, fov, range: 100 };
        const point = polar(ORIGIN, distance, bearing);
        return GEO_METRIC.contains(cam, point) === fovContains(cam, point);
      }),
    );
  });
});

describe('covering cameras, nearest first', () => {
  it('orders by distance and keeps input order for ties', () => {
    const point = planPolar(PLAN_ORIGIN, 0, 0);
    const cams = [
      { id: 'far', position: planPolar(point, 80, 180), heading: 0, fov: 90, range: 100 },
      { id: 'tie-a', position: planPolar(point, 30, 90), heading: 270, fov: 30, range: 100 },
      { id: 'near', position: planPolar(point, 10, 0), heading: 180, fov: 30, range: 50 },
      { id: 'tie-b', position: planPolar(point, 30, 270), heading: 90, fov: 30, range: 100 },
      { id: 'blind', position: planPolar(point, 20, 0), heading: 0, fov: 30, range: 100 },
      { id: 'short', position: planPolar(point, 60, 0), heading: 180, fov: 30, range: 50 },
    ];
    const found = coveringNearestFirst(PLAN_METRIC, cams, point);
    expect(found.map((c) => c.camera.id)).toEqual(['near', 'tie-a', 'tie-b', 'far']);
    expect(found[0]!.distance).toBeCloseTo(10, 9);
  });

  it('in the demo city, a point halfway along camera 7’s view lists camera 7, and every camera listed sees it', () => {
    const cam7 = demo.cameras.find((c) => c.number === 7)!;
    const point = polar(cam7.position, cam7.range / 2, cam7.heading);
    const found = coveringNearestFirst(GEO_METRIC, demo.cameras, point);
    expect(found.map((c) => c.camera.number)).toContain(7);
    for (const { camera } of found) expect(fovContains(camera, point)).toBe(true);
    const distances = found.map((c) => c.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });
});

describe('editing handles', () => {
  it.each(surfaces)('on the %s the handles sit on the wedge and dragging them sets heading, range and angle', (_name, metric, origin, at) => {
    const cam: FieldOfView = { position: origin, heading: 30, fov: 60, range: 100 };
    const handles = wedgeHandles(metric, cam);
    expect(metric.distance(origin, handles.tip)).toBeCloseTo(100, 3);
    // angularDifference: a bearing of 359.9999999 is 0 give or take rounding.
    expect(angularDifference(metric.bearing(origin, handles.tip), 30)).toBeCloseTo(0, 3);
    expect(angularDifference(metric.bearing(origin, handles.left), 0)).toBeCloseTo(0, 3);
    expect(angularDifference(metric.bearing(origin, handles.right), 60)).toBeCloseTo(0, 3);

    const tip = dragTip(metric, cam, at(origin, 140, 300));
    expect(angularDifference(tip.heading, 300)).toBeCloseTo(0, 3);
    expect(tip.range).toBeCloseTo(140, 2);
    // Symmetric about the heading: an edge dragged 45° off the axis makes a 90° view.
    expect(dragEdge(metric, cam, at(origin, 70, 75)).fov).toBeCloseTo(90, 3);
    expect(dragEdge(metric, cam, at(origin, 70, 345)).fov).toBeCloseTo(90, 3);
  });

  it('clamps to what the site schema allows and keeps values when dropped on the camera', () => {
    const cam: FieldOfView = { position: PLAN_ORIGIN, heading: 30, fov: 60, range: 100 };
    expect(dragTip(PLAN_METRIC, cam, PLAN_ORIGIN)).toEqual({ heading: 30, range: EDIT_LIMITS.minRange });
    expect(dragTip(PLAN_METRIC, cam, planPolar(PLAN_ORIGIN, 50_000, 0)).range).toBe(EDIT_LIMITS.maxRange);
    expect(dragEdge(PLAN_METRIC, cam, PLAN_ORIGIN).fov).toBe(60);
    expect(dragEdge(PLAN_METRIC, cam, planPolar(PLAN_ORIGIN, 50, 30.1)).fov).toBe(EDIT_LIMITS.minFov);
    expect(dragEdge(PLAN_METRIC, cam, planPolar(PLAN_ORIGIN, 50, 210)).fov).toBe(360);
  });
});

describe('plan metric', () => {
  it('bearings are clockwise from the top of the plan (y up)', () => {
    expect(PLAN_METRIC.bearing({ lat: 0, lng: 0 }, { lat: 10, lng: 0 })).toBe(0);
    expect(PLAN_METRIC.bearing({ lat: 0, lng: 0 }, { lat: 0, lng: 10 })).toBe(90);
    expect(PLAN_METRIC.bearing({ lat: 0, lng: 0 }, { lat: -10, lng: 0 })).toBe(180);
    expect(PLAN_METRIC.bearing({ lat: 0, lng: 0 }, { lat: 0, lng: -10 })).toBe(270);
  });

  it('draws a 360° view as a closed circle without the centre', () => {
    const ring = PLAN_METRIC.wedge({ position: PLAN_ORIGIN, heading: 0, fov: 360, range: 10 });
    for (const p of ring) expect(PLAN_METRIC.distance(PLAN_ORIGIN, p)).toBeCloseTo(10, 9);
    expect(ring.length).toBe(90);
  });
});
