import { describe, expect, it } from 'vitest';
import { LocalCalendar, detectDateOrder, formatLocal, parseTimestamp, zoneOffsetMs } from '../../../../common/analytics/time';

const SCL = 'America/Santiago';
const opts: { timeZone: string; dateOrder: 'dmy' | 'mdy' | 'ymd' } = { timeZone: SCL, dateOrder: 'dmy' };
const ok = (text: string, o = opts) => {
  const r = parseTimestamp(text, o);
  if (!r.ok) throw new Error(r.problem);
  return new Date(r.time).toISOString();
};

describe('parseTimestamp', () => {
  it('reads ISO 8601 with and without an offset (local to the city without one)', () => {
    expect(ok('2024-07-05T14:30:00Z')).toBe('2024-07-05T14:30:00.000Z');
    expect(ok('2024-07-05T14:30:00-03:00')).toBe('2024-07-05T17:30:00.000Z');
    expect(ok('2024-07-05T14:30+0530')).toBe('2024-07-05T09:00:00.000Z');
    // Santiago in July is UTC−4, in January UTC−3 (southern summer time).
    expect(ok('2024-07-05 14:30')).toBe('2024-07-05T18:30:00.000Z');
    expect(ok('2024-01-05 14:30:15.250')).toBe('2024-01-05T17:30:15.250Z');
    expect(ok('2024-07-05')).toBe('2024-07-05T04:00:00.000Z');
  });

  it('reads day-first and month-first dates, 12-hour clocks and epoch numbers', () => {
    expect(ok('05/07/2024 14:30')).toBe('2024-07-05T18:30:00.000Z');
    expect(ok('05.07.2024 2:30 PM')).toBe('2024-07-05T18:30:00.000Z');
    expect(ok('07/05/2024 12:05 a.m.', { timeZone: SCL, dateOrder: 'mdy' })).toBe('2024-07-05T04:05:00.000Z');
    expect(ok('2024/07/05 14:30')).toBe('2024-07-05T18:30:00.000Z');
    expect(ok('1720189800')).toBe('2024-07-05T14:30:00.000Z');
    expect(ok('1720189800000')).toBe('2024-07-05T14:30:00.000Z');
  });

  it('explains what it refuses', () => {
    const problem = (text: string) => {
      const r = parseTimestamp(text, opts);
      return r.ok ? 'accepted' : r.problem;
    };
    expect(problem('')).toBe('missing');
    expect(problem('31/02/2024')).toMatch(/day 31 does not exist/);
    expect(problem('2024-13-01')).toMatch(/month 13/);
    expect(problem('05/07/24')).toMatch(/two-digit year/);
    expect(problem('2024-07-05 25:00')).toMatch(/hour 25/);
    expect(problem('ayer')).toMatch(/not a date and time/);
  });

  it('guesses the date order from the values, day-first by default', () => {
    expect(detectDateOrder(['01/02/2024', '13/02/2024'])).toBe('dmy');
    expect(detectDateOrder(['01/02/2024', '02/13/2024'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2024'])).toBe('dmy');
    expect(detectDateOrder(['2024-02-13'])).toBe('dmy');
  });
});

describe('LocalCalendar', () => {
  it('gives local day of week (Monday = 0) and hour, across a DST change', () => {
    const cal = new LocalCalendar(SCL);
    // Saturday 2024-09-07 22:00 local (UTC−4) = Sunday 02:00 UTC.
    const t = Date.parse('2024-09-08T02:00:00Z');
    expect(cal.dayOfWeek(t)).toBe(5);
    expect(cal.hourOfDay(t)).toBe(22);
    // Chile moved its clocks forward on 2024-09-08 at 00:00 local (→ 01:00, UTC−3).
    const after = Date.parse('2024-09-08T05:00:00Z');
    expect(zoneOffsetMs(after, SCL)).toBe(-3 * 3_600_000);
    expect(cal.hourOfDay(after)).toBe(2);
    expect(cal.dayOfWeek(after)).toBe(6);
    expect(formatLocal(after, SCL)).toBe('2024-09-08 02:00:00');
    expect(new Date(cal.startOfDay(cal.dayNumber(t))).toISOString()).toBe('2024-09-07T04:00:00.000Z');
  });
});

describe('exports print local times through the offset cache', () => {
  it('same text as formatLocal, around a DST change', async () => {
    const { incidentsCsv } = await import('../../../../common/analytics/exportData');
    const times = [Date.parse('2024-09-07T03:59:59Z'), Date.parse('2024-09-08T03:30:00Z'), Date.parse('2024-09-08T04:00:00Z'), Date.parse('2024-04-07T02:30:00Z'), Date.parse('2024-04-07T03:30:00Z')];
    const csv = incidentsCsv(times.map((time, k) => ({ incident: { id: String(k), source: 'import', lat: 0, lng: 0, time }, cameras: [] })), SCL);
    const printed = csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[3]);
    expect(printed).toEqual(times.map((t) => formatLocal(t, SCL)));
  });
});
