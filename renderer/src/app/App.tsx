import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import { WallScreen } from '../wall/WallScreen';
import { ExerciseWall, useExerciseMode } from '../training/ExerciseWall';
import { KeyboardOverlay } from '../keyboard/KeyboardOverlay';
import { WallMaskEditor } from '../masks/WallMaskEditor';
import { WallBookmarks } from '../bookmarks/WallBookmarks';
import { useWallWindowInput } from '../wall/useWallWindowInput';
import { WallGovernor } from '../player/wallGovernor';
import type { AppStore } from './appStore';
import { PlaybackContext, type Playback } from './playbackContext';
import { readRuntimeFlags } from './runtimeFlags';
import { sessionToken } from '../auth/authClient';

export interface AppProps {
  api: WallApi;
  store: AppStore;
  screenId: string;
}

export function App({ api, store, screenId }: AppProps) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const screen = snapshot.wall?.state.screens.find((s) => s.id === screenId);
  const flags = useMemo(() => readRuntimeFlags(location.search), []);
  const governor = useMemo(() => (flags.governor ? new WallGovernor() : null), [flags]);
  const [hud, setHud] = useState(flags.hud);
  const masks = snapshot.masks;
  const streams = useMemo(() => ({ route: flags.streamsDirect ? ('direct' as const) : api.transport === 'ipc' ? ('scheme' as const) : ('host' as const), token: sessionToken() }), [api, flags]);
  const playback = useMemo<Playback>(() => ({ flags, governor, hud, masks, streams }), [flags, governor, hud, masks, streams]);

  useEffect(() => {
    governor?.start();
    return () => governor?.stop();
  }, [governor]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      if (event.key === 'h' || event.key === 'H') setHud((v) => !v);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.title = `${t('app.title')} — ${t('app.screen', { id: screenId })}`;
  }, [t, screenId]);

  const select = useCallback(
    (cell: number) => {
      void api.call('wall.dispatch', { action: { type: 'select', screenId, cell } });
    },
    [api, screenId],
  );

  const keyboard = useWallWindowInput({ api, store, screenId });
  // Training: while an exercise is on the wall, every screen shows it instead of live cameras.
  const exercise = useExerciseMode(api);

  if (!snapshot.site || !snapshot.wall) return <div className="app-message">{t('app.loading')}</div>;
  return (
    <PlaybackContext.Provider value={playback}>
    <div className="app">
      {snapshot.site.demo ? (
        <div className="demo-badge" title={t('app.demoHint')}>
          {t('app.demo')}
        </div>
      ) : null}
      {!snapshot.connected ? <div className="connection-lost">{t('app.connectionLost')}</div> : null}
      {snapshot.notices.map((notice) => (
        <div key={notice.at} className={`notice notice--${notice.level}`} role="alert">
          <pre>{notice.message}</pre>
          <button type="button" onClick={() => store.dismissNotice(notice.at)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
      {exercise.active ? (
        <ExerciseWall api={api} mode={exercise} screenId={screenId} />
      ) : screen ? (
        <WallScreen screen={screen} site={snapshot.site} tours={snapshot.tours} onSelect={select} />
      ) : (
        <div className="app-message">{t('app.noScreen', { id: screenId })}</div>
      )}
      <KeyboardOverlay keyboard={keyboard} />
      <WallMaskEditor api={api} store={store} screenId={screenId} />
      {exercise.active ? null : <WallBookmarks api={api} store={store} screenId={screenId} context="wall" />}
    </div>
    </PlaybackContext.Provider>
  );
}
