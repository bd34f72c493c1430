import type { Feature, FeatureCollection } from 'geojson';
import { UNCATEGORISED } from '../geo/coverage';
import { fovPolygon } from '../geo/fieldOfView';
import type { BeforeAfterResult } from './beforeAfter';
import type { AnalyticsCamera, CoverageFigures } from './coverageModel';
import { csvDocument } from './csv';
import type { Hotspot, Suggestions } from './hotspots';
import type { AnalyticsIncident } from './incident';
import { LocalCalendar } from './time';

/**
 * What an analyst takes to a GIS or a spreadsheet: the filtered incidents (with whether a camera
 * sees each and which), the uncovered hotspots with the suggested cameras, and the cameras with
 * their views and counts. GeoJSON is RFC 7946 (WGS 84, [lng, lat]); CSV is RFC 4180 in UTF-8 with
 * a byte-order mark so spreadsheet programs read the accents right.
 */

export const EXPORT_KINDS = ['incidents', 'hotspots', 'cameras'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const BOM = '\uFEFF';

/** `YYYY-MM-DD HH:MM:SS` local, through the calendar's offset cache (one Intl call per day, not per row). */
function localStamp(calendar: LocalCalendar, epochMs: number): string {
  return new Date(epochMs + calendar.offset(epochMs)).toISOString().slice(0, 19).replace('T', ' ');
}

export interface IncidentExportRow {
  incident: AnalyticsIncident;
  /** Numbers of the cameras that see it (empty: none). */
  cameras: number[];
}

export function incidentsCsv(rows: readonly IncidentExportRow[], timeZone: string): string {
  const fieldNames = [...new Set(rows.flatMap((r) => Object.keys(r.incident.fields ?? {})))].sort();
  const header = ['id', 'source', 'time_utc', `time_local (${timeZone})`, 'category', 'lat', 'lng', 'covered', 'cameras', ...fieldNames];
  const calendar = new LocalCalendar(timeZone);
  return (
    BOM +
    csvDocument(
      header,
      rows.map(({ incident: i, cameras }) => [
        i.id,
        i.source,
        new Date(i.time).toISOString(),
        localStamp(calendar, i.time),
        i.category ?? '',
        i.lat,
        i.lng,
        cameras.length ? 'yes' : 'no',
        cameras.join(' '),
        ...fieldNames.map((f) => i.fields?.[f] ?? ''),
      ]),
    )
  );
}

export function incidentsGeoJson(rows: readonly IncidentExportRow[], timeZone: string): FeatureCollection {
  const calendar = new LocalCalendar(timeZone);
  return {
    type: 'FeatureCollection',
    features: rows.map(({ incident: i, cameras }) => ({
      type: 'Feature',
      id: i.id,
      geometry: { type: 'Point', coordinates: [i.lng, i.lat] },
      properties: {
        id: i.id,
        source: i.source,
        time: new Date(i.time).toISOString(),
        timeLocal: localStamp(calendar, i.time),
        category: i.category ?? null,
        covered: cameras.length > 0,
        cameras,
        ...(i.fields ? { fields: i.fields } : {}),
      },
    })),
  };
}

export function hotspotsCsv(hotspots: readonly Hotspot[], suggestions: Suggestions): string {
  const rows: Array<Array<string | number>> = hotspots.map((h) => [
    'hotspot',
    h.rank,
    h.centre.lat,
    h.centre.lng,
    h.radiusMetres,
    h.incidents,
    Math.round(h.peakDensity),
    h.topCategories.map((c) => `${c.category === UNCATEGORISED ? '-' : c.category} (${c.count})`).join('; '),
    '',
    '',
    '',
    '',
    '',
  ]);
  suggestions.cameras.forEach((s, k) =>
    rows.push(['suggested_camera', k + 1, s.position.lat, s.position.lng, '', '', '', '', s.hotspotRank, Math.round(s.heading), s.fov, s.range, s.newlyCovered]),
  );
  return BOM + csvDocument(['kind', 'rank', 'lat', 'lng', 'radius_m', 'uncovered_incidents', 'peak_density_per_km2', 'top_categories', 'near_hotspot', 'heading', 'fov', 'range_m', 'newly_covered'], rows);
}

export function hotspotsGeoJson(hotspots: readonly Hotspot[], suggestions: Suggestions): FeatureCollection {
  const features: Feature[] = hotspots.map((h) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [h.centre.lng, h.centre.lat] },
    properties: { kind: 'hotspot', rank: h.rank, radiusMetres: h.radiusMetres, uncoveredIncidents: h.incidents, peakDensityPerKm2: h.peakDensity, topCategories: h.topCategories },
  }));
  suggestions.cameras.forEach((s, k) =>
    features.push({
      type: 'Feature',
      geometry: fovPolygon(s),
      properties: {
        kind: 'suggested_camera',
        rank: k + 1,
        position: [s.position.lng, s.position.lat],
        heading: s.heading,
        fov: s.fov,
        range: s.range,
        newlyCovered: s.newlyCovered,
        totalCovered: s.totalCovered,
        nearHotspot: s.hotspotRank,
      },
    }),
  );
  return { type: 'FeatureCollection', features };
}

export function camerasCsv(cameras: readonly AnalyticsCamera[], coverage: CoverageFigures, beforeAfter: readonly BeforeAfterResult[]): string {
  const counts = new Map(coverage.perCamera.map((c) => [c.cameraId, c.incidents]));
  const ba = new Map(beforeAfter.map((b) => [b.cameraId, b]));
  return (
    BOM +
    csvDocument(
      ['number', 'id', 'name', 'lat', 'lng', 'heading', 'fov', 'range_m', 'installed_at', 'incidents_in_view', 'weeks', 'in_view_before', 'in_view_after', 'comparison_before', 'comparison_after'],
      cameras.map((c) => {
        const b = ba.get(c.id);
        return [c.number, c.id, c.name, c.position.lat, c.position.lng, c.heading, c.fov, c.range, c.installedAt ?? '', counts.get(c.id) ?? 0, b?.weeks ?? '', b?.target.before ?? '', b?.target.after ?? '', b?.comparison.before ?? '', b?.comparison.after ?? ''];
      }),
    )
  );
}

export function camerasGeoJson(cameras: readonly AnalyticsCamera[], coverage: CoverageFigures): FeatureCollection {
  const counts = new Map(coverage.perCamera.map((c) => [c.cameraId, c.incidents]));
  return {
    type: 'FeatureCollection',
    features: cameras.map((c) => ({
      type: 'Feature',
      id: c.id,
      geometry: fovPolygon(c),
      properties: { id: c.id, number: c.number, name: c.name, position: [c.position.lng, c.position.lat], heading: c.heading, fov: c.fov, range: c.range, installedAt: c.installedAt ?? null, incidentsInView: counts.get(c.id) ?? 0 },
    })),
  };
}
