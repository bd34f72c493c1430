import { stat } from 'node:fs/promises';
import { GENESIS_HASH } from '../../../common/security/auditEntry';
import { AuditEnvelopeSchema, entryLine, hashEntry, type AuditHead } from './auditChain';
import { readAuditLines } from './auditLineReader';

/**
 * Checks an audit file end to end and names the first entry that is wrong and why.
 *
 * Each line must be (1) valid UTF-8 JSON of the entry shape, (2) hash-correct, (3) byte-for-byte
 * the canonical text the writer produces, (4) numbered one more than the line before, and
 * (5) chained to the line before by prevHash. Editing any byte fails (1), (2) or (3) on that
 * entry; removing an entry fails (4) on the entry after the hole; moving one fails (4) where it
 * lands; inserting one fails (2), (4) or (5). See auditChain.ts for what a chain cannot catch.
 */
export type AuditProblemKind =
  | 'malformed'
  | 'hash-mismatch'
  | 'not-canonical'
  | 'seq-gap'
  | 'seq-backwards'
  | 'chain-broken'
  | 'torn-tail'
  | 'head-mismatch';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** 1-based line number in the file. */
  line: number;
  /** The seq the bad line carries, when it could be read. */
  seq: number | null;
  message: string;
}

export type AuditVerification =
  | { ok: true; entries: number; head: AuditHead | null }
  | { ok: false; entriesVerified: number; problem: AuditProblem };

export interface AuditScan {
  verification: AuditVerification;
  /** The last complete line that parsed as an entry, wherever the first problem was: the writer chains on from it. */
  lastEntry: AuditHead | null;
  /** A final line without its newline, for the writer to set aside. */
  tornTail: { line: number; offset: number; length: number } | null;
}

export interface VerifyOptions {
  /**
   * A head recorded earlier (e.g. printed by a previous verify, or kept by the caller outside
   * this file). The file must still contain that exact entry: catches entries cut off the end and
   * a chain rebuilt from before that point, which the chain alone cannot.
   */
  expectHead?: AuditHead;
}

export async function verifyAuditFile(path: string, opts: VerifyOptions = {}): Promise<AuditVerification> {
  return (await scanAuditFile(path, opts)).verification;
}

// How many recent links (prevHash → the entry that follows it) are remembered, to explain a fork:
// two entries chained to the same predecessor.
const RECENT = 256;

export async function scanAuditFile(path: string, opts: VerifyOptions = {}): Promise<AuditScan> {
  try {
    await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const verification = checkAnchor(opts.expectHead, null, 0) ?? { ok: true as const, entries: 0, head: null };
      return { verification, lastEntry: null, tornTail: null };
    }
    throw err;
  }

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let problem: AuditProblem | null = null;
  let verified = 0;
  let prev: (AuditHead & { line: number }) | null = null;
  let lastEntry: AuditHead | null = null;
  let tornTail: AuditScan['tornTail'] = null;
  let anchorSeen = false;
  const successors = new Map<string, { seq: number; line: number }>();

  for await (const raw of readAuditLines(path)) {
    if (!raw.terminated) tornTail = { line: raw.number, offset: raw.offset, length: raw.length };
    const fault = (kind: AuditProblemKind, seq: number | null, message: string): void => {
      problem ??= { kind, line: raw.number, seq, message };
    };

    let text: string;
    let entry;
    try {
      if (raw.tooLong) throw new Error(`line is ${raw.length} bytes, longer than any entry`);
      text = decoder.decode(raw.bytes);
      if (text === '') throw new Error('empty line');
      const parsed = AuditEnvelopeSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; '));
      entry = parsed.data;
    } catch (err) {
      if (!raw.terminated) fault('torn-tail', null, `line ${raw.number} is incomplete (no newline at the end): a write was interrupted by a crash, or the file was cut`);
      else fault('malformed', null, `line ${raw.number} is not a valid audit entry: ${(err as Error).message}`);
      continue;
    }
    // An unterminated line is set aside by the writer, so the chain must not continue from it.
    if (raw.terminated) lastEntry = { seq: entry.seq, hash: entry.hash };
    if (problem) continue;

    const at = `entry seq ${entry.seq} (line ${raw.number})`;
    if (!raw.terminated) {
      fault('torn-tail', entry.seq, `${at} has no newline at the end: a write was interrupted by a crash, or the file was cut`);
      continue;
    }
    if (hashEntry(entry) !== entry.hash) {
      fault('hash-mismatch', entry.seq, `${at} was altered: its content does not match its hash`);
      continue;
    }
    if (entryLine(entry) !== text) {
      fault('not-canonical', entry.seq, `${at} was rewritten: same content but not the bytes the audit log writes`);
      continue;
    }
    const expectedSeq = prev ? prev.seq + 1 : 1;
    if (entry.seq > expectedSeq) {
      const missing = entry.seq - 1 === expectedSeq ? `seq ${expectedSeq} is` : `seqs ${expectedSeq}–${entry.seq - 1} are`;
      fault('seq-gap', entry.seq, `${at}: expected seq ${expectedSeq}; ${missing} missing (removed, or moved further down)`);
      continue;
    }
    if (entry.seq < expectedSeq) {
      const twin = successors.get(entry.prevHash);
      const fork = twin ? `; line ${twin.line} (seq ${twin.seq}) also follows that entry, so one of the two was inserted` : '';
      fault('seq-backwards', entry.seq, `${at}: expected seq ${expectedSeq}; the entry is out of order, duplicated, or follows an inserted one${fork}`);
      continue;
    }
    const expectedPrev = prev ? prev.hash : GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      const before = prev ? `seq ${prev.seq} (line ${prev.line})` : 'the start of the chain';
      fault('chain-broken', entry.seq, `${at} does not chain to ${before}: one of the two was replaced or inserted and re-hashed`);
      continue;
    }
    if (opts.expectHead && entry.seq === opts.expectHead.seq) {
      anchorSeen = true;
      if (entry.hash !== opts.expectHead.hash) {
        fault('head-mismatch', entry.seq, `${at} differs from the head recorded earlier (${opts.expectHead.hash.slice(0, 12)}…): the chain was rebuilt from this point or earlier`);
        continue;
      }
    }
    successors.set(entry.prevHash, { seq: entry.seq, line: raw.number });
    if (successors.size > RECENT) successors.delete(successors.keys().next().value as string);
    prev = { seq: entry.seq, hash: entry.hash, line: raw.number };
    verified += 1;
  }

  if (problem) return { verification: { ok: false, entriesVerified: verified, problem }, lastEntry, tornTail };
  const head = prev ? { seq: prev.seq, hash: prev.hash } : null;
  const anchorProblem = anchorSeen ? undefined : checkAnchor(opts.expectHead, head, verified);
  return { verification: anchorProblem ?? { ok: true, entries: verified, head }, lastEntry, tornTail };
}

function checkAnchor(expect: AuditHead | undefined, head: AuditHead | null, verified: number): AuditVerification | undefined {
  if (!expect) return undefined;
  const last = head ? head.seq : 0;
  if (expect.seq <= last) return undefined; // seen and checked during the scan
  return {
    ok: false,
    entriesVerified: verified,
    problem: {
      kind: 'head-mismatch',
      line: verified,
      seq: head?.seq ?? null,
      message: `the file ends at seq ${last} but seq ${expect.seq} was recorded earlier: entries were removed from the end`,
    },
  };
}
