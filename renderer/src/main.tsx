import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { connectWallApi } from './api/connect';
import { WsWallApi } from './api/wsWallApi';
import { App } from './app/App';
import { ConsoleApp } from './console/ConsoleApp';
import { MapPage } from './map/MapPage';
import { TrainerApp } from './training/TrainerApp';
import { AppStore } from './app/appStore';
import { AuthClient } from './auth/authClient';
import { SessionGate } from './auth/SessionGate';
import { initI18n, resolveLanguage } from './i18n/i18n';
import { installDebugCounters } from './player/debugCounters';
import { quietEngineLogs } from './player/engines';
import { installLiveStatusReporter } from './map/liveStatusReporter';
import './styles.css';

// The analytics window's code (worker, figures, import) loads only in that window.
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));

async function start(): Promise<void> {
  installDebugCounters();
  quietEngineLogs();
  const api = connectWallApi();
  const store = new AppStore(api);
  const auth = new AuthClient(api);
  if (api instanceof WsWallApi) {
    api.onConnectionState((state) => {
      store.setConnected(state !== 'closed');
      // After a reconnect the host may have changed anything: resume the session, fetch everything.
      if (state === 'open') void auth.status().then(() => store.refresh());
    });
  }
  const authStatus = await auth.status();
  await store.refresh();
  const settings = store.get().settings;
  const i18n = await initI18n(resolveLanguage(settings?.locale ?? 'auto', navigator.language));
  store.subscribe(() => {
    const locale = store.get().settings?.locale;
    if (!locale) return;
    const language = resolveLanguage(locale, navigator.language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  });
  const params = new URLSearchParams(location.search);
  const screenId = params.get('screen') ?? '1';
  const view = params.get('view');
  // One bundle, three kinds of window: a wall screen (default), the operator console, a map.
  const root = createRoot(document.getElementById('root')!);
  const content =
    view === 'console' ? (
      <ConsoleApp api={api} store={store} screenId={screenId} />
    ) : view === 'map' ? (
      <MapPage api={api} store={store} screenId={screenId} />
    ) : view === 'trainer' ? (
      <TrainerApp api={api} store={store} />
    ) : view === 'analytics' ? (
      <Suspense fallback={<div className="app-message">…</div>}>
        <AnalyticsPage api={api} store={store} />
      </Suspense>
    ) : (
      <App api={api} store={store} screenId={screenId} />
    );
  root.render(
    <SessionGate client={auth} initial={authStatus} keepVisibleWhenLocked={view === null || view === 'map'} onSignedIn={() => void store.refresh()}>
      {content}
    </SessionGate>,
  );
  // Tell main what this window's tiles show (live / degraded / offline), for the map's colours.
  installLiveStatusReporter(api);
}

void start();
