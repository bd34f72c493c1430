import { useSyncExternalStore } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import type { AppStore } from '../app/appStore';
import { MapPanel } from './MapPanel';

/** The map as a whole window (`?view=map&screen=N`), e.g. on a wall display. */
export function MapPage({ api, store, screenId }: { api: WallApi; store: AppStore; screenId: string }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  if (!snapshot.site || !snapshot.wall) return null;
  return <MapPanel api={api} site={snapshot.site} wall={snapshot.wall.state} screenId={screenId} />;
}
