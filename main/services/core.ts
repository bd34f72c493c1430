import { join } from 'node:path';
import { type LoadedSite, type Notice } from '../../common/contract/contract';
import { AppError } from '../../common/contract/result';
import { wallContextOf } from '../../common/wall/wallContext';
import { createDispatcher, type Authorize, type Dispatcher } from './contract/dispatcher';
import { EventHub } from './contract/eventHub';
import type { SettingsStore } from './settings/settingsStore';
import { SiteService } from './site/siteService';
import { WallService } from './wall/wallService';

export interface CoreOptions {
  dataDir: string;
  resourcesDir: string;
  settings: SettingsStore;
  /** A site file given on the command line wins over the saved setting. */
  sitePathOverride?: string | null;
  /** Where `sim://` streams are served from; null = the same origin as the page (web host). */
  simulatorBase: string | null;
  version: string;
  transport: 'ipc' | 'ws';
  authorize?: Authorize;
  log?: (message: string) => void;
}

export interface Core {
  dispatcher: Dispatcher;
  hub: EventHub;
  site: SiteService;
  wall: WallService;
  notices: Notice[];
  close(): Promise<void>;
}

const DEFAULT_SCREEN_TILES = 16;
const MAX_INITIAL_SCREENS = 4;

/**
 * The composition root shared by both hosts (Electron and the web host): services, the contract's
 * handlers and the event hub. Each host adds its own transport and, for the demo, the simulator.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const hub = new EventHub();
  const log = opts.log ?? (() => undefined);
  const notices: Notice[] = [];
  const notify = (level: Notice['level'], code: string, message: string) => {
    const notice = { level, code, message, at: new Date().toISOString() };
    notices.push(notice);
    log(`[${level}] ${message}`);
    hub.emit('app.notice', notice);
  };

  const site = new SiteService({ demoSitePath: join(opts.resourcesDir, 'demo', 'site.json'), dataDir: opts.dataDir, simulatorBase: opts.simulatorBase });
  const sitePath = opts.sitePathOverride !== undefined ? opts.sitePathOverride : opts.settings.get().sitePath;
  const started = await site.start(sitePath);
  if (started.problem) notify('error', 'site_invalid', started.problem);

  const cameras = started.loaded.site.cameras;
  const wall = await WallService.open({
    file: join(opts.dataDir, 'wall.json'),
    context: wallContextOf(cameras),
    cameraIds: [...cameras].sort((a, b) => a.number - b.number).map((c) => c.id),
    screenCount: Math.max(1, Math.min(MAX_INITIAL_SCREENS, Math.ceil(cameras.length / DEFAULT_SCREEN_TILES))),
    onChange: (snapshot) => hub.emit('wall.changed', snapshot),
    onProblem: (message) => notify('warning', 'wall_restore', message),
  });

  const siteLoaded = (loaded: LoadedSite) => {
    wall.setContext(wallContextOf(loaded.site.cameras));
    hub.emit('site.changed', loaded);
    return loaded;
  };

  const dispatcher = createDispatcher({
    authorize: opts.authorize,
    onInternalError: (method, err) => log(`[error] ${method}: ${(err as Error).stack ?? String(err)}`),
    handlers: {
      'app.info': () => ({ name: 'Atalaya', version: opts.version, transport: opts.transport, demo: site.current().demo }),
      'site.get': () => site.current(),
      'site.load': async ({ path }) => {
        // A bad file changes nothing: the current site stays and the caller gets the reason.
        const loaded = siteLoaded(await site.load(path));
        opts.settings.update({ sitePath: loaded.source });
        hub.emit('settings.changed', opts.settings.get());
        return loaded;
      },
      'settings.get': () => opts.settings.get(),
      'settings.set': (patch) => {
        let next;
        try {
          next = opts.settings.update(patch);
        } catch (err) {
          throw new AppError('invalid_input', (err as Error).message);
        }
        hub.emit('settings.changed', next);
        return next;
      },
      'wall.get': () => wall.get(),
      'wall.dispatch': ({ action }) => wall.dispatch(action),
    },
  });

  return {
    dispatcher,
    hub,
    site,
    wall,
    notices,
    close: () => wall.flush(),
  };
}
