import { readFile, writeFile } from 'node:fs/promises';
import type { AuditActor } from '../../../../../common/security/auditEntry';
import { entryLine, GENESIS_HASH, sealEntry } from '../../../../../main/services/audit/auditChain';
import { AuditLog } from '../../../../../main/services/audit/auditLog';

export const operator: AuditActor = { type: 'user', userId: 'u-1', username: 'maría', role: 'operator', origin: 'window:1' };

/** Writes `count` varied entries with a fake clock and returns the file's lines (without newlines). */
export async function writeSampleLog(path: string, count: number): Promise<string[]> {
  let now = Date.UTC(2026, 2, 1, 9, 0, 0);
  const log = await AuditLog.open(path, { now: () => (now += 1500) });
  for (let i = 1; i <= count; i++) {
    await log.append({
      actor: operator,
      action: i % 3 === 0 ? 'bookmark.created' : 'view.camera',
      details: { cameraId: `cam-${i}`, screen: i % 4, note: i === 2 ? 'Ñandú, "quoted", =1+1' : undefined },
    });
  }
  await log.close();
  return readLines(path);
}

export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').slice(0, -1);
}

export async function writeLines(path: string, lines: string[]): Promise<void> {
  await writeFile(path, lines.map((l) => `${l}\n`).join(''));
}

/** The lines of a valid chain built in memory, for large files where fsync per append would be slow. */
export function buildChainLines(count: number): string[] {
  const lines: string[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const entry = sealEntry({
      seq,
      time: new Date(Date.UTC(2026, 2, 1) + seq * 1000).toISOString(),
      actor: operator,
      action: 'view.camera',
      details: { cameraId: `cam-${seq}`, screen: seq % 4 },
      prevHash,
    });
    prevHash = entry.hash;
    lines.push(entryLine(entry));
  }
  return lines;
}
