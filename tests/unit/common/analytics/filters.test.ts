import { describe, expect, it } from 'vitest';
import type { AnalyticsIncident } from '../../../../common/analytics/incident';
import { applyFilter, histograms, IncidentTable, timeEdges, timeUnitFor } from '../../../../common/analytics/incidentTable';

// Times in Santiago (UTC−3 in January): 2024-01-01 was a Monday.
const local = (day: number, hour: number) => Date.UTC(2024, 0, day, hour + 3);
const inc = (id: string, time: number, category: string | undefined, source: 'import' | 'bookmark' = 'import'): AnalyticsIncident => ({ id, source, lat: -21.47, lng: -70.06, time, category });
const incidents = [
  inc('mon-9', local(1, 9), 'Hurto'),
  inc('mon-23', local(1, 23), 'Robo'),
  inc('tue-2', local(2, 2), 'Hurto'),
  inc('sat-22', local(6, 22), 'Hurto'),
  inc('sun-14', local(7, 14), undefined),
  inc('next-mon-21', local(8, 21), 'Robo', 'bookmark'),
];
const table = IncidentTable.fromIncidents(incidents, 'America/Santiago');
const ids = (filter: Parameters<typeof applyFilter>[1]) => [...applyFilter(table, filter)].map((i) => incidents[i]!.id);

describe('filters', () => {
  it('by local day of week and hour of day', () => {
    expect(ids({ days: [5, 6] })).toEqual(['sat-22', 'sun-14']);
    expect(ids({ hours: [21, 22, 23, 0, 1, 2] })).toEqual(['mon-23', 'tue-2', 'sat-22', 'next-mon-21']);
  });

  it('by date range (end exclusive), category (empty = none) and source', () => {
    expect(ids({ from: local(2, 0), to: local(7, 0) })).toEqual(['tue-2', 'sat-22']);
    expect(ids({ categories: ['Robo', ''] })).toEqual(['mon-23', 'sun-14', 'next-mon-21']);
    expect(ids({ sources: ['bookmark'] })).toEqual(['next-mon-21']);
    expect(ids({ categories: [], days: [] })).toHaveLength(6);
  });

  it('histograms leave out their own filter, so the brush sees the whole timeline', () => {
    const edges = timeEdges(table, 'day');
    expect(edges[0]).toBe(Date.UTC(2024, 0, 1, 3));
    const h = histograms(table, { from: local(6, 0), hours: [22, 23] }, edges);
    // Time bins: hours filter applies, date range does not (only marks `selected`).
    expect(h.time.counts).toEqual([1, 0, 0, 0, 0, 1, 0, 0]);
    expect(h.time.selected).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    // Hours: the date range applies, the hours filter does not.
    expect(h.hours[22]).toBe(1);
    expect(h.hours[14]).toBe(1);
    expect(h.hours[21]).toBe(1);
    expect(h.days).toEqual([0, 0, 0, 0, 0, 1, 0]);
  });

  it('picks day, week or month bins by the span', () => {
    expect(timeUnitFor(30 * 86_400_000)).toBe('day');
    expect(timeUnitFor(365 * 86_400_000)).toBe('week');
    expect(timeUnitFor(5 * 365 * 86_400_000)).toBe('month');
    const weeks = timeEdges(table, 'week');
    expect(weeks.length).toBe(3); // two Mondays and the end
  });
});
