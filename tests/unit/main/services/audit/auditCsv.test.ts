import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, csvCell, csvRow, exportAuditCsv } from '../../../../../main/services/audit/auditCsv';
import { AuditLog } from '../../../../../main/services/audit/auditLog';
import { readLines, writeLines } from './auditFixture';

/** A strict RFC 4180 reader, written independently of the exporter, to read exports back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '"' || c === '\n' || c === '\r') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('last row not terminated by CRLF');
  return rows;
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(7)).toBe('7');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('any row reads back to its cells, with formulas defused (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (cells) => {
        const [parsed] = parseCsv(csvRow(cells));
        expect(parsed).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
    );
  });
});

describe('exportAuditCsv', () => {
  async function sample(): Promise<string> {
    const file = join(dir, 'audit.jsonl');
    let now = Date.UTC(2026, 2, 1, 9, 0, 0);
    const log = await AuditLog.open(file, { now: () => (now += 60_000) });
    await log.append({ actor: { type: 'anonymous', claimedUsername: '=cmd|calc', origin: 'ws:127.0.0.1' }, action: 'auth.login.failed' });
    await log.append({ actor: { type: 'user', userId: 'u1', username: 'joão', role: 'supervisor' }, action: 'mask.lifted', details: { cameraId: 'c-7', reason: 'robo, "urgente"\nsegunda línea' } });
    await log.append({ actor: { type: 'system', component: 'masks' }, action: 'mask.reapplied', details: { cameraId: 'c-7' } });
    await log.close();
    return file;
  }

  it('writes every entry as one RFC 4180 row with a header, readable back', async () => {
    const file = await sample();
    const out = join(dir, 'audit.csv');
    expect(await exportAuditCsv(file, out)).toEqual({ rows: 3, skippedLines: [] });
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const [, failed, lifted, reapplied] = rows;
    expect(failed!.slice(0, 8)).toEqual(['1', '2026-03-01T09:01:00.000Z', 'anonymous', "'=cmd|calc", '', '', 'ws:127.0.0.1', 'auth.login.failed']);
    expect(lifted!.slice(2, 6)).toEqual(['user', 'joão', 'u1', 'supervisor']);
    expect(JSON.parse(lifted![8]!)).toEqual({ cameraId: 'c-7', reason: 'robo, "urgente"\nsegunda línea' });
    expect(reapplied!.slice(2, 4)).toEqual(['system', 'masks']);
    const entries = (await readLines(file)).map((l) => JSON.parse(l) as { hash: string; prevHash: string });
    expect(rows.slice(1).map((r) => [r[9], r[10]])).toEqual(entries.map((e) => [e.prevHash, e.hash]));
    if (process.platform !== 'win32') expect((await stat(out)).mode & 0o777).toBe(0o600);
  });

  it('filters by time and can leave the BOM out', async () => {
    const file = await sample();
    const out = join(dir, 'slice.csv');
    expect(await exportAuditCsv(file, out, { from: '2026-03-01T09:02:00.000Z', to: '2026-03-01T09:03:00.000Z', bom: false })).toMatchObject({ rows: 1 });
    const rows = parseCsv(await readFile(out, 'utf8'));
    expect(rows.map((r) => r[0])).toEqual(['seq', '2']);
  });

  it('lists lines it could not read instead of failing the export', async () => {
    const file = await sample();
    const lines = await readLines(file);
    lines.splice(1, 0, 'garbage');
    await writeLines(file, lines);
    expect(await exportAuditCsv(file, join(dir, 'x.csv'))).toEqual({ rows: 3, skippedLines: [2] });
  });
});
