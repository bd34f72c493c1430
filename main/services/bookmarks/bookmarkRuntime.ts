import { join } from 'node:path';
import type { BookmarkEvent, BookmarkView, TargetStatus } from '../../../common/bookmarks/bookmarkSchemas';
import { BookmarkCategoryListSchema, type BookmarkCategory } from '../../../common/bookmarks/categories';
import type { BookmarkChange, BookmarksChanged, BookmarkTargets, CredentialState } from '../../../common/contract/methods/bookmarks';
import type { Site } from '../../../common/site/siteSchema';
import type { VmsTarget } from '../../../common/site/vmsTargets';
import { describeProblems, parseJsonWith } from '../../../common/validation';
import type { SecretStore } from '../secrets/secretStore';
import { readTextIfExists } from '../storage/atomicFile';
import { BookmarkError } from './bookmarkErrors';
import { BookmarkService, type BookmarkServiceOptions } from './bookmarkService';
import { BookmarkStore } from './bookmarkStore';
import type { CameraInfo } from './outboxRunner';

/** The bookmark journal's folder inside the data dir. */
export const BOOKMARKS_DIR_NAME = 'bookmarks';
/**
 * Optional list of categories (ids, names in en/es/pt, colours, pre/post-roll, priority) that
 * replaces the built-in one; validated with BookmarkCategoryListSchema.
 */
export const CATEGORIES_FILE_NAME = 'bookmark-categories.json';
/**
 * How long changes gather before one `bookmarks.changed` goes out. A VMS that comes back drains
 * thousands of deliveries within seconds; one event per delivery would flood every window.
 */
export const EVENT_BATCH_MS = 100;

export interface BookmarkRuntimeOptions {
  dataDir: string;
  secrets: SecretStore;
  /** What protects the credentials, in words (the cipher's description), for the console. */
  credentialStoreDescription?: string;
  /** The site in use now (cameras for lookups, `vms` for the targets). */
  site: () => Site;
  publish: (event: BookmarksChanged) => void;
  log?: (message: string) => void;
  /** A problem the operator should see (a bad categories file). */
  warn?: (code: string, message: string) => void;
  now?: () => number;
  eventBatchMs?: number;
  /** Tests: a simulated clock, adapters, outbox tuning. */
  service?: Partial<Omit<BookmarkServiceOptions, 'store' | 'targets' | 'cameras' | 'secrets' | 'categories'>>;
}

/** The contract's view of a bookmark change: no note, location or operator (see BookmarkChangeSchema). */
export function changeOf(view: BookmarkView): BookmarkChange {
  const { id, revision, updatedAt, time, cameraIds, category, deliveries, delivery } = view;
  return { id, revision, updatedAt, time, cameraIds, category, deliveries, delivery };
}

async function readCategories(dataDir: string): Promise<{ categories?: BookmarkCategory[]; problem?: string }> {
  const path = join(dataDir, CATEGORIES_FILE_NAME);
  const text = await readTextIfExists(path);
  if (text === undefined) return {};
  const parsed = parseJsonWith(BookmarkCategoryListSchema, text);
  if (!parsed.ok) return { problem: `${describeProblems(path, parsed.problems)}\nThe built-in bookmark categories are used instead.` };
  return { categories: parsed.value };
}

/**
 * Owns the bookmark service for the app's lifetime: opens the journal in the data dir, feeds the
 * service the current site's cameras and VMS targets, rebuilds it (same journal) when the site's
 * `vms` list changes, and turns its change notifications into batched `bookmarks.changed` events.
 * Contract calls go through `use()`, which waits while a rebuild is under way.
 */
export class BookmarkRuntime {
  private service!: BookmarkService;
  private targets: readonly VmsTarget[] = [];
  private targetsKey = '';
  private switching: Promise<void> | null = null;
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;
  private unsubscribe: () => void = () => undefined;
  private readonly pendingBookmarks = new Map<string, BookmarkChange>();
  private readonly pendingTargets = new Map<string, TargetStatus>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private cameraIndex: { site: Site; byId: Map<string, CameraInfo & { group?: string }> } | undefined;
  private readonly now: () => number;

  private constructor(
    private readonly opts: BookmarkRuntimeOptions,
    private readonly categoryList: readonly BookmarkCategory[] | undefined,
  ) {
    this.now = opts.now ?? Date.now;
  }

  static async open(opts: BookmarkRuntimeOptions): Promise<BookmarkRuntime> {
    const { categories, problem } = await readCategories(opts.dataDir);
    if (problem) opts.warn?.('bookmark_categories', problem);
    const runtime = new BookmarkRuntime(opts, categories);
    await runtime.startService(opts.site().vms);
    return runtime;
  }

  /** A camera as the bookmark service and the handlers need it, from the site in use. */
  camera(cameraId: string): (CameraInfo & { group?: string }) | undefined {
    const site = this.opts.site();
    if (this.cameraIndex?.site !== site) {
      this.cameraIndex = {
        site,
        byId: new Map(site.cameras.map((c) => [c.id, { id: c.id, name: c.name, vmsDeviceId: c.vmsDeviceId, position: c.position, ...(c.group !== undefined ? { group: c.group } : {}) }])),
      };
    }
    return this.cameraIndex.byId.get(cameraId);
  }

  /** Runs a call on the current service, after any rebuild under way. */
  async use<T>(call: (service: BookmarkService) => Promise<T> | T): Promise<T> {
    while (this.switching) await this.switching;
    if (this.closed) throw new BookmarkError('closed', 'the bookmark service is closed');
    this.active += 1;
    try {
      return await call(this.service);
    } finally {
      this.active -= 1;
      if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** The site was loaded or edited: a different `vms` list means new adapters. */
  siteChanged(site: Site): void {
    const key = JSON.stringify(site.vms);
    if (key === this.targetsKey || this.closed) return;
    this.targetsKey = key;
    const run = (this.switching ?? Promise.resolve())
      .then(() => this.rebuild(site.vms))
      .catch((err: unknown) => this.opts.log?.(`[error] bookmarks: could not apply the new VMS targets: ${(err as Error).stack ?? String(err)}`))
      .finally(() => {
        if (this.switching === run) this.switching = null;
      });
    this.switching = run;
  }

  targetConfig(targetId: string): VmsTarget | undefined {
    return this.targets.find((t) => t.id === targetId);
  }

  credentialState(target: VmsTarget): CredentialState {
    const ref = target.secretRef;
    if (ref === undefined) return 'none';
    if (!this.opts.secrets.has(ref)) return 'missing';
    return this.opts.secrets.unreadable.includes(ref) ? 'unreadable' : 'set';
  }

  targetsView(service: BookmarkService): BookmarkTargets {
    const byId = new Map(this.targets.map((t) => [t.id, t]));
    return {
      now: this.now(),
      targets: service.targetStatuses().map((status) => {
        const target = byId.get(status.targetId);
        return { ...status, credential: target ? this.credentialState(target) : 'none' };
      }),
      credentialStore: {
        secure: this.opts.secrets.isSecure,
        description: this.opts.credentialStoreDescription ?? (this.opts.secrets.isSecure ? "the operating system's credential store" : 'a key file in the data directory (not an OS keychain)'),
      },
    };
  }

  /** Sends whatever changed since the last event now (tests; shutdown). */
  flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pendingBookmarks.size === 0 && this.pendingTargets.size === 0) return;
    const event: BookmarksChanged = { now: this.now(), bookmarks: [...this.pendingBookmarks.values()], targets: [...this.pendingTargets.values()] };
    this.pendingBookmarks.clear();
    this.pendingTargets.clear();
    try {
      this.opts.publish(event);
    } catch (err) {
      this.opts.log?.(`[error] bookmarks.changed: ${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.switching) await this.switching;
    this.closed = true;
    await this.waitIdle();
    this.unsubscribe();
    await this.service.close();
    this.flush();
  }

  private async startService(targets: readonly VmsTarget[]): Promise<void> {
    const store = await BookmarkStore.open(join(this.opts.dataDir, BOOKMARKS_DIR_NAME));
    this.targets = targets;
    this.targetsKey = JSON.stringify(targets);
    this.service = new BookmarkService({
      ...this.opts.service,
      store,
      targets,
      cameras: (id) => this.camera(id),
      secrets: this.opts.secrets,
      ...(this.categoryList ? { categories: this.categoryList } : {}),
    });
    this.unsubscribe = this.service.onChange((event) => this.collect(event));
    this.service.start();
  }

  private async rebuild(targets: readonly VmsTarget[]): Promise<void> {
    await this.waitIdle();
    this.unsubscribe();
    await this.service.close();
    await this.startService(targets);
    this.opts.log?.(`bookmarks: VMS targets now ${targets.map((t) => `${t.id} (${t.type})`).join(', ') || 'none'}`);
    // Every window's target list changes at once: removed ones go, new ones start as unknown.
    for (const status of this.service.targetStatuses()) this.pendingTargets.set(status.targetId, status);
    this.flush();
  }

  private waitIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private collect(event: BookmarkEvent): void {
    if (event.type === 'bookmark') this.pendingBookmarks.set(event.bookmark.id, changeOf(event.bookmark));
    else this.pendingTargets.set(event.target.targetId, event.target);
    if (this.flushTimer === undefined) this.flushTimer = setTimeout(() => this.flush(), this.opts.eventBatchMs ?? EVENT_BATCH_MS);
  }
}
