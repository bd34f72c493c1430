import type { BookmarkListFilter, BookmarkView, DeliveryState, DeliverySummary } from './bookmarkSchemas';

/** Worst first: the summary of a bookmark is the worst state among its targets. */
const SEVERITY: readonly DeliveryState['state'][] = ['failed', 'retrying', 'delivering', 'pending', 'delivered'];

export function summarizeDeliveries(deliveries: Readonly<Record<string, DeliveryState>>): DeliverySummary {
  const states = new Set(Object.values(deliveries).map((d) => d.state));
  if (states.size === 0) return 'local';
  for (const state of SEVERITY) if (states.has(state)) return state;
  return 'local';
}

/** The incident list's filter: time range on the marked time, camera, category, delivery state. */
export function matchesFilter(view: BookmarkView, filter: BookmarkListFilter): boolean {
  if (filter.from !== undefined && view.time < filter.from) return false;
  if (filter.to !== undefined && view.time >= filter.to) return false;
  if (filter.cameraId !== undefined && !view.cameraIds.includes(filter.cameraId)) return false;
  if (filter.category !== undefined && view.category !== filter.category) return false;
  if (filter.delivery !== undefined) {
    if (filter.targetId !== undefined) {
      const state = view.deliveries[filter.targetId];
      if (filter.delivery === 'local' ? state !== undefined : state?.state !== filter.delivery) return false;
    } else if (view.delivery !== filter.delivery) return false;
  } else if (filter.targetId !== undefined && view.deliveries[filter.targetId] === undefined) return false;
  return true;
}
