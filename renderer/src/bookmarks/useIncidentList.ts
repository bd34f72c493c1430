import { useCallback, useEffect, useRef, useState } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import type { BookmarkClient } from './bookmarkClient';
import { applyChanges, mergeFetched, type ListFilter, type ListState } from './incidentList';

export const PAGE_SIZE = 100;

export interface IncidentList extends ListState {
  loading: boolean;
  error: string | null;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A page of the incident list under `filter`, from `bookmarks.list`, kept current by the push
 * event: deliveries update in place, new and edited bookmarks are fetched by id. Main filters
 * and pages, so thousands of bookmarks cost this window one page.
 */
export function useIncidentList(api: WallApi, client: BookmarkClient, filter: ListFilter, enabled = true): IncidentList {
  const [state, setState] = useState<ListState>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const key = JSON.stringify(filter);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setLoading(true);
    void api.call('bookmarks.list', { ...filter, offset: 0, limit: PAGE_SIZE }).then((result) => {
      if (!live) return;
      setLoading(false);
      if (result.ok) {
        setError(null);
        setState(result.value);
      } else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, key, generation, enabled]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!enabled) return;
    return client.onChanged((event) => {
      if (event.bookmarks.length === 0) return;
      const applied = applyChanges(stateRef.current, event.bookmarks, filterRef.current);
      if (applied.state !== stateRef.current) {
        stateRef.current = applied.state;
        setState(applied.state);
      }
      for (let i = 0; i < applied.fetch.length; i += 500) {
        const ids = applied.fetch.slice(i, i + 500);
        const asked = JSON.stringify(filterRef.current);
        void api.call('bookmarks.get', { ids }).then((result) => {
          if (!result.ok || JSON.stringify(filterRef.current) !== asked) return;
          const merged = mergeFetched(stateRef.current, result.value.items, filterRef.current);
          stateRef.current = merged;
          setState(merged);
        });
      }
    });
  }, [api, client, enabled]);

  const loadMore = useCallback(() => {
    const offset = stateRef.current.items.length;
    setLoading(true);
    void api.call('bookmarks.list', { ...filterRef.current, offset, limit: PAGE_SIZE }).then((result) => {
      setLoading(false);
      if (!result.ok) return setError(result.error.message);
      const known = new Set(stateRef.current.items.map((i) => i.id));
      const next = { items: [...stateRef.current.items, ...result.value.items.filter((i) => !known.has(i.id))], total: result.value.total };
      stateRef.current = next;
      setState(next);
    });
  }, [api]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { ...state, loading, error, loadMore, reload };
}
