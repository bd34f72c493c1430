import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FieldOfView,
  type IncidentPoint,
  FovIndex,
  UNCATEGORISED,
  camerasCovering,
  coverageShare,
  coveredMask,
  fovContains,
  incidentsPerCamera,
} from '../../../../common/geo';
import { ORIGIN, offset, polar } from './localOffset';

describe('camerasCovering', () => {
  // The point is at ORIGIN; each camera stands some metres from it and looks at it (or away).
  const lookingAt = (metres: number, fromBearing: number, away = false): FieldOfView => ({
    position: polar(ORIGIN, metres, fromBearing),
    heading: (fromBearing + (away ? 0 : 180)) % 360,
    fov: 60,
    range: 100,
  });
  const cameras = [
    { id: 'a', ...lookingAt(80, 0) },
    { id: 'b', ...lookingAt(30, 90) },
    { id: 'c', ...lookingAt(50, 200) },
    { id: 'd', ...lookingAt(20, 270, true) }, // near, but looking away
    { id: 'e', ...lookingAt(120, 45) }, // looking at it, but out of range
  ];

  it('lists only the cameras that see the point, nearest first, with distances', () => {
    const hits = camerasCovering(cameras, ORIGIN);
    expect(hits.map((h) => h.camera.id)).toEqual(['b', 'c', 'a']);
    expect(hits.map((h) => h.index)).toEqual([1, 2, 0]);
    expect(hits[0]?.distance).toBeCloseTo(30, 3);
    expect(hits[1]?.distance).toBeCloseTo(50, 3);
    expect(hits[2]?.distance).toBeCloseTo(80, 3);
  });

  it('keeps input order between cameras at the same distance', () => {
    // Straight north and south of the point: haversine gives bit-identical distances.
    const twins = [
      { id: 'x', position: offset(ORIGIN, 40, 0), heading: 180, fov: 60, range: 100 },
      { id: 'y', position: offset(ORIGIN, -40, 0), heading: 0, fov: 60, range: 100 },
    ];
    expect(camerasCovering(twins, ORIGIN).map((h) => h.distance)).toEqual(Array(2).fill(camerasCovering(twins, ORIGIN)[0]?.distance));
    expect(camerasCovering(twins, ORIGIN).map((h) => h.camera.id)).toEqual(['x', 'y']);
  });

  it('is empty when nothing sees the point', () => {
    expect(camerasCovering(cameras, offset(ORIGIN, 1000, 0))).toEqual([]);
    expect(camerasCovering([], ORIGIN)).toEqual([]);
  });
});

describe('coverage figures on a hand-made set', () => {
  // One camera at ORIGIN looking north, 90° wide (315°…45°), 100 m.
  // A second one 500 m east looking east, 360°, 50 m, overlapping nothing of the first.
  const north: FieldOfView = { position: ORIGIN, heading: 0, fov: 90, range: 100 };
  const roundabout: FieldOfView = { position: offset(ORIGIN, 0, 500), heading: 90, fov: 360, range: 50 };
  const incidents: IncidentPoint[] = [
    { ...polar(ORIGIN, 50, 0), category: 'robo' }, // inside north
    { ...polar(ORIGIN, 90, 40), category: 'robo' }, // inside north, near the right edge
    { ...polar(ORIGIN, 50, 180), category: 'robo' }, // behind north
    { ...polar(ORIGIN, 150, 0), category: 'riña' }, // beyond range
    { ...polar(ORIGIN, 99, 316), category: 'riña' }, // inside, near the left edge
    { ...polar(roundabout.position, 40, 250), category: 'riña' }, // inside the 360° one, behind its heading
    { ...polar(ORIGIN, 10, 10) }, // inside north, no category
    { ...polar(ORIGIN, 60, 46) }, // just outside the right edge, no category
  ];

  it('coverageShare counts points inside any view, overall and per category', () => {
    const result = coverageShare([north, roundabout], incidents);
    expect(result.total).toBe(8);
    expect(result.covered).toBe(5);
    expect(result.share).toBeCloseTo(5 / 8, 12);
    expect(result.byCategory['robo']).toEqual({ total: 3, covered: 2, share: 2 / 3 });
    expect(result.byCategory['riña']).toEqual({ total: 3, covered: 2, share: 2 / 3 });
    expect(result.byCategory[UNCATEGORISED]).toEqual({ total: 2, covered: 1, share: 0.5 });
  });

  it('no incidents: share 0; no cameras: nothing covered', () => {
    expect(coverageShare([north], [])).toMatchObject({ total: 0, covered: 0, share: 0 });
    expect(coverageShare([], incidents)).toMatchObject({ total: 8, covered: 0, share: 0 });
  });

  it('incidentsPerCamera counts an incident once per camera that sees it', () => {
    const twin: FieldOfView = { ...north, heading: 20 }; // 335°…65°: sees #0, #1, #6 and #7 but not #4
    expect(incidentsPerCamera([north, roundabout, twin], incidents)).toEqual([4, 1, 4]);
  });

  it('a category named like an Object.prototype member is just a category', () => {
    const result = coverageShare([north], [{ ...ORIGIN, category: '__proto__' }, { ...ORIGIN, category: 'constructor' }]);
    expect(result.byCategory['__proto__']).toEqual({ total: 1, covered: 1, share: 1 });
    expect(result.byCategory['constructor']).toEqual({ total: 1, covered: 1, share: 1 });
  });
});

describe('the grid index gives the same answers as testing every camera', () => {
  const cameraArb = fc.record({
    position: fc.record({ lat: fc.double({ min: -21.48, max: -21.46, noNaN: true }), lng: fc.double({ min: -70.07, max: -70.05, noNaN: true }) }),
    heading: fc.double({ min: 0, max: 360, noNaN: true }),
    fov: fc.double({ min: 1, max: 360, noNaN: true }),
    range: fc.double({ min: 5, max: 400, noNaN: true }),
  });
  const pointArb = fc.record({ lat: fc.double({ min: -21.49, max: -21.45, noNaN: true }), lng: fc.double({ min: -70.08, max: -70.04, noNaN: true }) });

  it('coveredMask and FovIndex.covering match brute force', () => {
    fc.assert(
      fc.property(fc.array(cameraArb, { maxLength: 30 }), fc.array(pointArb, { minLength: 1, maxLength: 200 }), (cameras, points) => {
        const mask = coveredMask(cameras, points);
        const index = new FovIndex(cameras);
        points.forEach((p, i) => {
          const brute = cameras.flatMap((c, ci) => (fovContains(c, p) ? [ci] : []));
          expect(index.covering(p)).toEqual(brute);
          expect(mask[i]).toBe(brute.length > 0 ? 1 : 0);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('100 000 incidents against 64 cameras stay a linear pass', () => {
    // Not a timing assertion (benchmarks live in tests/bench); this guards against the quadratic
    // path by checking the work done: the index must test far fewer than incidents × cameras.
    let tests = 0;
    const cameras = Array.from({ length: 64 }, (_, i) => ({
      position: offset(ORIGIN, (Math.floor(i / 8) - 4) * 220, ((i % 8) - 4) * 220),
      heading: (i * 47) % 360,
      fov: 80,
      range: 120,
    }));
    // fovContains reads `range` once per exact test; count those reads.
    const counting = cameras.map((c) => new Proxy(c, { get: (t, k) => (k === 'range' && tests++, Reflect.get(t, k)) }));
    const incidents = Array.from({ length: 100_000 }, (_, i) => offset(ORIGIN, ((i * 7919) % 2000) - 1000, ((i * 104729) % 2000) - 1000));
    const share = coverageShare(counting, incidents);
    expect(share.total).toBe(100_000);
    expect(tests).toBeLessThan(100_000 * 64 * 0.05);
  });
});
