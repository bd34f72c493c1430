import { describe, expect, it } from 'vitest';
import { contentId, guessMapping, parseCsvImport, parseGeoJsonImport, previewGeoJson } from '../../../../common/analytics/importRecords';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const options = { timeZone: 'America/Santiago' };
const mapping = { lat: 'lat', lng: 'lng', time: 'time', category: 'category', id: 'id', fields: ['district'] };

describe('column mapping', () => {
  it('guesses English, Spanish and Portuguese headers, and a separate time-of-day column', () => {
    expect(guessMapping(['Folio', 'Fecha', 'Hora', 'Latitud', 'Longitud', 'Delito', 'Comuna'])).toEqual({
      id: 'Folio',
      time: 'Fecha',
      timeOfDay: 'Hora',
      lat: 'Latitud',
      lng: 'Longitud',
      category: 'Delito',
      fields: ['Comuna'],
    });
    expect(guessMapping(['incident_id', 'occurred_at', 'latitude', 'longitude', 'type'])).toMatchObject({ id: 'incident_id', time: 'occurred_at', lat: 'latitude', lng: 'longitude', category: 'type', fields: [] });
    expect(guessMapping(['Ocorrência', 'Data', 'Time', 'LAT', 'LON', 'Natureza'])).toMatchObject({ id: 'Ocorrência', time: 'Data', timeOfDay: 'Time', lat: 'LAT', lng: 'LON', category: 'Natureza' });
  });
});

describe('CSV validation: every problem as (row, field, problem)', () => {
  const csv = [
    'id,time,lat,lng,category,district',
    'A1,2024-03-01 10:00,-21.47,-70.06,Hurto,Centro', // row 2: fine
    'A2,2024-03-01 10:00,abc,-70.06,Hurto,Centro', // row 3: lat not a number
    'A3,2024-03-01 10:00,-95,-70.06,Hurto,Centro', // row 4: lat out of range
    'A4,,-21.47,-70.06,Hurto,Centro', // row 5: time missing
    'A5,31/02/2024 10:00,-21.47,-70.06,Hurto,Centro', // row 6: no such day
    'A1,2024-03-02 10:00,-21.47,-70.06,Hurto,Centro', // row 7: duplicate id
    'A7,2024-03-01 10:00,0,0,Hurto,Centro', // row 8: 0,0
    'A8,2024-03-01 10:00,-21.47', // row 9: too few values
    'A9,2030-01-01 10:00,-21.47,-70.06,Hurto,Centro', // row 10: future
    'A10,2024-03-01 10:00,-21.47,,Hurto,Centro', // row 11: lng missing
  ].join('\n');

  it('lists each bad field of each bad row and keeps only the good rows', () => {
    const r = parseCsvImport(csv, { mapping, options, now: NOW });
    expect(r.rows).toBe(10);
    expect(r.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [3, 'lat', 'not_a_number'],
      [4, 'lat', 'out_of_range'],
      [5, 'time', 'missing'],
      [6, 'time', 'bad_time'],
      [7, 'id', 'duplicate_id'],
      [8, 'lat', 'null_island'],
      [9, '(row)', 'field_count'],
      [10, 'time', 'future'],
      [11, 'lng', 'missing'],
    ]);
    expect(r.problems.find((p) => p.row === 7)?.problem).toBe('id "A1" is also on row 2');
    expect(r.problems.find((p) => p.row === 3)?.value).toBe('abc');
    expect(r.problems.find((p) => p.row === 9)?.problem).toBe('has 3 values, the header has 6');
    expect(r.records.map((x) => x.id)).toEqual(['A1']);
    expect(r.records[0]).toEqual({ row: 2, id: 'A1', lat: -21.47, lng: -70.06, time: Date.parse('2024-03-01T13:00:00Z'), category: 'Hurto', fields: { district: 'Centro' } });
  });

  it('names a mapped column the header does not have', () => {
    const r = parseCsvImport('id,when,lat,lng\n1,2024-01-01,-21,-70\n', { mapping: { lat: 'lat', lng: 'lng', time: 'time' }, options, now: NOW });
    expect(r.problems).toEqual([{ row: 1, field: 'time', code: 'unknown_column', problem: 'the header has no column "time"' }]);
    expect(r.records).toEqual([]);
  });

  it('reads a ; export with decimal commas, day-first dates and a separate time column', () => {
    const text = 'Folio;Fecha;Hora;Latitud;Longitud;Delito\n77;13/03/2024;22:15;-21,4701;-70,0612;Robo con violencia\n';
    const r = parseCsvImport(text, { mapping: { id: 'Folio', time: 'Fecha', timeOfDay: 'Hora', lat: 'Latitud', lng: 'Longitud', category: 'Delito' }, options, now: NOW });
    expect(r.problems).toEqual([]);
    expect(r.resolved).toEqual({ dateOrder: 'dmy', delimiter: ';', decimalComma: true });
    expect(r.records[0]).toMatchObject({ id: '77', lat: -21.4701, lng: -70.0612, time: Date.parse('2024-03-14T01:15:00Z'), category: 'Robo con violencia' });
  });

  it('derives the same ids from the same content, so a re-import updates instead of duplicating', () => {
    const text = 'time,lat,lng,category\n2024-03-01 10:00,-21.47,-70.06,Hurto\n2024-03-01 10:00,-21.47,-70.06,Hurto\n2024-03-01 11:00,-21.47,-70.06,Hurto\n';
    const m = { lat: 'lat', lng: 'lng', time: 'time', category: 'category' };
    const a = parseCsvImport(text, { mapping: m, options, now: NOW });
    const b = parseCsvImport(text, { mapping: m, options, now: NOW });
    expect(a.records.map((r) => r.id)).toEqual(b.records.map((r) => r.id));
    // Two identical rows stay two incidents.
    expect(new Set(a.records.map((r) => r.id)).size).toBe(3);
    expect(a.records[1]!.id).toBe(`${a.records[0]!.id}#2`);
    expect(contentId([1, 2])).not.toBe(contentId([2, 1]));
  });
});

describe('GeoJSON import', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'g1', geometry: { type: 'Point', coordinates: [-70.06, -21.47] }, properties: { when: '2024-03-01T10:00:00Z', kind: 'Hurto', beat: '3' } },
      { type: 'Feature', id: 'g2', geometry: { type: 'LineString', coordinates: [[-70.06, -21.47], [-70.05, -21.46]] }, properties: { when: '2024-03-01T10:00:00Z' } },
      { type: 'Feature', id: 'g3', geometry: { type: 'Point', coordinates: [-70.06, -121.47] }, properties: { when: '2024-03-01T10:00:00Z' } },
      { type: 'Feature', id: 'g4', geometry: { type: 'Point', coordinates: [-70.06, -21.47] }, properties: { when: 'soon' } },
    ],
  };
  const gm = { lat: '', lng: '', time: 'when', category: 'kind', id: '@id', fields: ['beat'] };

  it('takes points from the geometry and the rest from properties, with per-feature problems', () => {
    const r = parseGeoJsonImport(JSON.stringify(fc), { mapping: gm, options, now: NOW });
    expect(r.rows).toBe(4);
    expect(r.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [2, '(geometry)', 'not_a_point'],
      [3, '(geometry) lat', 'out_of_range'],
      [4, 'when', 'bad_time'],
    ]);
    expect(r.records).toEqual([{ row: 1, id: 'g1', lat: -21.47, lng: -70.06, time: Date.parse('2024-03-01T10:00:00Z'), category: 'Hurto', fields: { beat: '3' } }]);
  });

  it('lists property names for the mapping dialog and refuses what is not GeoJSON', () => {
    expect(previewGeoJson(JSON.stringify(fc))).toMatchObject({ header: ['@id', 'when', 'kind', 'beat'], total: 4 });
    expect(parseGeoJsonImport('{"type":"Topology"}', { mapping: gm, options, now: NOW }).problems[0]).toMatchObject({ code: 'structure', problem: 'not a GeoJSON FeatureCollection' });
    expect(parseGeoJsonImport('{', { mapping: gm, options, now: NOW }).problems[0]?.problem).toMatch(/not valid JSON/);
  });
});
