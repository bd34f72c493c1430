import type { BookmarkCategory } from '../../../common/bookmarks/categories';
import type { BookmarksChanged, BookmarkTargets, TargetView } from '../../../common/contract/methods/bookmarks';
import type { WallApi } from '../../../common/contract/wallApi';

/**
 * One window's view of the bookmark side of main: the categories (fetched once), the VMS
 * targets and their state (fetched, then kept current by `bookmarks.changed`), main's clock
 * (for "retrying in N s" on a workstation whose clock is off), and the change events for the
 * lists that show bookmarks. Shared by everything in the window that shows bookmarks.
 */
export class BookmarkClient {
  private categoriesPromise: Promise<BookmarkCategory[]> | null = null;
  private targetsState: BookmarkTargets | null = null;
  /** main's clock − this window's clock, from the last answer or event that carried `now`. */
  private offsetMs = 0;
  private readonly targetListeners = new Set<() => void>();
  private readonly changeListeners = new Set<(event: BookmarksChanged) => void>();

  constructor(private readonly api: WallApi) {
    api.on('bookmarks.changed', (event) => {
      this.offsetMs = event.now - Date.now();
      if (this.targetsState && event.targets.length > 0) {
        const byId = new Map(event.targets.map((t) => [t.targetId, t]));
        const known = new Set(this.targetsState.targets.map((t) => t.targetId));
        const targets: TargetView[] = this.targetsState.targets.map((t) => {
          const next = byId.get(t.targetId);
          return next ? { ...next, credential: t.credential } : t;
        });
        this.targetsState = { ...this.targetsState, targets };
        // A target this window has never seen (the site changed): its credential state comes from main.
        if (event.targets.some((t) => !known.has(t.targetId))) void this.refreshTargets();
        this.emitTargets();
      }
      for (const listener of this.changeListeners) listener(event);
    });
  }

  /** The category list; a failed fetch is tried again on the next call. */
  categories(): Promise<BookmarkCategory[]> {
    if (!this.categoriesPromise) {
      this.categoriesPromise = this.api.call('bookmarks.categories', {}).then((result) => {
        if (!result.ok) {
          this.categoriesPromise = null;
          throw new Error(result.error.message);
        }
        return result.value.categories;
      });
    }
    return this.categoriesPromise;
  }

  get targets(): BookmarkTargets | null {
    return this.targetsState;
  }

  async refreshTargets(): Promise<BookmarkTargets | null> {
    const result = await this.api.call('bookmarks.targets', {});
    if (result.ok) this.setTargets(result.value);
    return this.targetsState;
  }

  setTargets(targets: BookmarkTargets): void {
    this.offsetMs = targets.now - Date.now();
    this.targetsState = targets;
    this.emitTargets();
  }

  /** Now, by main's clock. */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  subscribeTargets = (listener: () => void): (() => void) => {
    this.targetListeners.add(listener);
    return () => this.targetListeners.delete(listener);
  };

  onChanged(listener: (event: BookmarksChanged) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emitTargets(): void {
    for (const listener of this.targetListeners) listener();
  }
}

const clients = new WeakMap<WallApi, BookmarkClient>();

export function bookmarkClientFor(api: WallApi): BookmarkClient {
  let client = clients.get(api);
  if (!client) {
    client = new BookmarkClient(api);
    clients.set(api, client);
  }
  return client;
}
