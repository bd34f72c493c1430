import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import type { AppStore } from '../app/appStore';
import { MapPanel } from './MapPanel';
import { readMapViewParams } from './mapViewParams';

/**
 * The map as a whole window (`?view=map&screen=N`), e.g. on a wall display beside the video
 * screens. `&lat=…&lng=…&zoom=…` open it on a place (a wall map of one district).
 */
export function MapPage({ api, store, screenId }: { api: WallApi; store: AppStore; screenId: string }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const initialView = useMemo(() => readMapViewParams(location.search), []);
  if (!snapshot.site || !snapshot.wall) return <div className="app-message">{t('app.loading')}</div>;
  return (
    <div className="map-page">
      {!snapshot.connected ? <div className="connection-lost">{t('app.connectionLost')}</div> : null}
      <MapPanel api={api} site={snapshot.site} wall={snapshot.wall.state} screenId={screenId} initialView={initialView} screenSelectable={false} />
    </div>
  );
}
