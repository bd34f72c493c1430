import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { matchesFilter, summarizeDeliveries } from '../../../common/bookmarks/bookmarkFilter';
import {
  BookmarkCreateInputSchema,
  BookmarkListFilterSchema,
  BookmarkRetryInputSchema,
  BookmarkSchema,
  BookmarkUpdateInputSchema,
  type Bookmark,
  type BookmarkCreateInput,
  type BookmarkEvent,
  type BookmarkList,
  type BookmarkListFilterInput,
  type BookmarkRetryInput,
  type BookmarkUpdateInput,
  type BookmarkView,
  type DeliveryState,
  type TargetStatus,
} from '../../../common/bookmarks/bookmarkSchemas';
import { BookmarkCategoryListSchema, DEFAULT_CATEGORIES, bookmarkWindow, type BookmarkCategory } from '../../../common/bookmarks/categories';
import { Outbox, type Clock, type OutboxOptions } from '../../../common/bookmarks/outbox';
import type { VmsTarget } from '../../../common/site/vmsTargets';
import { describeProblems, problemsOf } from '../../../common/validation';
import type { SecretStore, VmsAdapter } from '../vms/adapter';
import { createVmsAdapter, type AdapterDeps } from '../vms/createVmsAdapter';
import { BookmarkError } from './bookmarkErrors';
import { RevisionConflictError, StorageError, type BookmarkStore, type StoredBookmark, type TargetDelivery } from './bookmarkStore';
import { OutboxRunner, type CameraInfo } from './outboxRunner';
import { systemClock, systemScheduler, type Scheduler } from './scheduler';

export interface BookmarkServiceOptions {
  /** The service owns it from here on and closes it. */
  store: BookmarkStore;
  /** The site's `vms` list. */
  targets: readonly VmsTarget[];
  /** Looks a camera up in the site; unknown ids are refused at create. */
  cameras: (cameraId: string) => CameraInfo | undefined;
  secrets: SecretStore;
  categories?: readonly BookmarkCategory[];
  clock?: Clock;
  scheduler?: Scheduler;
  random?: () => number;
  newId?: () => string;
  outbox?: Partial<OutboxOptions>;
  /** Tests and new VMS types plug in here; defaults to the built-in adapters. */
  createAdapter?: (target: VmsTarget, deps: AdapterDeps) => VmsAdapter;
}

export type BookmarkListener = (event: BookmarkEvent) => void;

/**
 * Incident bookmarks, main side: creates, edits and lists them (each change on disk before the
 * call resolves) and delivers every revision to each VMS target through the outbox. The contract
 * handlers call these methods; `onChange` feeds the push event.
 */
export class BookmarkService {
  private readonly store: BookmarkStore;
  private readonly targets: readonly VmsTarget[];
  private readonly cameras: (cameraId: string) => CameraInfo | undefined;
  private readonly categoryList: readonly BookmarkCategory[];
  private readonly categoryById: Map<string, BookmarkCategory>;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly outbox: Outbox;
  private readonly runner: OutboxRunner;
  private readonly listeners = new Set<BookmarkListener>();
  private readonly lastTargetEvent = new Map<string, string>();
  private closed = false;

  constructor(options: BookmarkServiceOptions) {
    this.store = options.store;
    this.targets = options.targets;
    this.cameras = options.cameras;
    this.categoryList = BookmarkCategoryListSchema.parse(options.categories ?? DEFAULT_CATEGORIES);
    this.categoryById = new Map(this.categoryList.map((c) => [c.id, c]));
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomUUID;
    this.outbox = new Outbox(this.clock, options.random ?? Math.random, options.outbox);
    const deps: AdapterDeps = { secrets: options.secrets, clock: this.clock };
    const createAdapter = options.createAdapter ?? createVmsAdapter;
    this.runner = new OutboxRunner({
      store: this.store,
      outbox: this.outbox,
      targets: this.targets,
      adapters: new Map(this.targets.map((t) => [t.id, createAdapter(t, deps)])),
      cameras: this.cameras,
      category: (id) => this.category(id),
      clock: this.clock,
      scheduler: options.scheduler ?? systemScheduler,
      onDelivery: (bookmarkId) => this.emitBookmark(bookmarkId),
      onTarget: (targetId) => this.emitTarget(targetId),
    });
  }

  /** Starts delivering, beginning with whatever the journal says is still owed. */
  start(): void {
    this.runner.start();
  }

  /** Resolves once the bookmark is on disk; its delivery starts right after. */
  async create(input: BookmarkCreateInput, operator: string): Promise<BookmarkView> {
    this.assertOpen();
    const parsed = parse(BookmarkCreateInputSchema, input);
    const category = this.categoryById.get(parsed.category);
    if (!category) throw new BookmarkError('unknown_category', `unknown category "${parsed.category}"`);
    const cameras = parsed.cameraIds.map((id) => {
      const camera = this.cameras(id);
      if (!camera) throw new BookmarkError('unknown_camera', `unknown camera "${id}"`);
      return camera;
    });
    const now = this.clock.now();
    const bookmark = parse(BookmarkSchema, {
      id: this.newId(),
      revision: 1,
      createdAt: now,
      updatedAt: now,
      time: now,
      ...bookmarkWindow(now, category, parsed.preRollS, parsed.postRollS),
      cameraIds: parsed.cameraIds,
      category: category.id,
      priority: parsed.priority ?? category.priority,
      note: parsed.note ?? '',
      location: parsed.location ?? cameras.find((c) => c.position)?.position ?? null,
      operator,
      updatedBy: operator,
    });
    await this.persist(() => this.store.create(bookmark, this.targets.map((t) => t.id)));
    this.runner.enqueue(bookmark.id);
    return this.emitBookmark(bookmark.id)!;
  }

  /** An edit becomes a new revision, delivered to every target like the first. */
  async update(input: BookmarkUpdateInput, operator: string): Promise<BookmarkView> {
    this.assertOpen();
    const parsed = parse(BookmarkUpdateInputSchema, input);
    const current = this.store.get(parsed.id)?.bookmark;
    if (!current) throw new BookmarkError('not_found', `no bookmark ${parsed.id}`);
    if (parsed.expectedRevision !== undefined && parsed.expectedRevision !== current.revision) {
      throw new BookmarkError('conflict', `bookmark ${parsed.id} is at revision ${current.revision}, not ${parsed.expectedRevision}`);
    }
    if (parsed.category !== undefined && !this.categoryById.has(parsed.category)) {
      throw new BookmarkError('unknown_category', `unknown category "${parsed.category}"`);
    }
    // The window keeps its rolls unless new ones are given; a category change alone does not move it.
    const window = bookmarkWindow(
      current.time,
      { preRollS: (current.time - current.startTime) / 1000, postRollS: (current.endTime - current.time) / 1000 },
      parsed.preRollS,
      parsed.postRollS,
    );
    const edited = {
      ...current,
      ...window,
      category: parsed.category ?? current.category,
      note: parsed.note ?? current.note,
      priority: parsed.priority ?? current.priority,
      location: parsed.location === undefined ? current.location : parsed.location,
    };
    if (sameContent(edited, current)) return this.view(this.store.get(current.id)!);
    const next = parse(BookmarkSchema, { ...edited, revision: current.revision + 1, updatedAt: this.clock.now(), updatedBy: operator });
    await this.persist(() => this.store.update(next));
    this.runner.enqueue(next.id);
    return this.emitBookmark(next.id)!;
  }

  get(id: string): BookmarkView | undefined {
    const record = this.store.get(id);
    return record && this.view(record);
  }

  /** Newest first, filtered by time, camera, category and delivery state. */
  list(filter: BookmarkListFilterInput = {}): BookmarkList {
    const parsed = parse(BookmarkListFilterSchema, filter);
    const items: BookmarkView[] = [];
    let total = 0;
    for (const record of this.store.newestFirst()) {
      const view = this.view(record);
      if (!matchesFilter(view, parsed)) continue;
      if (total >= parsed.offset && items.length < parsed.limit) items.push(view);
      total += 1;
    }
    return { items, total };
  }

  /** Manual retry of failed or waiting deliveries, of one bookmark and/or one target. */
  async retry(input: BookmarkRetryInput = {}): Promise<{ retried: number }> {
    this.assertOpen();
    const parsed = parse(BookmarkRetryInputSchema, input);
    if (parsed.bookmarkId !== undefined && !this.store.get(parsed.bookmarkId)) throw new BookmarkError('not_found', `no bookmark ${parsed.bookmarkId}`);
    const retried = await this.persist(() => this.runner.retry(parsed));
    return { retried };
  }

  targetStatuses(): TargetStatus[] {
    return this.targets.map((t) => this.targetStatus(t));
  }

  categories(): readonly BookmarkCategory[] {
    return this.categoryList;
  }

  onChange(listener: BookmarkListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no delivery is under way. */
  settled(): Promise<void> {
    return this.runner.settled();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.runner.close();
    await this.store.close();
  }

  private view(record: Readonly<StoredBookmark>): BookmarkView {
    const deliveries: Record<string, DeliveryState> = {};
    for (const [targetId, delivery] of Object.entries(record.targets)) deliveries[targetId] = this.deliveryState(record, targetId, delivery);
    return { ...record.bookmark, deliveries, delivery: summarizeDeliveries(deliveries) };
  }

  private deliveryState(record: Readonly<StoredBookmark>, targetId: string, delivery: TargetDelivery): DeliveryState {
    const revision = record.bookmark.revision;
    const job = this.outbox.state(record.bookmark.id, targetId);
    if (job?.state === 'delivering') return { state: 'delivering', revision, attempt: job.attempt };
    if (job?.state === 'retrying') return { state: 'retrying', revision, attempt: job.attempt, nextAttemptAt: job.nextAttemptAt, lastError: job.lastError };
    if (job === undefined && delivery.deliveredRevision >= revision) {
      return { state: 'delivered', revision: delivery.deliveredRevision, at: delivery.deliveredAt ?? record.bookmark.updatedAt };
    }
    if (job === undefined && delivery.failed) {
      const { revision: failedRevision, status, message, at } = delivery.failed;
      return { state: 'failed', revision: failedRevision, ...(status === undefined ? {} : { status }), message, at };
    }
    return { state: 'pending', revision };
  }

  private targetStatus(target: VmsTarget): TargetStatus {
    const health = this.outbox.health(target.id);
    let failed = 0;
    for (const record of this.store.oldestFirst()) if (record.targets[target.id]?.failed?.revision === record.bookmark.revision) failed += 1;
    return {
      targetId: target.id,
      type: target.type,
      name: target.name ?? target.id,
      state: health.state,
      ...(health.since === undefined ? {} : { since: health.since }),
      ...(health.nextAttemptAt === undefined ? {} : { nextAttemptAt: health.nextAttemptAt, attempt: health.failures }),
      ...(health.lastError === undefined ? {} : { lastError: health.lastError }),
      ...(health.status === undefined ? {} : { status: health.status }),
      pending: health.pending,
      failed,
      ...(health.lastDeliveredAt === undefined ? {} : { lastDeliveredAt: health.lastDeliveredAt }),
    };
  }

  private category(id: string): BookmarkCategory {
    // A bookmark keeps a category the site later dropped; it still needs a name in the VMS.
    return this.categoryById.get(id) ?? { id, names: { en: id }, colour: '#607d8b', preRollS: 0, postRollS: 0, priority: 'normal' };
  }

  private emitBookmark(bookmarkId: string): BookmarkView | undefined {
    const record = this.store.get(bookmarkId);
    if (!record) return undefined;
    const bookmark = this.view(record);
    this.emit({ type: 'bookmark', bookmark });
    return bookmark;
  }

  /** Target events go out when the state a console shows changes, not on every delivery. */
  private emitTarget(targetId: string): void {
    const target = this.targets.find((t) => t.id === targetId);
    if (!target) return;
    const health = this.outbox.health(targetId);
    const shown = JSON.stringify([health.state, health.nextAttemptAt, health.lastError, health.status]);
    if (this.lastTargetEvent.get(targetId) === shown) return;
    this.lastTargetEvent.set(targetId, shown);
    this.emit({ type: 'target', target: this.targetStatus(target) });
  }

  private emit(event: BookmarkEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing subscriber (a closed window) must not stop deliveries or other subscribers.
      }
    }
  }

  private async persist<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof StorageError) throw new BookmarkError('storage', error.message, { cause: error });
      if (error instanceof RevisionConflictError) throw new BookmarkError('conflict', error.message, { cause: error });
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new BookmarkError('closed', 'the bookmark service is closed');
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BookmarkError('invalid_input', describeProblems('bookmark', problemsOf(result.error)));
  return result.data;
}

function sameContent(a: Bookmark, b: Bookmark): boolean {
  const keys = ['startTime', 'endTime', 'category', 'note', 'priority'] as const;
  return keys.every((k) => a[k] === b[k]) && JSON.stringify(a.location) === JSON.stringify(b.location);
}
