import { describe, expect, it } from 'vitest';
import { cellOf, densityRgba, gridFor, kernelDensity, quarticStencil } from '../../../../common/analytics/density';
import { hexbin, hexCentre, hexCorners, hexLayout, hexOf } from '../../../../common/analytics/hexbin';
import type { AnalyticsIncident } from '../../../../common/analytics/incident';
import { IncidentTable } from '../../../../common/analytics/incidentTable';
import { distanceMetres } from '../../../../common/geo/geodesy';
import { ORIGIN, offset } from '../geo/localOffset';

const at = (p: { lat: number; lng: number }, id = String(Math.random())): AnalyticsIncident => ({ id, source: 'import', lat: p.lat, lng: p.lng, time: 0 });
const box = (centre: { lat: number; lng: number }, metres: number) => {
  const sw = offset(centre, -metres, -metres);
  const ne = offset(centre, metres, metres);
  return [sw.lng, sw.lat, ne.lng, ne.lat] as [number, number, number, number];
};

describe('kernel density (quartic)', () => {
  it('the stencil sums to one and is zero beyond the bandwidth', () => {
    const { radius, weights } = quarticStencil(10, 100);
    expect(radius).toBe(10);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(weights[0]).toBe(0); // the stencil's corner is 141 m away
  });

  it('one incident: peak on its cell, symmetric, integrating to one incident', () => {
    const table = IncidentTable.fromIncidents([at(ORIGIN)], 'UTC');
    const spec = gridFor(box(ORIGIN, 500), 100);
    const grid = kernelDensity(table, null, spec, 100);
    const centre = cellOf(spec, ORIGIN.lat, ORIGIN.lng);
    expect(grid.values[centre]).toBe(grid.max);
    const cellKm2 = (spec.cellMetres / 1000) ** 2;
    expect(grid.values.reduce((a, b) => a + b, 0) * cellKm2).toBeCloseTo(1, 4);
    // Peak of a quartic kernel: 3 / (π h²) per m² → 95.5 per km² for h = 100 m (the grid's discrete peak is close).
    expect(grid.max).toBeGreaterThan(85);
    expect(grid.max).toBeLessThan(105);
    const row = Math.floor(centre / spec.cols);
    const col = centre % spec.cols;
    expect(grid.values[row * spec.cols + col + 3]).toBeCloseTo(grid.values[row * spec.cols + col - 3]!, 3);
    expect(grid.values[(row + 3) * spec.cols + col]).toBeCloseTo(grid.values[(row - 3) * spec.cols + col]!, 3);
    // Nothing 150 m away.
    const far = offset(ORIGIN, 0, 150);
    expect(grid.values[cellOf(spec, far.lat, far.lng)]).toBe(0);
    expect(grid.inside).toBe(1);
  });

  it('counts what falls outside the grid, and colours only where there is density', () => {
    const table = IncidentTable.fromIncidents([at(ORIGIN), at(offset(ORIGIN, 5000, 0))], 'UTC');
    const spec = gridFor(box(ORIGIN, 300), 100);
    const grid = kernelDensity(table, null, spec, 100);
    expect([grid.inside, grid.outside]).toEqual([1, 1]);
    const rgba = densityRgba(grid);
    const centre = cellOf(spec, ORIGIN.lat, ORIGIN.lng);
    expect(rgba[centre * 4 + 3]).toBeGreaterThan(200);
    expect(rgba[3]).toBe(0); // the corner cell: transparent
  });
});

describe('hexagonal bins', () => {
  const layout = hexLayout(ORIGIN, 50);

  it('a hexagon’s centre falls in that hexagon; neighbours are √3 × size apart; corners at size', () => {
    for (const [q, r] of [[0, 0], [3, -2], [-5, 7]] as const) {
      const c = hexCentre(layout, q, r);
      expect(hexOf(layout, c.lat, c.lng)).toEqual([q, r]);
      for (const corner of hexCorners(layout, q, r)) expect(distanceMetres(c, corner)).toBeCloseTo(50, 0);
    }
    expect(distanceMetres(hexCentre(layout, 0, 0), hexCentre(layout, 1, 0))).toBeCloseTo(50 * Math.sqrt(3), 0);
  });

  it('counts incidents per hexagon, with the covered ones', () => {
    const inc = [at(ORIGIN), at(offset(ORIGIN, 5, 5)), at(offset(ORIGIN, 400, 0))];
    const table = IncidentTable.fromIncidents(inc, 'UTC');
    const cells = hexbin(table, Uint32Array.from([0, 1, 2]), layout, Uint8Array.from([1, 0, 0]));
    expect(cells.map((c) => [c.count, c.covered])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(3);
  });
});
