import { describe, expect, it } from 'vitest';
import { csvDocument, csvValue, detectDelimiter, parseCsv } from '../../../../common/analytics/csv';

describe('parseCsv', () => {
  it('reads quoted values with delimiters, doubled quotes and newlines inside', () => {
    const t = parseCsv('id,note,lat\r\n1,"a, b",-21.4\r\n2,"say ""hi""",-21.5\n3,"two\nlines",-21.6\n');
    expect(t.header).toEqual(['id', 'note', 'lat']);
    expect(t.records.map((r) => r.values)).toEqual([
      ['1', 'a, b', '-21.4'],
      ['2', 'say "hi"', '-21.5'],
      ['3', 'two\nlines', '-21.6'],
    ]);
    // Lines are the file's: the record after a two-line value starts on line 4, not 5.
    expect(t.records.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(t.problems).toEqual([]);
  });

  it('strips the byte-order mark, skips blank lines, keeps empty fields', () => {
    const t = parseCsv('\uFEFFa,b,c\n\n1,,3\n,,\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.records.map((r) => r.values)).toEqual([
      ['1', '', '3'],
      ['', '', ''],
    ]);
  });

  it('reports a quote that is never closed', () => {
    const t = parseCsv('a,b\n1,"open\n2,3\n');
    expect(t.problems).toEqual([{ line: 2, problem: expect.stringContaining('never closed') }]);
  });

  it('detects ; and tab delimited exports', () => {
    expect(detectDelimiter('fecha;latitud;longitud\n01/02/2024;-21,4;-70,1')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
  });
});

describe('writing CSV', () => {
  it('quotes what needs it and defuses formulas', () => {
    expect(csvValue('plain')).toBe('plain');
    expect(csvValue('a,b')).toBe('"a,b"');
    expect(csvValue('say "x"')).toBe('"say ""x"""');
    expect(csvValue('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvValue(-21.5)).toBe('-21.5');
    expect(csvValue('-21.5')).toBe('-21.5');
    expect(csvDocument(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it('round-trips through the parser', () => {
    const rows = [['1', 'a, "b"', 'line\nbreak'], ['2', '', 'ñandú']];
    const t = parseCsv(csvDocument(['id', 'x', 'y'], rows));
    expect(t.records.map((r) => r.values)).toEqual(rows);
  });
});
