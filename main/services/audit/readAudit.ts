import type { AuditEntry } from '../../../common/security/auditEntry';
import { AuditEnvelopeSchema } from './auditChain';
import { readAuditLines } from './auditLineReader';

/**
 * Entries for the audit screen (audit.read), newest last. Reading is not verifying: show
 * verifyAuditFile's result beside what this returns. Lines that are not entries are listed by
 * number rather than skipped silently.
 */
export interface AuditPage {
  entries: AuditEntry[];
  unreadableLines: number[];
  /** True when more entries match than `limit`; ask again with `afterSeq` = last seq returned. */
  more: boolean;
}

export async function readAuditEntries(
  path: string,
  opts: { afterSeq?: number; limit?: number; filter?: (entry: AuditEntry) => boolean } = {},
): Promise<AuditPage> {
  const limit = Math.max(1, Math.min(opts.limit ?? 500, 10_000));
  const afterSeq = opts.afterSeq ?? 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: AuditEntry[] = [];
  const unreadableLines: number[] = [];
  let more = false;
  try {
    for await (const raw of readAuditLines(path)) {
      let entry: AuditEntry;
      try {
        const parsed = AuditEnvelopeSchema.safeParse(JSON.parse(decoder.decode(raw.bytes)));
        if (!parsed.success || raw.tooLong) throw new Error('not an entry');
        // The envelope accepts any actor object; entries from this version match AuditEntry.
        entry = parsed.data as AuditEntry;
      } catch {
        unreadableLines.push(raw.number);
        continue;
      }
      if (entry.seq <= afterSeq || (opts.filter && !opts.filter(entry))) continue;
      if (entries.length === limit) {
        more = true;
        continue;
      }
      entries.push(entry);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { entries, unreadableLines, more };
}
