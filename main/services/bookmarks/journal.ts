import { mkdir, open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * An append-only write-ahead journal that survives the process being killed at any instant,
 * with no native module. Each record is one line, `<crc32 hex> <json>\n`:
 *
 * - `append` resolves only after the line is written and fdatasync'd; appends issued while a
 *   write is under way are committed together (group commit), so a burst costs one fsync.
 * - On open, a torn last line (no newline: the process died mid-write) is cut off, and any line
 *   whose checksum does not match is skipped and counted, never trusted.
 * - Compaction writes the live state to a temporary file, fsyncs it, closes the journal and
 *   renames the temporary file over it, then fsyncs the directory: at every instant either the
 *   old journal or the complete new one is on disk.
 */

export interface JournalOpenResult {
  journal: Journal;
  records: unknown[];
  /** Complete lines whose checksum or JSON was bad: corruption, not a crash. */
  skipped: number;
  /** Bytes of a torn last record that were cut off. */
  truncatedBytes: number;
}

export function encodeRecord(record: unknown): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
}

export function decodeLine(line: string): { ok: true; record: unknown } | { ok: false } {
  if (line.length < 10 || line[8] !== ' ') return { ok: false };
  const json = line.slice(9);
  if (checksum(json) !== line.slice(0, 8)) return { ok: false };
  try {
    return { ok: true, record: JSON.parse(json) as unknown };
  } catch {
    return { ok: false };
  }
}

const checksum = (json: string) => crc32(json).toString(16).padStart(8, '0');

const NEWLINE = 0x0a;

interface PendingAppend {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface PendingCompaction {
  snapshot: () => Iterable<unknown>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class Journal {
  private queue: PendingAppend[] = [];
  private compaction: PendingCompaction | undefined;
  private writing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly file: string,
    private handle: FileHandle,
    /** Bytes known to be whole records on disk; a failed write is cut back to this. */
    private size: number,
    private count: number,
  ) {}

  static async open(file: string): Promise<JournalOpenResult> {
    const dir = dirname(file);
    await mkdir(dir, { recursive: true });
    // A leftover temporary file is a compaction that died before its rename: the journal
    // itself is still complete, so the partial copy is just discarded.
    await unlink(`${file}.tmp`).catch(ignoreMissing);

    let data: Buffer;
    let created = false;
    try {
      data = await readFile(file);
    } catch (error) {
      ignoreMissing(error);
      data = Buffer.alloc(0);
      created = true;
    }
    const end = data.lastIndexOf(NEWLINE) + 1;
    const records: unknown[] = [];
    let skipped = 0;
    for (const line of data.subarray(0, end).toString('utf8').split('\n')) {
      if (line === '') continue;
      const decoded = decodeLine(line);
      if (decoded.ok) records.push(decoded.record);
      else skipped += 1;
    }

    const handle = await open(file, 'a');
    try {
      if (data.length > end) {
        await handle.truncate(end);
        await handle.datasync();
      }
      if (created) await fsyncDirectory(dir);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return { journal: new Journal(file, handle, end, records.length), records, skipped, truncatedBytes: data.length - end };
  }

  /** Records in the file, compacted or not: the owner's hint for when to compact. */
  get recordCount(): number {
    return this.count;
  }

  /**
   * Resolves once the record is durable. On a write error the file is cut back to its last
   * whole record and this append — and every append queued behind it — is rejected, newest
   * first, so owners that applied them optimistically can undo them in reverse order.
   */
  append(record: unknown): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    const line = encodeRecord(record);
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.kick();
    });
  }

  /**
   * Rewrites the journal as `snapshot()` once no append is pending. `snapshot` is called at that
   * moment, so it sees exactly the state whose records are all on disk.
   */
  compactWhenIdle(snapshot: () => Iterable<unknown>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    if (this.compaction) return Promise.reject(new Error('a compaction is already pending'));
    return new Promise((resolve, reject) => {
      this.compaction = { snapshot, resolve, reject };
      this.kick();
    });
  }

  /** Waits for pending writes, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A pending compaction runs in a drain of its own after the current one.
    while (this.writing) await this.writing;
    await this.handle.close();
  }

  private kick(): void {
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
      if (this.queue.length > 0 || this.compaction) this.kick();
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        try {
          await this.write(batch.map((p) => p.line).join(''));
          this.count += batch.length;
          for (const p of batch) p.resolve();
        } catch (error) {
          const failed = [...batch, ...this.queue.splice(0)];
          for (let i = failed.length - 1; i >= 0; i -= 1) failed[i]!.reject(error);
          // Let the owners' undo handlers run before anything snapshots their state.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } else if (this.compaction) {
        const job = this.compaction;
        this.compaction = undefined;
        try {
          await this.rewrite(job.snapshot());
          job.resolve();
        } catch (error) {
          job.reject(error);
        }
      } else return;
    }
  }

  private async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    try {
      await writeAll(this.handle, bytes);
      await this.handle.datasync();
      this.size += bytes.length;
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined);
      throw error;
    }
  }

  private async rewrite(records: Iterable<unknown>): Promise<void> {
    // Encoded in one synchronous pass: the owner keeps mutating its state while the file is
    // written, and the snapshot must be the state at this instant.
    const chunks: string[] = [];
    let chunk = '';
    let count = 0;
    for (const record of records) {
      chunk += encodeRecord(record);
      count += 1;
      // ~1 MB pieces: thousands of bookmarks need not sit in one giant string.
      if (chunk.length > 1 << 20) {
        chunks.push(chunk);
        chunk = '';
      }
    }
    chunks.push(chunk);

    const tmpFile = `${this.file}.tmp`;
    const tmp = await open(tmpFile, 'w');
    let size = 0;
    try {
      for (const piece of chunks) size += await writeAll(tmp, Buffer.from(piece, 'utf8'));
      await tmp.sync();
    } finally {
      await tmp.close();
    }
    // Windows refuses to rename over a file that is open, so the journal is closed first.
    await this.handle.close();
    try {
      await rename(tmpFile, this.file);
      await fsyncDirectory(dirname(this.file));
      this.size = size;
      this.count = count;
    } finally {
      this.handle = await open(this.file, 'a');
    }
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<number> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
  return bytes.length;
}

/** Makes a created or renamed directory entry durable. Windows cannot open a directory for this. */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (isCode(error, 'EISDIR', 'EPERM', 'EACCES')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EINVAL', 'EBADF', 'EPERM', 'EISDIR')) throw error;
  } finally {
    await handle.close();
  }
}

function ignoreMissing(error: unknown): void {
  if (!isCode(error, 'ENOENT')) throw error;
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '');
}
