import { describe, expect, it } from 'vitest';
import type { AnalyticsCamera } from '../../../../common/analytics/coverageModel';
import { AnalyticsEngine } from '../../../../common/analytics/engine';
import type { AnalyticsIncident } from '../../../../common/analytics/incident';
import { IncidentTable } from '../../../../common/analytics/incidentTable';
import { ORIGIN, offset, polar } from '../geo/localOffset';

const DAY = 86_400_000;
const INSTALL = Date.UTC(2024, 2, 4); // Monday 2024-03-04, local midnight in UTC
const camera: AnalyticsCamera = { id: 'c1', number: 7, name: 'Plaza', position: ORIGIN, heading: 0, fov: 90, range: 100, installedAt: '2024-03-04' };

let n = 0;
const at = (p: { lat: number; lng: number }, time: number, category = 'Hurto'): AnalyticsIncident => ({ id: `i${n++}`, source: 'import', lat: p.lat, lng: p.lng, time, category });
const times = (count: number, sign: -1 | 1) => Array.from({ length: count }, (_, k) => INSTALL + sign * ((k % 14) + 0.5) * DAY);

describe('before/after with a comparison area (hand-counted)', () => {
  const target = polar(ORIGIN, 50, 0); // in the view
  const buffer = polar(ORIGIN, 150, 180); // behind the camera, within 2 × range
  const far = offset(ORIGIN, 1000, 1000); // comparison area
  const incidents = [
    ...times(10, -1).map((t) => at(target, t)),
    ...times(5, 1).map((t) => at(target, t)),
    ...times(3, -1).map((t) => at(buffer, t)),
    ...times(6, 1).map((t) => at(buffer, t)),
    ...times(100, -1).map((t) => at(far, t)),
    ...times(100, 1).map((t) => at(far, t)),
    at(target, INSTALL - 20 * DAY), // before the 2-week window: not counted
    at(target, INSTALL + 3 * DAY, 'Robo'), // another category
  ];
  const engine = new AnalyticsEngine(IncidentTable.fromIncidents(incidents, 'UTC'), [camera]);

  it('counts each area in each window', () => {
    const [r] = engine.beforeAfter({ categories: ['Hurto'] }, 2);
    expect(r).toMatchObject({
      cameraId: 'c1',
      installation: INSTALL,
      beforeFrom: INSTALL - 14 * DAY,
      afterTo: INSTALL + 14 * DAY,
      bufferMetres: 200,
      target: { before: 10, after: 5, change: -0.5 },
      buffer: { before: 3, after: 6, change: 1 },
      comparison: { before: 100, after: 100, change: 0 },
    });
  });

  it('gives the relative effect (odds ratio) with its Poisson 95 % interval, and the warnings that apply', () => {
    const [r] = engine.beforeAfter({ categories: ['Hurto'] }, 2);
    // (10 × 100) / (5 × 100) = 2; se = √(1/10 + 1/5 + 1/100 + 1/100) = √0.32.
    const se = Math.sqrt(0.32);
    expect(r!.relativeEffect!.value).toBeCloseTo(2, 12);
    expect(r!.relativeEffect!.low).toBeCloseTo(2 * Math.exp(-1.96 * se), 12);
    expect(r!.relativeEffect!.high).toBeCloseTo(2 * Math.exp(1.96 * se), 12);
    // 15 incidents in the view is too few; the interval (0.66–6.06) includes 1.
    expect(r!.warnings.map((w) => w.code)).toEqual(['small_counts']);
  });

  it('ignores the date filter (the windows replace it) and flags missing data and other installations', () => {
    const other: AnalyticsCamera = { id: 'c2', number: 9, name: 'Far', position: offset(ORIGIN, 3000, 0), heading: 0, fov: 90, range: 50, installedAt: '2024-03-10' };
    const e = new AnalyticsEngine(IncidentTable.fromIncidents(incidents, 'UTC'), [camera, other]);
    const [r] = e.beforeAfter({ from: INSTALL + 100 * DAY }, 8, 'c1');
    // Eight weeks now reach the incident 20 days before; the date filter changed nothing.
    expect(r!.target.before).toBe(11);
    expect(r!.warnings.map((w) => w.code)).toEqual(['window_incomplete', 'small_counts', 'other_installations']);
    expect(r!.warnings[2]!.detail).toBe('9');
  });

  it('no relative effect when a count is zero', () => {
    const e = new AnalyticsEngine(IncidentTable.fromIncidents(incidents.filter((i) => i.lat !== far.lat), 'UTC'), [camera]);
    const [r] = e.beforeAfter({}, 2);
    expect(r!.relativeEffect).toBeNull();
    expect(r!.warnings.map((w) => w.code)).toContain('no_comparison');
  });
});
