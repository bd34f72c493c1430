import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import type { AuditEntry } from '../../../common/security/auditEntry';
import { PRIVATE_FILE_MODE } from '../secrets/privateFile';
import { AuditEnvelopeSchema } from './auditChain';
import { readAuditLines } from './auditLineReader';
import { canonicalJson } from './canonicalJson';

/**
 * CSV export of the audit trail for a data-protection officer or an investigator, who will open
 * it in a spreadsheet. RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or
 * line break quoted and inner quotes doubled. Formula injection: a cell starting with = + - @
 * (or tab / CR, which some spreadsheets skip before one of those) would run as a formula, and
 * usernames, camera names and reasons are typed by people; such cells get a leading apostrophe.
 */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'time',
  'actor_type',
  'actor',
  'actor_id',
  'actor_role',
  'origin',
  'action',
  'details',
  'prev_hash',
  'hash',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

type Actor = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function auditEntryRow(entry: Pick<AuditEntry, 'seq' | 'time' | 'action' | 'details' | 'prevHash' | 'hash'> & { actor: Actor }): string {
  const a = entry.actor;
  const who = str(a.username) || str(a.component) || str(a.claimedUsername);
  return csvRow([
    entry.seq,
    entry.time,
    str(a.type),
    who,
    str(a.userId),
    str(a.role),
    str(a.origin),
    entry.action,
    canonicalJson(entry.details),
    entry.prevHash,
    entry.hash,
  ]);
}

export interface AuditCsvOptions {
  /** Only entries with `from <= time < to` (ISO UTC strings, compared as text). */
  from?: string;
  to?: string;
  /**
   * Start with a UTF-8 byte-order mark (default true): without it Excel reads the file as the
   * local code page and mangles ñ, ã, é. Not part of RFC 4180; pass false for other tools.
   */
  bom?: boolean;
}

export interface AuditCsvResult {
  rows: number;
  /** Lines that could not be read as entries and are not in the CSV; verify the file to learn why. */
  skippedLines: number[];
}

/**
 * Writes the CSV to `csvPath` atomically (temp file + rename) and readable by
 * this OS user only: an export is as personal as the trail. Does not verify the chain; run
 * verifyAuditFile and report its result with the export.
 */
export async function exportAuditCsv(auditPath: string, csvPath: string, opts: AuditCsvOptions = {}): Promise<AuditCsvResult> {
  const tmp = `${csvPath}.${randomBytes(6).toString('hex')}.tmp`;
  const out = await open(tmp, 'wx', PRIVATE_FILE_MODE);
  let rows = 0;
  const skippedLines: number[] = [];
  try {
    let buffer = (opts.bom ?? true ? '\ufeff' : '') + csvRow(AUDIT_CSV_COLUMNS);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for await (const raw of readAuditLines(auditPath)) {
      let entry;
      try {
        const parsed = AuditEnvelopeSchema.safeParse(JSON.parse(decoder.decode(raw.bytes)));
        if (!parsed.success || raw.tooLong) throw new Error('not an entry');
        entry = parsed.data;
      } catch {
        skippedLines.push(raw.number);
        continue;
      }
      if (opts.from !== undefined && entry.time < opts.from) continue;
      if (opts.to !== undefined && entry.time >= opts.to) continue;
      buffer += auditEntryRow(entry);
      rows += 1;
      if (buffer.length > 256 * 1024) {
        await out.appendFile(buffer);
        buffer = '';
      }
    }
    await out.appendFile(buffer);
    await out.sync();
    await out.close();
    await rename(tmp, csvPath);
  } catch (err) {
    await out.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return { rows, skippedLines };
}
