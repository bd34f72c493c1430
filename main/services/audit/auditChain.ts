import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GENESIS_HASH, HashSchema, type AuditEntry } from '../../../common/security/auditEntry';
import { canonicalJson } from './canonicalJson';

/**
 * The hash chain. Each entry's hash is SHA-256 over the canonical JSON of the entry without its
 * `hash` field, and that includes `prevHash`: changing, removing, inserting or moving any entry
 * breaks either its own hash or the link from the entry after it.
 *
 * What it cannot do alone: someone able to write the file can rebuild the whole chain from the
 * point they edit, and can cut entries off the end. Both are caught only by comparing with a head
 * (seq + hash) recorded somewhere else earlier, which verifyAuditFile accepts as `expectHead`.
 */

export { GENESIS_HASH };

export interface AuditHead {
  seq: number;
  hash: string;
}

/** Entries are capped so one huge `details` cannot make a line the verifier has to hold in memory. */
export const MAX_ENTRY_BYTES = 64 * 1024;

/**
 * The envelope the verifier checks. The actor is any JSON object here (not the current
 * AuditActorSchema) so files written by an older or newer Atalaya still verify.
 */
export const AuditEnvelopeSchema = z
  .object({
    seq: z.number().int().positive(),
    time: z.string().min(1).max(40),
    actor: z.record(z.string(), z.json()),
    action: z.string().min(1).max(64),
    details: z.record(z.string(), z.json()),
    prevHash: HashSchema,
    hash: HashSchema,
  })
  .strict();

export type UnsealedEntry = Omit<AuditEntry, 'hash'>;

export function hashEntry(entry: Omit<UnsealedEntry, 'actor'> & { actor: unknown }): string {
  const { seq, time, actor, action, details, prevHash } = entry;
  return createHash('sha256').update(canonicalJson({ seq, time, actor, action, details, prevHash }), 'utf8').digest('hex');
}

export function sealEntry(entry: UnsealedEntry): AuditEntry {
  return { ...entry, hash: hashEntry(entry) };
}

/** The exact line written for an entry (without the newline); the verifier insists on it byte for byte. */
export function entryLine(entry: AuditEntry | z.infer<typeof AuditEnvelopeSchema>): string {
  return canonicalJson(entry);
}
