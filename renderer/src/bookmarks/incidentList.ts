import type { BookmarkListFilterInput, BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import type { BookmarkChange } from '../../../common/contract/methods/bookmarks';

/**
 * The incident list's page of bookmarks kept current by `bookmarks.changed`, as pure steps: a
 * change to a listed bookmark updates its delivery in place (or asks for its new content when
 * it was edited); a new bookmark that the filter admits asks to be fetched; one that no longer
 * matches leaves the list. The hook that holds the state does the fetching.
 */

export type ListFilter = Omit<BookmarkListFilterInput, 'offset' | 'limit'>;

export interface ListState {
  items: BookmarkView[];
  total: number;
}

/** The fields of a bookmark the list filters on: a full view or an event's change has them all. */
type Filterable = Pick<BookmarkView, 'time' | 'cameraIds' | 'category' | 'deliveries' | 'delivery'>;

/** Mirrors the filter main applies (common/bookmarks/bookmarkFilter.ts) on what an event carries. */
export function admits(filter: ListFilter, b: Filterable): boolean {
  if (filter.from !== undefined && b.time < filter.from) return false;
  if (filter.to !== undefined && b.time >= filter.to) return false;
  if (filter.cameraId !== undefined && !b.cameraIds.includes(filter.cameraId)) return false;
  if (filter.category !== undefined && b.category !== filter.category) return false;
  if (filter.delivery !== undefined) {
    if (filter.targetId !== undefined) {
      const state = b.deliveries[filter.targetId];
      if (filter.delivery === 'local' ? state !== undefined : state?.state !== filter.delivery) return false;
    } else if (b.delivery !== filter.delivery) return false;
  } else if (filter.targetId !== undefined && b.deliveries[filter.targetId] === undefined) return false;
  return true;
}

export interface ApplyResult {
  state: ListState;
  /** Bookmarks whose content must be fetched (new, or edited since listed). */
  fetch: string[];
}

export function applyChanges(state: ListState, changes: readonly BookmarkChange[], filter: ListFilter): ApplyResult {
  const byId = new Map(state.items.map((item, index) => [item.id, index]));
  let items = state.items;
  let total = state.total;
  const fetch: string[] = [];
  const removed = new Set<string>();
  for (const change of changes) {
    const index = byId.get(change.id);
    const matches = admits(filter, change);
    if (index === undefined) {
      if (matches) fetch.push(change.id);
      continue;
    }
    if (!matches) {
      removed.add(change.id);
      continue;
    }
    const current = items[index]!;
    if (change.revision > current.revision) fetch.push(change.id);
    if (items === state.items) items = [...items];
    items[index] = { ...current, deliveries: change.deliveries, delivery: change.delivery };
  }
  if (removed.size > 0) {
    items = items.filter((item) => !removed.has(item.id));
    total = Math.max(0, total - removed.size);
  }
  return { state: items === state.items && total === state.total ? state : { items, total }, fetch };
}

/** Fetched bookmarks into the list: replaced where listed, else inserted newest first. */
export function mergeFetched(state: ListState, fetched: readonly BookmarkView[], filter: ListFilter): ListState {
  const items = [...state.items];
  let total = state.total;
  for (const view of fetched) {
    const index = items.findIndex((item) => item.id === view.id);
    if (!admits(filter, view)) {
      if (index !== -1) {
        items.splice(index, 1);
        total = Math.max(0, total - 1);
      }
      continue;
    }
    if (index !== -1) {
      items[index] = view;
      continue;
    }
    // Newest first by the marked time, as main lists them.
    const at = items.findIndex((item) => item.time < view.time || (item.time === view.time && item.id < view.id));
    // Older than everything shown while more pages follow: it belongs to a later page.
    if (at !== -1 || items.length >= total) items.splice(at === -1 ? items.length : at, 0, view);
    total += 1;
  }
  return { items, total };
}
