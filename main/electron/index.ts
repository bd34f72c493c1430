import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, ipcMain, protocol, screen, session } from 'electron';
import Store from 'electron-store';
import { buildCsp, originOf } from '../../common/csp';
import { basemapImageOrigins } from '../../common/map/basemapOrigins';
import { createCore } from '../services/core';
import { SettingsStore } from '../services/settings/settingsStore';
import { simulatorForSite } from '../services/simulatorForSite';
import { STREAM_SCHEME } from '../../common/site/streamUrl';
import { APP_ORIGIN, APP_SCHEME, appProtocolResponse } from './appProtocol';
import { handleStreamScheme, STREAM_SCHEME_PRIVILEGES } from './streamProtocol';
import { forwardEvents, registerIpc } from './ipc';
import { safeStorageCipher } from './safeStorageCipher';
import { isMapAssetRequest, mapAssetResponse } from './pmtilesProtocol';
import { denyPermissions, hardenApp, NO_BACKGROUNDING_SWITCHES } from './security';
import { WallWindows } from './windows';

// Electron's composition root: everything here is wiring; the logic lives in main/services.
const here = dirname(fileURLToPath(import.meta.url)); // out/main
const root = join(here, '..', '..');
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(root, 'resources');
const rendererDir = join(here, '..', 'renderer');

for (const name of NO_BACKGROUNDING_SWITCHES) app.commandLine.appendSwitch(name);
// One call for every custom scheme: Electron keeps only the last call's list.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }, STREAM_SCHEME_PRIVILEGES]);
hardenApp(app);

const { values: args } = parseArgs({ args: process.argv.slice(app.isPackaged ? 1 : 2), options: { site: { type: 'string' } }, strict: false });

async function start(): Promise<void> {
  await app.whenReady();
  denyPermissions(session.defaultSession);
  const store = new Store({ name: 'settings' });
  const settings = new SettingsStore({ path: store.path, get: (key) => store.get(key), set: (key, value) => store.set(key, value) });
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

  // Windows exist only after the core; the console asks for more of them through the contract.
  let openView: (view: Parameters<WallWindows['openView']>[0], screenId: string) => void = () => undefined;
  const core = await createCore({ dataDir: app.getPath('userData'), resourcesDir, settings, sitePathOverride: typeof args.site === 'string' ? args.site : undefined, simulatorBase: null, version, transport: 'ipc', log: (m) => console.error(m), cipher: safeStorageCipher() ?? undefined, openView: (view, screenId) => openView(view, screenId) });
  // The simulator needs the site's camera list, so it starts once the site is read.
  const simulator = simulatorForSite(core.site.current().site, resourcesDir);
  const simulatorBase = simulator ? await simulator.listen(0, '127.0.0.1') : null;
  core.site.setSimulatorBase(simulatorBase);
  // Exercise clips and after-action reports: served by main on loopback (the web host serves them itself).
  const trainingMedia = await core.training.routes.listen(0, '127.0.0.1');
  core.training.setMediaBase(trainingMedia.base);

  handleStreamScheme(() => core.site.current().site, (ref) => core.secrets.get(ref), () => simulatorBase);
  protocol.handle(APP_SCHEME, (request) => {
    if (isMapAssetRequest(core.map.assets, request.url)) return mapAssetResponse(core.map.assets, request);
    const { site } = core.site.current();
    const csp = buildCsp({
      self: [APP_ORIGIN, `${STREAM_SCHEME}:`],
      // Every stream comes through the stream scheme (see streamScheme.ts): no camera origin is reachable.
      streams: [],
      images: basemapImageOrigins(site.map),
      media: [originOf(trainingMedia.base)],
    });
    return appProtocolResponse(rendererDir, request.url, csp);
  });

  const windows = new WallWindows(join(here, '..', 'preload', 'index.cjs'), (screenId, display) => {
    try {
      while (!core.wall.get().state.screens.some((s) => s.id === screenId)) core.wall.dispatch({ type: 'screen.add' });
      core.wall.dispatch({ type: 'screen.bind', screenId, binding: { kind: 'display', displayId: display.id, bounds: display.bounds } });
    } catch (err) {
      core.log(`[warning] could not bind screen ${screenId} to display ${display.id}: ${(err as Error).message}`);
    }
  });
  openView = (view, screenId) => windows.openView(view, screenId);
  registerIpc(ipcMain, core.dispatcher, (event) => windows.isOwn(event.sender.id) && (event.senderFrame?.url ?? '').startsWith(`${APP_ORIGIN}/`));
  forwardEvents(core.hub, () => windows.all().map((w) => w.webContents));
  // A closed window no longer holds its session.
  app.on('web-contents-created', (_event, contents) => contents.once('destroyed', () => core.disconnect(`window-${contents.id}`)));
  windows.arrange();
  screen.on('display-added', () => windows.arrange());
  screen.on('display-removed', () => windows.arrange());
  screen.on('display-metrics-changed', () => windows.arrange());

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void core.close();
    void simulator?.close();
  });
}

void start();
