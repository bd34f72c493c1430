import { createHash } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  AUDIT_ACTIONS,
  AuditActionSchema,
  AuditActorSchema,
  GENESIS_HASH,
  type AuditActor,
  type AuditEntry,
} from '../../../common/security/auditEntry';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, syncDirectory } from '../secrets/privateFile';
import { canonicalJson } from './canonicalJson';
import { entryLine, MAX_ENTRY_BYTES, sealEntry, type AuditHead } from './auditChain';
import { scanAuditFile, type AuditScan, type AuditVerification } from './verifyAudit';

/**
 * The append-only audit trail: one JSON entry per line, each hash-chained to the one before
 * (auditChain.ts). Appends are durable: `append` resolves only after the line is on disk
 * (fdatasync). Appends that arrive while a sync is in flight are written and synced together, so
 * a busy wall (tours switching dozens of tiles) costs one sync per batch, not one per entry.
 *
 * Audit first, then act: for actions that must not happen unrecorded (mask lifts, exports), await
 * `append` before doing them and refuse if it rejects. After a write error the log refuses all
 * further appends (`failed`), rather than continue a chain with a hole in it; reopen to recover.
 */
export interface AuditInput {
  actor: AuditActor;
  /** Prefer the names in AUDIT_ACTIONS. */
  action: string;
  /** JSON values only; properties set to undefined are left out. */
  details?: Record<string, unknown>;
}

/** What opening found in an existing file; the caller should show anything but `clean` to an admin. */
export interface AuditOpenReport {
  /** The file as found, before any recovery entry was added. */
  verification: AuditVerification;
  /** A crash left a partial last line: it was moved to `savedTo` and recorded in the chain. */
  recoveredTornTail: { line: number; bytes: number; sha256: string; savedTo: string } | null;
  clean: boolean;
}

export interface AuditLogOptions {
  now?: () => number;
}

interface Pending {
  line: string;
  entry: AuditEntry;
  resolve: (entry: AuditEntry) => void;
  reject: (err: Error) => void;
}

const SYSTEM_ACTOR: AuditActor = { type: 'system', component: 'audit' };

export class AuditLog {
  private head: AuditHead;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;
  private readonly now: () => number;

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
    head: AuditHead | null,
    readonly openReport: AuditOpenReport,
    opts: AuditLogOptions,
  ) {
    this.head = head ?? { seq: 0, hash: GENESIS_HASH };
    this.now = opts.now ?? Date.now;
  }

  /**
   * Opens (or creates) the file and checks the whole chain. A torn last line is cut off, kept in a
   * `<file>.torn-<time>` file next to it, and recorded as an `audit.recovered` entry. A chain that
   * fails verification for another reason is left exactly as found (it is evidence) and an
   * `audit.integrity-failure` entry records the first problem; new entries chain on from the
   * last readable one.
   */
  static async open(path: string, opts: AuditLogOptions = {}): Promise<AuditLog> {
    await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
    const scan = await scanAuditFile(path);
    const file = await open(path, 'a+', PRIVATE_FILE_MODE);
    try {
      const recovered = scan.tornTail ? await setTornTailAside(file, path, scan.tornTail, opts.now ?? Date.now) : null;
      const clean = scan.verification.ok && !recovered;
      const log = new AuditLog(path, file, scan.lastEntry, { verification: scan.verification, recoveredTornTail: recovered, clean }, opts);
      if (recovered) {
        await log.append({ actor: SYSTEM_ACTOR, action: AUDIT_ACTIONS.auditRecovered, details: { ...recovered } });
      }
      const problem = scan.verification.ok ? null : scan.verification.problem;
      if (problem && problem.kind !== 'torn-tail') {
        await log.append({
          actor: SYSTEM_ACTOR,
          action: AUDIT_ACTIONS.auditIntegrityFailure,
          details: { kind: problem.kind, line: problem.line, seq: problem.seq, message: problem.message },
        });
      }
      return log;
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  /** The last entry appended (seq 0 and the genesis hash when empty). Record it elsewhere to anchor the chain. */
  get lastHead(): AuditHead {
    return { ...this.head };
  }

  get failed(): Error | null {
    return this.failure;
  }

  /**
   * Seals the entry (seq, time, prevHash, hash) at once, in call order, and resolves with it once
   * it is on disk. Rejects with a TypeError, writing nothing, for an invalid actor, action or
   * details (a programming error) or an entry over MAX_ENTRY_BYTES.
   */
  append(input: AuditInput): Promise<AuditEntry> {
    if (this.closed) return Promise.reject(new Error('audit log is closed'));
    if (this.failure) return Promise.reject(new Error(`audit log stopped after a write error: ${this.failure.message}`));
    let entry: AuditEntry;
    let line: string;
    try {
      const actor = AuditActorSchema.parse(input.actor);
      const action = AuditActionSchema.parse(input.action);
      const details = input.details ?? {};
      if (typeof details !== 'object' || details === null || Array.isArray(details)) throw new TypeError('details must be an object');
      // Through canonical JSON and back: rejects non-JSON values and drops undefined properties,
      // so the entry held in memory is exactly the one the verifier will read back.
      const plainDetails = JSON.parse(canonicalJson(details)) as AuditEntry['details'];
      entry = sealEntry({
        seq: this.head.seq + 1,
        time: new Date(this.now()).toISOString(),
        actor,
        action,
        details: plainDetails,
        prevHash: this.head.hash,
      });
      line = `${entryLine(entry)}\n`;
      if (Buffer.byteLength(line) > MAX_ENTRY_BYTES) throw new TypeError(`audit entry of ${Buffer.byteLength(line)} bytes exceeds ${MAX_ENTRY_BYTES}`);
    } catch (err) {
      return Promise.reject(err instanceof TypeError ? err : new TypeError(`invalid audit entry: ${(err as Error).message}`));
    }
    this.head = { seq: entry.seq, hash: entry.hash };
    return new Promise<AuditEntry>((resolve, reject) => {
      this.pending.push({ line, entry, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Waits for every append so far to reach the disk. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.file.close();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.file.appendFile(batch.map((p) => p.line).join(''));
          // fdatasync: the data and the file length reach the disk; mtime need not.
          await this.file.datasync();
        } catch (err) {
          this.failure = err as Error;
          const error = new Error(`audit write failed: ${(err as Error).message}`);
          for (const p of [...batch, ...this.pending]) p.reject(error);
          this.pending = [];
          return;
        }
        for (const p of batch) p.resolve(p.entry);
      }
    } finally {
      this.flushing = null;
    }
  }
}

async function setTornTailAside(
  file: FileHandle,
  path: string,
  torn: NonNullable<AuditScan['tornTail']>,
  now: () => number,
): Promise<AuditOpenReport['recoveredTornTail']> {
  const bytes = Buffer.alloc(torn.length);
  await file.read(bytes, 0, torn.length, torn.offset);
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const savedTo = `${path}.torn-${stamp}`;
  const aside = await open(savedTo, 'wx', PRIVATE_FILE_MODE);
  try {
    await aside.writeFile(bytes);
    await aside.sync();
  } finally {
    await aside.close();
  }
  await syncDirectory(dirname(path));
  // Only now, with the fragment safe elsewhere, is it cut from the log.
  await file.truncate(torn.offset);
  await file.sync();
  return {
    line: torn.line,
    bytes: torn.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    savedTo: basename(savedTo),
  };
}
