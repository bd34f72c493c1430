import { describe, expect, it } from 'vitest';
import type { AnalyticsCamera } from '../../../../common/analytics/coverageModel';
import { AnalyticsEngine, DEFAULT_SETTINGS } from '../../../../common/analytics/engine';
import type { AnalyticsIncident } from '../../../../common/analytics/incident';
import { IncidentTable } from '../../../../common/analytics/incidentTable';
import { cameraTemplate } from '../../../../common/analytics/hotspots';
import { distanceMetres } from '../../../../common/geo/geodesy';
import { ORIGIN, offset, polar } from '../geo/localOffset';

// One camera at the origin looking north, 60° wide, 50 m deep.
const camera: AnalyticsCamera = { id: 'c1', number: 1, name: 'North', position: ORIGIN, heading: 0, fov: 60, range: 50 };
const A = offset(ORIGIN, 0, 500); // 500 m east
const B = offset(ORIGIN, 500, 0); // 500 m north
const C = offset(ORIGIN, 25, 0); // 25 m north: inside the camera's view

let n = 0;
const cluster = (centre: { lat: number; lng: number }, count: number, category: string): AnalyticsIncident[] =>
  Array.from({ length: count }, (_, i) => {
    const p = polar(centre, 2 + (i % 4) * 2, (i * 137) % 360);
    return { id: `i${n++}`, source: 'import', lat: p.lat, lng: p.lng, time: Date.UTC(2024, 0, 1 + i), category };
  });

describe('uncovered hotspots and suggested cameras on a small known case', () => {
  const incidents = [...cluster(A, 30, 'Hurto'), ...cluster(B, 12, 'Robo'), ...cluster(C, 40, 'Hurto')];
  const engine = new AnalyticsEngine(IncidentTable.fromIncidents(incidents, 'UTC'), [camera]);
  const all = engine.filter({});

  it('ranks the two clusters no camera sees by their count, and ignores the covered one', () => {
    const hotspots = engine.hotspots(all, DEFAULT_SETTINGS);
    expect(hotspots.map((h) => [h.rank, h.incidents])).toEqual([
      [1, 30],
      [2, 12],
    ]);
    // Peaks land on the clusters, within a grid cell (bandwidth / 6 ≈ 17 m).
    expect(distanceMetres(hotspots[0]!.centre, A)).toBeLessThan(20);
    expect(distanceMetres(hotspots[1]!.centre, B)).toBeLessThan(20);
    expect(hotspots[0]!.topCategories).toEqual([{ category: 'Hurto', count: 30 }]);
  });

  it('greedy placement covers the larger cluster first, then the other, with a camera like the existing one', () => {
    const hotspots = engine.hotspots(all, DEFAULT_SETTINGS);
    const s = engine.suggestions(all, hotspots, { ...DEFAULT_SETTINGS, suggestions: 3 });
    expect(s.template).toEqual({ fov: 60, range: 50 });
    expect(s.candidateSource).toBe('grid');
    expect(s.uncovered).toBe(42);
    // A third camera would cover nothing new, so the search stops at two.
    expect(s.cameras.map((c) => [c.hotspotRank, c.newlyCovered, c.totalCovered])).toEqual([
      [1, 30, 30],
      [2, 12, 42],
    ]);
    expect(distanceMetres(s.cameras[0]!.position, A)).toBeLessThanOrEqual(50);
  });

  it('takes candidates along street lines when the site has them', () => {
    // One street passing 30 m west of cluster A, north–south.
    const street = [offset(A, -200, -30), offset(A, 200, -30)].map((p) => [p.lng, p.lat]);
    const withStreets = new AnalyticsEngine(IncidentTable.fromIncidents(incidents, 'UTC'), [camera], { streets: [street] });
    const hotspots = withStreets.hotspots(all, DEFAULT_SETTINGS);
    const s = withStreets.suggestions(all, hotspots, { ...DEFAULT_SETTINGS, suggestions: 1 });
    expect(s.candidateSource).toBe('mixed'); // A has the street nearby, B does not
    expect(s.cameras[0]!.newlyCovered).toBe(30);
    // On the street: 30 m west of A (give or take the clusters' few metres).
    expect(Math.abs(distanceMetres(s.cameras[0]!.position, A) - 30)).toBeLessThan(25);
  });

  it('a new camera is the median of the existing ones', () => {
    expect(cameraTemplate([])).toEqual({ fov: 90, range: 100 });
    expect(cameraTemplate([{ fov: 60, range: 80 }, { fov: 90, range: 100 }, { fov: 120, range: 150 }])).toEqual({ fov: 90, range: 100 });
  });
});
