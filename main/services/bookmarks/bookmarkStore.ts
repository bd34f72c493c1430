import { join } from 'node:path';
import { z } from 'zod';
import { BookmarkIdSchema, BookmarkSchema, EpochMsSchema, TargetIdSchema, type Bookmark } from '../../../common/bookmarks/bookmarkSchemas';
import { Journal } from './journal';

/**
 * Bookmarks and what each VMS target has of them, kept in memory (thousands stay instant to
 * list) and made durable through the journal. Every mutation resolves only once its journal
 * record is on disk. State is applied in memory first so concurrent mutations share one fsync;
 * if the write fails the change is undone and the caller gets the error.
 */

export interface FailedDelivery {
  revision: number;
  status?: number;
  message: string;
  at: number;
}

/** The durable facts about one bookmark at one VMS target. */
export interface TargetDelivery {
  /** Highest revision the target confirmed; 0 = never delivered. */
  deliveredRevision: number;
  deliveredAt?: number;
  failed?: FailedDelivery;
  /** What the VMS calls its copy, per camera, for targets that name their own records. */
  remote: Record<string, string>;
  /**
   * Cameras for which a create was sent but no answer recorded: the VMS may hold the bookmark
   * already, so it must be looked up there before anything is sent again.
   */
  attempted: string[];
}

export interface StoredBookmark {
  /** Latest revision; may be a write still under way. */
  bookmark: Bookmark;
  /** Latest revision known to be on disk: the only one delivered to a VMS. */
  durable: Bookmark;
  /** The targets configured when it was made: deliveries go to those. */
  targets: Record<string, TargetDelivery>;
}

export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** An edit built on a revision that is no longer the latest: another edit got there first. */
export class RevisionConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevisionConflictError';
  }
}

const FailedDeliverySchema = z
  .object({ revision: z.number().int().min(1), status: z.number().int().optional(), message: z.string(), at: EpochMsSchema })
  .strict();
const TargetDeliverySchema = z
  .object({
    deliveredRevision: z.number().int().min(0),
    deliveredAt: EpochMsSchema.optional(),
    failed: FailedDeliverySchema.optional(),
    remote: z.record(z.string(), z.string()),
    attempted: z.array(z.string()),
  })
  .strict();
const ref = { id: BookmarkIdSchema, target: TargetIdSchema };

/** Journal record shapes. Each is idempotent: replaying one twice changes nothing. */
const EntrySchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('create'), bookmark: BookmarkSchema, targets: z.array(TargetIdSchema) }).strict(),
  z.object({ t: z.literal('update'), bookmark: BookmarkSchema }).strict(),
  z.object({ t: z.literal('attempt'), ...ref, camera: z.string() }).strict(),
  z.object({ t: z.literal('remote'), ...ref, camera: z.string(), remoteId: z.string() }).strict(),
  z.object({ t: z.literal('delivered'), ...ref, revision: z.number().int().min(1), at: EpochMsSchema }).strict(),
  z.object({ t: z.literal('failed'), ...ref, failed: FailedDeliverySchema }).strict(),
  z.object({ t: z.literal('retry'), ...ref }).strict(),
  z.object({ t: z.literal('snapshot'), bookmark: BookmarkSchema, targets: z.record(TargetIdSchema, TargetDeliverySchema) }).strict(),
]);
type Entry = z.infer<typeof EntrySchema>;

export interface BookmarkStoreOptions {
  /** Compact once the journal holds this many records more than three per bookmark. */
  compactAfterRecords?: number;
}

export interface StoreRecovery {
  records: number;
  /** Records dropped as corrupt or of an unknown shape. */
  skipped: number;
  truncatedBytes: number;
}

const JOURNAL_FILE = 'bookmarks.journal';

export class BookmarkStore {
  private readonly byId = new Map<string, StoredBookmark>();
  /** Ascending by (time, id): the incident list reads it from the end. */
  private readonly byTime: StoredBookmark[] = [];
  private compacting = false;

  private constructor(
    private readonly journal: Journal,
    private readonly compactAfter: number,
    readonly recovery: StoreRecovery,
  ) {}

  static async open(dir: string, options: BookmarkStoreOptions = {}): Promise<BookmarkStore> {
    const { journal, records, skipped, truncatedBytes } = await Journal.open(join(dir, JOURNAL_FILE));
    const recovery: StoreRecovery = { records: records.length, skipped, truncatedBytes };
    const store = new BookmarkStore(journal, options.compactAfterRecords ?? 2000, recovery);
    for (const raw of records) {
      const parsed = EntrySchema.safeParse(raw);
      if (parsed.success) store.apply(parsed.data);
      else recovery.skipped += 1;
    }
    for (const record of store.byId.values()) record.durable = record.bookmark;
    return store;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Readonly<StoredBookmark> | undefined {
    return this.byId.get(id);
  }

  *newestFirst(): Iterable<Readonly<StoredBookmark>> {
    for (let i = this.byTime.length - 1; i >= 0; i -= 1) yield this.byTime[i]!;
  }

  oldestFirst(): Iterable<Readonly<StoredBookmark>> {
    return this.byTime.values();
  }

  create(bookmark: Bookmark, targetIds: readonly string[]): Promise<void> {
    if (this.byId.has(bookmark.id)) return Promise.reject(new Error(`bookmark ${bookmark.id} exists`));
    return this.commit({ t: 'create', bookmark, targets: [...targetIds] });
  }

  update(bookmark: Bookmark): Promise<void> {
    const current = this.byId.get(bookmark.id);
    if (!current) return Promise.reject(new Error(`no bookmark ${bookmark.id}`));
    if (bookmark.revision !== current.bookmark.revision + 1) {
      return Promise.reject(new RevisionConflictError(`bookmark ${bookmark.id} is at revision ${current.bookmark.revision}; revision ${bookmark.revision} does not follow it`));
    }
    return this.commit({ t: 'update', bookmark });
  }

  recordAttempt(id: string, target: string, camera: string): Promise<void> {
    return this.commit({ t: 'attempt', id, target, camera });
  }

  recordRemote(id: string, target: string, camera: string, remoteId: string): Promise<void> {
    return this.commit({ t: 'remote', id, target, camera, remoteId });
  }

  markDelivered(id: string, target: string, revision: number, at: number): Promise<void> {
    return this.commit({ t: 'delivered', id, target, revision, at });
  }

  markFailed(id: string, target: string, failed: FailedDelivery): Promise<void> {
    return this.commit({ t: 'failed', id, target, failed });
  }

  clearFailed(id: string, target: string): Promise<void> {
    return this.commit({ t: 'retry', id, target });
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private async commit(entry: Entry): Promise<void> {
    const undo = this.apply(entry);
    try {
      await this.journal.append(entry);
    } catch (error) {
      undo();
      throw new StorageError(`could not write the bookmark journal: ${(error as Error).message}`, { cause: error });
    }
    if (entry.t === 'create' || entry.t === 'update') {
      const record = this.byId.get(entry.bookmark.id);
      if (record && record.durable.revision < entry.bookmark.revision) record.durable = entry.bookmark;
    }
    this.compactIfDue();
  }

  private compactIfDue(): void {
    if (this.compacting || this.journal.recordCount < this.compactAfter + 3 * this.byId.size) return;
    this.compacting = true;
    this.journal
      .compactWhenIdle(() => this.snapshot())
      // A failed compaction leaves the old journal whole; the next threshold crossing tries again.
      .catch(() => undefined)
      .finally(() => {
        this.compacting = false;
      });
  }

  private *snapshot(): Iterable<Entry> {
    for (const record of this.byTime) yield { t: 'snapshot', bookmark: record.bookmark, targets: record.targets };
  }

  /** Applies an entry in memory and returns how to take it back. */
  private apply(entry: Entry): () => void {
    switch (entry.t) {
      case 'create':
      case 'snapshot': {
        const existing = this.byId.get(entry.bookmark.id);
        if (existing) {
          // Replaying a record that a compaction already folded in: keep the newest.
          if (entry.bookmark.revision > existing.bookmark.revision) existing.bookmark = entry.bookmark;
          return () => undefined;
        }
        // Entries are freshly parsed or freshly built, so the store can own their objects.
        const targets: Record<string, TargetDelivery> =
          entry.t === 'snapshot'
            ? entry.targets
            : Object.fromEntries(entry.targets.map((id) => [id, { deliveredRevision: 0, remote: {}, attempted: [] }]));
        const record: StoredBookmark = { bookmark: entry.bookmark, durable: entry.bookmark, targets };
        this.byId.set(entry.bookmark.id, record);
        const at = this.insertionIndex(entry.bookmark);
        this.byTime.splice(at, 0, record);
        return () => {
          this.byId.delete(entry.bookmark.id);
          this.byTime.splice(this.byTime.indexOf(record), 1);
        };
      }
      case 'update': {
        const record = this.byId.get(entry.bookmark.id);
        if (!record || record.bookmark.revision >= entry.bookmark.revision) return () => undefined;
        const previous = record.bookmark;
        record.bookmark = entry.bookmark;
        return () => {
          record.bookmark = previous;
        };
      }
      default:
        return this.applyToTarget(entry);
    }
  }

  private applyToTarget(entry: Exclude<Entry, { t: 'create' | 'snapshot' | 'update' }>): () => void {
    const record = this.byId.get(entry.id);
    const target = record?.targets[entry.target];
    if (!record || !target) return () => undefined;
    const previous: TargetDelivery = { ...target, remote: { ...target.remote }, attempted: [...target.attempted] };
    switch (entry.t) {
      case 'attempt':
        if (!target.attempted.includes(entry.camera)) target.attempted.push(entry.camera);
        break;
      case 'remote':
        target.remote[entry.camera] = entry.remoteId;
        target.attempted = target.attempted.filter((c) => c !== entry.camera);
        break;
      case 'delivered':
        if (entry.revision >= target.deliveredRevision) {
          target.deliveredRevision = entry.revision;
          target.deliveredAt = entry.at;
        }
        if (target.failed && target.failed.revision <= entry.revision) target.failed = undefined;
        break;
      case 'failed':
        target.failed = entry.failed;
        break;
      case 'retry':
        target.failed = undefined;
        break;
    }
    return () => {
      record.targets[entry.target] = previous;
    };
  }

  private insertionIndex(bookmark: Bookmark): number {
    let lo = 0;
    let hi = this.byTime.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.byTime[mid]!.bookmark;
      if (other.time < bookmark.time || (other.time === bookmark.time && other.id < bookmark.id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
