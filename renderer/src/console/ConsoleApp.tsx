import { useSyncExternalStore } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import type { AppStore } from '../app/appStore';
import { MapPanel } from '../map/MapPanel';

/** The operator console (`?view=console`): camera list, map and incidents beside the wall. */
export function ConsoleApp({ api, store, screenId }: { api: WallApi; store: AppStore; screenId: string }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  if (!snapshot.site || !snapshot.wall) return null;
  return (
    <div className="console">
      <MapPanel api={api} site={snapshot.site} wall={snapshot.wall.state} screenId={screenId} />
    </div>
  );
}
