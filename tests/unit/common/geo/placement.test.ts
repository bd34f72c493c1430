import { describe, expect, it } from 'vitest';
import { type IncidentPoint, defaultHeadings, fovContains, suggestPlacements } from '../../../../common/geo';
import { ORIGIN, offset, polar } from './localOffset';

// Three candidate poles in a row 400 m apart (far enough that their views never overlap).
const poles = [ORIGIN, offset(ORIGIN, 0, 400), offset(ORIGIN, 0, 800)];
const cluster = (centre: { lat: number; lng: number }, bearing: number, count: number, category = 'robo'): IncidentPoint[] =>
  Array.from({ length: count }, (_, i) => ({ ...polar(centre, 40 + i, bearing + (i % 5) - 2), category }));

describe('suggestPlacements (greedy maximum coverage)', () => {
  const template = { fov: 60, range: 100, headings: [0, 90, 180, 270] };
  // 10 incidents north of pole 0, 6 east of pole 1, 3 south of pole 2, 2 west of pole 0.
  const incidents = [
    ...cluster(poles[0]!, 0, 10),
    ...cluster(poles[1]!, 90, 6),
    ...cluster(poles[2]!, 180, 3),
    ...cluster(poles[0]!, 270, 2),
  ];

  it('picks the biggest cluster first, then the next, pointing at them', () => {
    const result = suggestPlacements(poles, incidents, 2, template);
    expect(result.map((p) => [p.candidateIndex, p.heading, p.newlyCovered, p.totalCovered])).toEqual([
      [0, 0, 10, 10],
      [1, 90, 6, 16],
    ]);
    expect(result[0]).toMatchObject({ fov: 60, range: 100, position: poles[0] });
  });

  it('uses each pole once: the west cluster at pole 0 loses to pole 2', () => {
    const result = suggestPlacements(poles, incidents, 3, template);
    expect(result.map((p) => p.candidateIndex)).toEqual([0, 1, 2]);
    expect(result[2]).toMatchObject({ heading: 180, newlyCovered: 3, totalCovered: 19 });
  });

  it('stops when nothing more can be covered', () => {
    expect(suggestPlacements(poles, incidents, 10, template)).toHaveLength(3);
    expect(suggestPlacements(poles, [offset(ORIGIN, 5000, 0)], 2, template)).toEqual([]);
    expect(suggestPlacements(poles, incidents, 0, template)).toEqual([]);
    expect(suggestPlacements([], incidents, 2, template)).toEqual([]);
  });

  it('counts marginal gain, not raw coverage', () => {
    // Pole A sees 10 incidents, pole B sees 8 of those plus 1 more, pole C sees 5 others.
    // Best pair: A + C = 15; greedy must not take B second (gain 1) just because it sees 9.
    const a = ORIGIN;
    const b = offset(ORIGIN, 0, 55); // sees the shared points from 56 m north on: 8 of them
    const c = offset(ORIGIN, 0, 600);
    const shared = Array.from({ length: 10 }, (_, i) => offset(ORIGIN, 50 + i * 3, 0));
    const onlyB = [offset(ORIGIN, 60, 80)]; // 53° off A's axis, 23° off B's
    const onlyC = Array.from({ length: 5 }, (_, i) => offset(c, 50 + i * 5, 0));
    const tpl = { fov: 90, range: 100, headings: [0] };
    // Check the construction before trusting the greedy result.
    const sees = (pos: typeof a, pts: typeof shared) => pts.filter((p) => fovContains({ position: pos, heading: 0, fov: 90, range: 100 }, p)).length;
    expect([sees(a, shared), sees(a, onlyB), sees(b, shared), sees(b, onlyB)]).toEqual([10, 0, 8, 1]);
    const result = suggestPlacements([a, b, c], [...shared, ...onlyB, ...onlyC], 2, tpl);
    expect(result.map((p) => [p.candidateIndex, p.newlyCovered])).toEqual([
      [0, 10],
      [2, 5],
    ]);
  });

  it('ignores incidents existing cameras already see', () => {
    const existing = [{ position: poles[0]!, heading: 0, fov: 60, range: 100 }];
    const result = suggestPlacements(poles, incidents, 2, template, { existing });
    expect(result.map((p) => [p.candidateIndex, p.heading, p.newlyCovered])).toEqual([
      [1, 90, 6],
      [2, 180, 3],
    ]);
  });

  it('honours a candidate’s own heading', () => {
    const fixed = [{ ...poles[0]!, heading: 270 }];
    expect(suggestPlacements(fixed, incidents, 1, template)[0]).toMatchObject({ heading: 270, newlyCovered: 2 });
  });

  it('tries enough default headings that their views leave no gap', () => {
    expect(defaultHeadings(360)).toEqual([0]);
    expect(defaultHeadings(90)).toHaveLength(8);
    for (const fov of [5, 30, 60, 89, 120]) {
      const headings = defaultHeadings(fov);
      expect(360 / headings.length).toBeLessThanOrEqual(fov);
    }
  });
});
