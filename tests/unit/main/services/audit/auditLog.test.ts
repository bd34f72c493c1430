import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntrySchema, GENESIS_HASH } from '../../../../../common/security/auditEntry';
import { AuditLog } from '../../../../../main/services/audit/auditLog';
import { verifyAuditFile } from '../../../../../main/services/audit/verifyAudit';
import { operator, readLines, writeLines, writeSampleLog } from './auditFixture';

let dir: string;
let file: string;
const at = Date.UTC(2026, 2, 1, 9, 0, 0);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-auditlog-'));
  file = join(dir, 'audit', 'audit.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('AuditLog', () => {
  it('appends chained entries, each on disk when its promise resolves', async () => {
    const log = await AuditLog.open(file, { now: () => at });
    expect(log.openReport).toMatchObject({ clean: true, recoveredTornTail: null });
    const first = await log.append({ actor: operator, action: 'auth.login' });
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, time: '2026-03-01T09:00:00.000Z', details: {} });
    expect((await readLines(file))).toHaveLength(1);
    const second = await log.append({ actor: operator, action: 'mask.lifted', details: { cameraId: 'c1', reason: 'incident 42', minutes: 30 } });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(AuditEntrySchema.parse(second)).toEqual(second);
    expect(log.lastHead).toEqual({ seq: 2, hash: second.hash });
    await log.close();
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, entries: 2 });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps call order for concurrent appends and batches their syncs', async () => {
    const log = await AuditLog.open(file);
    const entries = await Promise.all(
      Array.from({ length: 50 }, (_, i) => log.append({ actor: operator, action: 'view.camera', details: { i } })),
    );
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const lines = await readLines(file);
    expect(lines.map((l) => (JSON.parse(l) as { details: { i: number } }).details.i)).toEqual(entries.map((_, i) => i));
    await log.close();
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, entries: 50 });
  });

  it('continues the chain after a restart', async () => {
    await writeSampleLog(file, 5);
    const log = await AuditLog.open(file);
    expect(log.openReport.clean).toBe(true);
    expect((await log.append({ actor: operator, action: 'auth.logout' })).seq).toBe(6);
    await log.close();
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, entries: 6 });
  });

  it('refuses invalid input without writing anything', async () => {
    const log = await AuditLog.open(file);
    await expect(log.append({ actor: { type: 'user', username: 'x' } as never, action: 'auth.login' })).rejects.toThrow(TypeError);
    await expect(log.append({ actor: operator, action: 'Not An Action' })).rejects.toThrow(TypeError);
    await expect(log.append({ actor: operator, action: 'view.camera', details: { when: new Date() } })).rejects.toThrow(/plain objects/);
    await expect(log.append({ actor: operator, action: 'view.camera', details: { big: 'x'.repeat(70_000) } })).rejects.toThrow(/exceeds/);
    expect((await log.append({ actor: operator, action: 'view.camera', details: { gone: undefined } })).seq).toBe(1);
    await log.close();
    expect(await readLines(file)).toHaveLength(1);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, entries: 1 });
  });

  it('sets a torn last line aside, records that in the chain, and verifies again', async () => {
    await writeSampleLog(file, 4);
    const fragment = '{"action":"mask.lifted","actor":{"ty';
    await appendFile(file, fragment);
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, problem: { kind: 'torn-tail', line: 5 } });

    const log = await AuditLog.open(file, { now: () => at });
    expect(log.openReport.clean).toBe(false);
    const recovered = log.openReport.recoveredTornTail!;
    expect(recovered).toMatchObject({ line: 5, bytes: fragment.length });
    expect(await readFile(join(dir, 'audit', recovered.savedTo), 'utf8')).toBe(fragment);
    await log.append({ actor: operator, action: 'auth.login' });
    await log.close();

    const lines = await readLines(file);
    expect(JSON.parse(lines[4]!)).toMatchObject({ seq: 5, action: 'audit.recovered', actor: { type: 'system' }, details: { line: 5, savedTo: recovered.savedTo } });
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, entries: 6 });
  });

  it('sets aside a last entry that is complete but lost its newline, and chains from the one before', async () => {
    const lines = await writeSampleLog(file, 3);
    await writeFile(file, `${lines[0]}\n${lines[1]}\n${lines[2]}`);
    const log = await AuditLog.open(file);
    expect(log.openReport.recoveredTornTail).toMatchObject({ line: 3 });
    expect((await log.append({ actor: operator, action: 'auth.login' })).seq).toBe(4);
    await log.close();
    const after = await readLines(file);
    expect(JSON.parse(after[2]!)).toMatchObject({ seq: 3, action: 'audit.recovered' });
    expect(await verifyAuditFile(file)).toMatchObject({ ok: true, entries: 4 });
  });

  it('leaves a tampered file as found, records the problem, and keeps auditing', async () => {
    const lines = await writeSampleLog(file, 6);
    lines.splice(2, 1);
    await writeLines(file, lines);
    const log = await AuditLog.open(file);
    expect(log.openReport).toMatchObject({ clean: false, verification: { ok: false, problem: { kind: 'seq-gap', line: 3 } } });
    const next = await log.append({ actor: operator, action: 'auth.login' });
    await log.close();
    const after = await readLines(file);
    expect(after.slice(0, 5)).toEqual(lines);
    expect(JSON.parse(after[5]!)).toMatchObject({ seq: 7, action: 'audit.integrity-failure', details: { kind: 'seq-gap', line: 3 } });
    expect(next.seq).toBe(8);
    // The evidence is not papered over: the file still fails where it was cut.
    expect(await verifyAuditFile(file)).toMatchObject({ ok: false, problem: { kind: 'seq-gap', line: 3 } });
  });

  it('stops accepting appends after a write error instead of leaving a hole in the chain', async () => {
    const log = await AuditLog.open(file);
    await log.append({ actor: operator, action: 'auth.login' });
    // Simulate the disk going away under the log.
    await (log as unknown as { file: { close(): Promise<void> } }).file.close();
    await expect(log.append({ actor: operator, action: 'auth.logout' })).rejects.toThrow(/audit write failed/);
    expect(log.failed).toBeInstanceOf(Error);
    await expect(log.append({ actor: operator, action: 'auth.logout' })).rejects.toThrow(/stopped after a write error/);
  });

  it('creates its directory private and leaves no stray files on a clean run', async () => {
    await writeSampleLog(file, 2);
    expect(await readdir(join(dir, 'audit'))).toEqual(['audit.jsonl']);
    if (process.platform !== 'win32') expect((await stat(join(dir, 'audit'))).mode & 0o777).toBe(0o700);
  });

  it('refuses appends after close', async () => {
    const log = await AuditLog.open(file);
    await log.close();
    await expect(log.append({ actor: operator, action: 'auth.login' })).rejects.toThrow(/closed/);
  });
});

describe('readAuditEntries', () => {
  it('pages through entries and lists unreadable lines', async () => {
    const { readAuditEntries } = await import('../../../../../main/services/audit/readAudit');
    const lines = await writeSampleLog(file, 7);
    lines.splice(3, 0, 'not json');
    await writeLines(file, lines);
    const first = await readAuditEntries(file, { limit: 4 });
    expect(first.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(first).toMatchObject({ more: true, unreadableLines: [4] });
    const rest = await readAuditEntries(file, { afterSeq: 4, limit: 4 });
    expect(rest.entries.map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(rest.more).toBe(false);
    const bookmarks = await readAuditEntries(file, { filter: (e) => e.action === 'bookmark.created' });
    expect(bookmarks.entries.map((e) => e.seq)).toEqual([3, 6]);
    expect(await readAuditEntries(join(dir, 'missing.jsonl'))).toEqual({ entries: [], unreadableLines: [], more: false });
  });
});
