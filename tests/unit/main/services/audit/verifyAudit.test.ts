import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryLine, sealEntry } from '../../../../../main/services/audit/auditChain';
import { verifyAuditFile, type AuditVerification } from '../../../../../main/services/audit/verifyAudit';
import { buildChainLines, writeLines, writeSampleLog } from './auditFixture';

let dir: string;
let file: string;
let lines: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-audit-'));
  file = join(dir, 'audit.jsonl');
  lines = await writeSampleLog(file, 12);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function problemOf(result: AuditVerification) {
  if (result.ok) throw new Error('expected verification to fail');
  return result.problem;
}

describe('verifyAuditFile', () => {
  it('accepts an untouched file and reports its head', async () => {
    const result = await verifyAuditFile(file);
    const last = JSON.parse(lines[11]!) as { hash: string };
    expect(result).toEqual({ ok: true, entries: 12, head: { seq: 12, hash: last.hash } });
  });

  it('accepts a missing or empty file as an empty trail', async () => {
    expect(await verifyAuditFile(join(dir, 'none.jsonl'))).toEqual({ ok: true, entries: 0, head: null });
    await writeFile(join(dir, 'empty.jsonl'), '');
    expect(await verifyAuditFile(join(dir, 'empty.jsonl'))).toEqual({ ok: true, entries: 0, head: null });
  });

  it('editing one byte in a field value names that entry', async () => {
    const bytes = await readFile(file);
    const at = bytes.indexOf('cam-5');
    bytes[at + 4] = '6'.charCodeAt(0); // cam-5 → cam-6
    await writeFile(file, bytes);
    const problem = problemOf(await verifyAuditFile(file));
    expect(problem).toMatchObject({ kind: 'hash-mismatch', line: 5, seq: 5 });
    expect(problem.message).toMatch(/entry seq 5 \(line 5\) was altered/);
  });

  it('editing any single byte anywhere fails on the line holding that byte (property)', async () => {
    const original = await readFile(file);
    const lineOf = (index: number) => original.subarray(0, index).filter((b) => b === 0x0a).length + 1;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 }), async (index, byte) => {
        fc.pre(original[index] !== byte);
        const edited = Buffer.from(original);
        edited[index] = byte;
        await writeFile(file, edited);
        const result = await verifyAuditFile(file);
        expect(result.ok).toBe(false);
        expect(problemOf(result).line).toBe(lineOf(index));
      }),
      { numRuns: 200 },
    );
  });

  it('a re-serialised entry with the same content is caught as rewritten', async () => {
    lines[3] = JSON.stringify(JSON.parse(lines[3]!), null, 1).replace(/\n/g, '');
    await writeLines(file, lines);
    expect(problemOf(await verifyAuditFile(file))).toMatchObject({ kind: 'not-canonical', line: 4, seq: 4 });
  });

  it('removing an entry names the entry after the hole', async () => {
    lines.splice(6, 1); // seq 7
    await writeLines(file, lines);
    const problem = problemOf(await verifyAuditFile(file));
    expect(problem).toMatchObject({ kind: 'seq-gap', line: 7, seq: 8 });
    expect(problem.message).toMatch(/seq 7 is missing/);
  });

  it('removing the first entries is caught too', async () => {
    await writeLines(file, lines.slice(2));
    expect(problemOf(await verifyAuditFile(file))).toMatchObject({ kind: 'seq-gap', line: 1, seq: 3 });
  });

  it('swapping two entries names the first out of place', async () => {
    [lines[3], lines[4]] = [lines[4]!, lines[3]!];
    await writeLines(file, lines);
    expect(problemOf(await verifyAuditFile(file))).toMatchObject({ kind: 'seq-gap', line: 4, seq: 5 });
  });

  it('moving an entry further down is caught where the hole is', async () => {
    const [moved] = lines.splice(2, 1);
    lines.splice(8, 0, moved!);
    await writeLines(file, lines);
    expect(problemOf(await verifyAuditFile(file))).toMatchObject({ kind: 'seq-gap', line: 3, seq: 4 });
  });

  it('a duplicated entry is caught', async () => {
    lines.splice(5, 0, lines[4]!);
    await writeLines(file, lines);
    expect(problemOf(await verifyAuditFile(file))).toMatchObject({ kind: 'seq-backwards', line: 6, seq: 5 });
  });

  it('inserting a forged entry with a bad hash names the forged entry', async () => {
    const forged = { ...JSON.parse(lines[4]!), details: { cameraId: 'cam-x' } };
    lines.splice(5, 0, JSON.stringify(forged));
    await writeLines(file, lines);
    expect(problemOf(await verifyAuditFile(file))).toMatchObject({ kind: 'hash-mismatch', line: 6 });
  });

  it('inserting a well-formed forged entry (own hash right, chained to its predecessor) shows the fork', async () => {
    const prev = JSON.parse(lines[4]!) as { seq: number; hash: string };
    const forged = sealEntry({
      seq: prev.seq + 1,
      time: '2026-03-01T09:00:08.000Z',
      actor: { type: 'system', component: 'forger' },
      action: 'view.camera',
      details: {},
      prevHash: prev.hash,
    });
    lines.splice(5, 0, entryLine(forged));
    await writeLines(file, lines);
    const problem = problemOf(await verifyAuditFile(file));
    expect(problem).toMatchObject({ kind: 'seq-backwards', line: 7, seq: 6 });
    expect(problem.message).toMatch(/line 6 \(seq 6\) also follows that entry, so one of the two was inserted/);
  });

  it('an entry edited and re-hashed breaks the link from the next one', async () => {
    const edited = JSON.parse(lines[2]!) as Parameters<typeof sealEntry>[0] & { hash?: string };
    delete edited.hash;
    edited.details = { cameraId: 'cam-other' };
    lines[2] = entryLine(sealEntry(edited));
    await writeLines(file, lines);
    const problem = problemOf(await verifyAuditFile(file));
    expect(problem).toMatchObject({ kind: 'chain-broken', line: 4, seq: 4 });
    expect(problem.message).toMatch(/does not chain to seq 3 \(line 3\)/);
  });

  it('reports a torn last line (crash mid-write) instead of ignoring it', async () => {
    await writeFile(file, `${lines.join('\n')}\n${lines[0]!.slice(0, 40)}`);
    const problem = problemOf(await verifyAuditFile(file));
    expect(problem).toMatchObject({ kind: 'torn-tail', line: 13 });
    expect(problem.message).toMatch(/incomplete/);
  });

  it('reports a blank or garbage line as malformed', async () => {
    lines.splice(3, 0, '');
    await writeLines(file, lines);
    expect(problemOf(await verifyAuditFile(file))).toMatchObject({ kind: 'malformed', line: 4, seq: null });
  });

  describe('what the chain cannot catch alone, and the anchor does', () => {
    it('a chain rebuilt from an edited entry onwards verifies by itself but not against an earlier head', async () => {
      const head = JSON.parse(lines[11]!) as { seq: number; hash: string };
      const rebuilt: string[] = [];
      let prevHash = '0'.repeat(64);
      for (const [i, line] of lines.entries()) {
        const entry = JSON.parse(line) as Parameters<typeof sealEntry>[0] & { hash?: string };
        delete entry.hash;
        if (i === 3) entry.details = { cameraId: 'cam-hidden' };
        entry.prevHash = prevHash;
        const sealed = sealEntry(entry);
        prevHash = sealed.hash;
        rebuilt.push(entryLine(sealed));
      }
      await writeLines(file, rebuilt);
      expect((await verifyAuditFile(file)).ok).toBe(true);
      const problem = problemOf(await verifyAuditFile(file, { expectHead: { seq: head.seq, hash: head.hash } }));
      expect(problem).toMatchObject({ kind: 'head-mismatch', seq: 12 });
    });

    it('entries cut off the end are caught against an earlier head', async () => {
      const head = JSON.parse(lines[11]!) as { seq: number; hash: string };
      await writeLines(file, lines.slice(0, 9));
      expect((await verifyAuditFile(file)).ok).toBe(true);
      const problem = problemOf(await verifyAuditFile(file, { expectHead: head }));
      expect(problem).toMatchObject({ kind: 'head-mismatch' });
      expect(problem.message).toMatch(/ends at seq 9 but seq 12 was recorded/);
    });

    it('an older head still matches a file that has grown since', async () => {
      const head = JSON.parse(lines[5]!) as { seq: number; hash: string };
      expect(await verifyAuditFile(file, { expectHead: head })).toMatchObject({ ok: true, entries: 12 });
    });
  });

  it('does not depend on the file being read in one piece', async () => {
    // Many entries so the file spans several read chunks, and lines straddle chunk borders.
    const big = join(dir, 'big.jsonl');
    const all = buildChainLines(5000);
    await writeLines(big, all);
    expect(await verifyAuditFile(big)).toMatchObject({ ok: true, entries: 5000 });
    all.splice(4321, 1);
    await writeLines(big, all);
    expect(problemOf(await verifyAuditFile(big))).toMatchObject({ kind: 'seq-gap', line: 4322, seq: 4323 });
  });
});
