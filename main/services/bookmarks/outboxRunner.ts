import type { BookmarkCategory } from '../../../common/bookmarks/categories';
import type { Clock, DeliveryOutcome, Outbox, OutboxJob } from '../../../common/bookmarks/outbox';
import type { LatLng } from '../../../common/site/siteSchema';
import type { VmsTarget } from '../../../common/site/vmsTargets';
import type { DeliveryCamera, DeliveryContext, VmsAdapter } from '../vms/adapter';
import { toDeliveryFailure } from '../vms/vmsError';
import type { BookmarkStore, StoredBookmark, TargetDelivery } from './bookmarkStore';
import type { Scheduler } from './scheduler';

/** What the site file knows about a camera, as far as bookmarks care. */
export interface CameraInfo {
  id: string;
  name?: string;
  vmsDeviceId?: string;
  position?: LatLng;
}

export interface OutboxRunnerOptions {
  store: BookmarkStore;
  outbox: Outbox;
  targets: readonly VmsTarget[];
  adapters: ReadonlyMap<string, VmsAdapter>;
  cameras: (cameraId: string) => CameraInfo | undefined;
  category: (categoryId: string) => BookmarkCategory;
  clock: Clock;
  scheduler: Scheduler;
  /** A delivery of this bookmark to this target changed state. */
  onDelivery(bookmarkId: string, targetId: string): void;
  /** The target may have changed state. */
  onTarget(targetId: string): void;
}

/** Does this target still owe the bookmark's latest durable revision (and has not refused it)? */
export function owes(record: Readonly<StoredBookmark>, delivery: TargetDelivery): boolean {
  const revision = record.durable.revision;
  return delivery.deliveredRevision < revision && delivery.failed?.revision !== revision;
}

/**
 * Owns the outbox's time: wakes when the pure Outbox says something is due, runs those
 * deliveries through the adapters, records their outcome durably, and reports back.
 */
export class OutboxRunner {
  private readonly targets: Map<string, VmsTarget>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private timer: unknown;
  private timerAt: number | undefined;
  private closed = false;

  constructor(private readonly options: OutboxRunnerOptions) {
    this.targets = new Map(options.targets.map((t) => [t.id, t]));
  }

  /** Queues everything the journal says some configured target still owes, oldest first. */
  start(): void {
    for (const record of this.options.store.oldestFirst()) this.queue(record);
    this.pump();
  }

  /** A bookmark was created or edited (durably): deliver its latest revision. */
  enqueue(bookmarkId: string): void {
    const record = this.options.store.get(bookmarkId);
    if (record) this.queue(record);
    this.pump();
  }

  /**
   * Manual retry: deliveries refused for good are queued again, waiting ones go now. Returns how
   * many deliveries that concerned.
   */
  async retry(filter: { bookmarkId?: string; targetId?: string }): Promise<number> {
    const { store, outbox } = this.options;
    const records = filter.bookmarkId === undefined ? [...store.oldestFirst()] : [store.get(filter.bookmarkId)].filter((r) => r !== undefined);
    for (const record of records) {
      for (const [targetId, delivery] of Object.entries(record.targets)) {
        if (filter.targetId !== undefined && targetId !== filter.targetId) continue;
        if (!this.targets.has(targetId) || delivery.failed === undefined) continue;
        await store.clearFailed(record.bookmark.id, targetId);
        outbox.enqueue(record.bookmark.id, targetId);
        this.options.onDelivery(record.bookmark.id, targetId);
      }
    }
    // Counts the refusals just queued again too, and opens a backed-off target right away.
    const count = outbox.retryNow(filter);
    this.pump();
    return count;
  }

  /** Resolves when no delivery is under way (new ones may still be due later). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops waking, cancels requests under way and waits for them to wind down. */
  async close(): Promise<void> {
    this.closed = true;
    this.disarm();
    this.abort.abort();
    await this.settled();
  }

  private queue(record: Readonly<StoredBookmark>): void {
    for (const [targetId, delivery] of Object.entries(record.targets)) {
      if (this.targets.has(targetId) && owes(record, delivery)) this.options.outbox.enqueue(record.bookmark.id, targetId);
    }
  }

  private pump(): void {
    if (this.closed) return;
    for (const job of this.options.outbox.take()) {
      const run = this.run(job).finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
    this.arm();
  }

  private arm(): void {
    const at = this.options.outbox.nextWakeAt();
    if (at === this.timerAt) return;
    this.disarm();
    if (at === undefined) return;
    this.timerAt = at;
    this.timer = this.options.scheduler.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = undefined;
        this.pump();
      },
      Math.max(0, at - this.options.clock.now()),
    );
  }

  private disarm(): void {
    if (this.timer !== undefined) this.options.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
  }

  private async run(job: OutboxJob): Promise<void> {
    const { store, outbox, clock } = this.options;
    const { bookmarkId, targetId } = job;
    this.options.onDelivery(bookmarkId, targetId);
    const record = store.get(bookmarkId);
    const delivery = record?.targets[targetId];
    const adapter = this.options.adapters.get(targetId);
    if (!record || !delivery || !adapter || !owes(record, delivery)) {
      // Nothing (left) to send: it was delivered or refused while this waited.
      outbox.release(bookmarkId, targetId);
    } else {
      let outcome: DeliveryOutcome;
      const revision = record.durable.revision;
      try {
        await adapter.deliver(this.context(record, targetId, delivery));
        await store.markDelivered(bookmarkId, targetId, revision, clock.now());
        outcome = { ok: true };
      } catch (error) {
        const failure = toDeliveryFailure(error);
        if (failure.permanent) {
          try {
            await store.markFailed(bookmarkId, targetId, { revision, status: failure.status, message: failure.message, at: clock.now() });
          } catch (storeError) {
            // Not on disk, so not final: try again later rather than forget the refusal.
            failure.permanent = false;
            failure.message = `${failure.message}; and ${(storeError as Error).message}`;
          }
        }
        outcome = { ok: false, failure };
      }
      outbox.complete(bookmarkId, targetId, outcome);
    }
    this.options.onDelivery(bookmarkId, targetId);
    this.options.onTarget(targetId);
    this.pump();
  }

  private context(record: Readonly<StoredBookmark>, targetId: string, delivery: TargetDelivery): DeliveryContext {
    const { store, cameras, category } = this.options;
    const target = this.targets.get(targetId)!;
    const bookmark = record.durable;
    return {
      bookmark,
      category: category(bookmark.category),
      cameras: bookmark.cameraIds.map((id): DeliveryCamera => {
        const camera = cameras(id);
        return { id, name: camera?.name, vmsDeviceId: target.deviceIds?.[id] ?? camera?.vmsDeviceId };
      }),
      deliveredRevision: delivery.deliveredRevision,
      remoteIds: { ...delivery.remote },
      unconfirmed: new Set(delivery.attempted),
      beforeCreate: (cameraId) => store.recordAttempt(bookmark.id, targetId, cameraId),
      created: (cameraId, remoteId) => store.recordRemote(bookmark.id, targetId, cameraId, remoteId),
      signal: this.abort.signal,
    };
  }
}
