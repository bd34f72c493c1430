import { createRoot } from 'react-dom/client';
import { connectWallApi } from './api/connect';
import { WsWallApi } from './api/wsWallApi';
import { App } from './app/App';
import { AppStore } from './app/appStore';
import { initI18n, resolveLanguage } from './i18n/i18n';
import { installDebugCounters } from './player/debugCounters';
import { quietEngineLogs } from './player/engines';
import './styles.css';

async function start(): Promise<void> {
  installDebugCounters();
  quietEngineLogs();
  const api = connectWallApi();
  const store = new AppStore(api);
  if (api instanceof WsWallApi) {
    api.onConnectionState((state) => {
      store.setConnected(state !== 'closed');
      // After a reconnect the host may have changed anything: fetch everything again.
      if (state === 'open') void store.refresh();
    });
  }
  await store.refresh();
  const settings = store.get().settings;
  const i18n = await initI18n(resolveLanguage(settings?.locale ?? 'auto', navigator.language));
  store.subscribe(() => {
    const locale = store.get().settings?.locale;
    if (!locale) return;
    const language = resolveLanguage(locale, navigator.language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  });
  const screenId = new URLSearchParams(location.search).get('screen') ?? '1';
  createRoot(document.getElementById('root')!).render(<App api={api} store={store} screenId={screenId} />);
}

void start();
