import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyticsCameras, CoverageModel, type AnalyticsCamera } from '../../../../common/analytics/coverageModel';
import type { AnalyticsIncident } from '../../../../common/analytics/incident';
import { IncidentTable } from '../../../../common/analytics/incidentTable';
import { syntheticIncidents } from '../../../../common/analytics/synthetic';
import { coverageShare, incidentsPerCamera } from '../../../../common/geo/coverage';
import { destinationPoint } from '../../../../common/geo/geodesy';
import { SiteSchema, type Camera } from '../../../../common/site/siteSchema';
import { ORIGIN, offset, polar } from '../geo/localOffset';

const cam = (id: string, number: number, position: { lat: number; lng: number }, heading: number, fov: number, range: number): AnalyticsCamera => ({ id, number, name: `Camera ${number}`, position, heading, fov, range });
const incident = (id: string, p: { lat: number; lng: number }, category?: string): AnalyticsIncident => ({ id, source: 'import', lat: p.lat, lng: p.lng, time: Date.UTC(2024, 0, 1), category });

describe('coverage figures on hand-computed cases', () => {
  // A looks east: its wedge spans bearings 60°–120°, out to 100 m.
  const A = cam('a', 1, ORIGIN, 90, 60, 100);
  // B stands 60 m east of A looking back west (225°–315°), out to 50 m.
  const B = cam('b', 2, offset(ORIGIN, 0, 60), 270, 90, 50);
  const incidents = [
    incident('edge', destinationPoint(ORIGIN, 50, 120), 'Hurto'), // on A's right edge: inside
    incident('range', destinationPoint(ORIGIN, 100, 90), 'Hurto'), // exactly at A's range: inside
    incident('beyond', polar(ORIGIN, 101, 90), 'Robo'), // 1 m past the range: outside
    incident('behind', polar(ORIGIN, 10, 270), 'Robo'), // behind A, far from B: outside
    incident('wide', polar(ORIGIN, 50, 130)), // 10° outside A's edge: outside, no category
    incident('both', polar(ORIGIN, 30, 90), 'Hurto'), // in A's view and, 30 m west of B, in B's
  ];
  const table = IncidentTable.fromIncidents(incidents, 'UTC');
  const model = new CoverageModel(table, [A, B]);
  const all = Uint32Array.from(incidents.keys());

  it('marks exactly the incidents inside a wedge (edges included)', () => {
    expect([...model.covered]).toEqual([1, 1, 0, 0, 0, 1]);
  });

  it('share overall and per category; an incident two cameras see counts once overall, once per camera', () => {
    const f = model.figures(all);
    expect(f).toMatchObject({ total: 6, covered: 3, share: 0.5, camerasWithNone: 0 });
    expect(f.byCategory).toEqual([
      { category: 'Hurto', total: 3, covered: 3, share: 1 },
      { category: 'Robo', total: 2, covered: 0, share: 0 },
      { category: '(uncategorised)', total: 1, covered: 0, share: 0 },
    ]);
    expect(f.perCamera.map((c) => [c.number, c.incidents])).toEqual([
      [1, 3],
      [2, 1],
    ]);
  });

  it('sums only the incidents of a filter', () => {
    const f = model.figures(Uint32Array.from([2, 3, 5]));
    expect(f).toMatchObject({ total: 3, covered: 1, share: 1 / 3 });
    expect(model.figures(new Uint32Array(0))).toMatchObject({ total: 0, covered: 0, share: 0, camerasWithNone: 2 });
  });

  it('leaves floor-plan cameras out (their positions are plan units, not places)', () => {
    const street = { id: 's', number: 1, name: 'S', streams: [], engine: 'mpegts', position: ORIGIN, heading: 0, fov: 90, range: 50, tags: [] } as unknown as Camera;
    const indoor = { ...street, id: 'f', number: 2, floor: 'lobby' } as Camera;
    expect(analyticsCameras([street, indoor]).map((c) => c.id)).toEqual(['s']);
  });
});

describe('agrees with common/geo on the demo site', () => {
  it('same covered count, per-category counts and per-camera counts as coverageShare / incidentsPerCamera', () => {
    const site = SiteSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../../../resources/demo/site.json'), 'utf8')));
    const cameras = analyticsCameras(site.cameras);
    const incidents = syntheticIncidents({ count: 5000, seed: 7, cameras, from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 6, 1) });
    const model = new CoverageModel(IncidentTable.fromIncidents(incidents, 'UTC'), cameras);
    const f = model.figures(Uint32Array.from(incidents.keys()));
    const ref = coverageShare(cameras, incidents);
    expect(f.covered).toBe(ref.covered);
    expect(f.covered).toBeGreaterThan(0);
    for (const c of f.byCategory) expect(c.covered).toBe(ref.byCategory[c.category]!.covered);
    const perCamera = incidentsPerCamera(cameras, incidents);
    for (const c of f.perCamera) expect(c.incidents).toBe(perCamera[cameras.findIndex((x) => x.id === c.cameraId)]);
  });
});
