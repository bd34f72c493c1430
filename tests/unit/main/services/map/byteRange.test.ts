import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../../../main/services/map/byteRange';

describe('parseRange (one range, RFC 9110)', () => {
  it('answers the forms a PMTiles reader and a browser send', () => {
    expect(parseRange(undefined, 1000)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-126', 1000)).toEqual({ kind: 'partial', start: 0, end: 126 });
    expect(parseRange('bytes=990-', 1000)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(parseRange('bytes=-10', 1000)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
    // A range running past the end is cut at the end (the reader asks for 16 KB of a small file).
    expect(parseRange('bytes=500-16383', 1000)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(parseRange('Bytes = 1-2', 1000)).toEqual({ kind: 'partial', start: 1, end: 2 });
  });

  it('refuses ranges wholly outside the file', () => {
    expect(parseRange('bytes=1000-1010', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not understand, and several ranges, by sending the whole file', () => {
    expect(parseRange('items=0-5', 1000)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-5,10-20', 1000)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=abc', 1000)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=-', 1000)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=20-10', 1000)).toEqual({ kind: 'full' });
  });
});
