import { join } from 'node:path';
import type { LoadedSite, Notice } from '../../common/contract/contract';
import { AppError } from '../../common/contract/result';
import { AUDIT_ACTIONS, actorOf, type AuditActor } from '../../common/security/auditEntry';
import { can, cameraGroupOf } from '../../common/security/policy';
import type { Session } from '../../common/security/userSchema';
import { wallContextOf } from '../../common/wall/wallContext';
import type { TourTileView } from '../../common/wall/tourClock';
import type { WallAction } from '../../common/wall/wallActions';
import { AccountService } from './accounts/accountService';
import { AnalyticsService, bookmarkSourceOf } from './analytics/analyticsService';
import { createAnalyticsHandlers } from './analytics/analyticsHandlers';
import { AuditLog } from './audit/auditLog';
import { AuthGate } from './auth/authGate';
import { createBookmarkHandlers } from './bookmarks/bookmarkHandlers';
import { BookmarkRuntime } from './bookmarks/bookmarkRuntime';
import { createDispatcher, type CallContext, type Dispatcher } from './contract/dispatcher';
import { EventHub } from './contract/eventHub';
import { MapService } from './map/mapService';
import type { Cipher } from './secrets/cipher';
import { createFileKeyCipher } from './secrets/fileKeyCipher';
import { SecretStore } from './secrets/secretStore';
import { createFileLogger } from './log/logger';
import { Redactor } from './log/redactor';
import type { SettingsStore } from './settings/settingsStore';
import { SiteService } from './site/siteService';
import { exerciseHandlers } from './training/exerciseHandlers';
import { TrainingService } from './training/trainingService';
import { CameraViewTracker } from './wall/cameraViewAudit';
import { TourRunner } from './wall/tourRunner';
import { WallService } from './wall/wallService';
import { MaskService } from './masks/maskService';
import { DEFAULT_LIFT_MINUTES } from '../../common/contract/methods/masks';

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
  /** The desktop shell opens windows; the web host has none (browsers open tabs). */
  openView?: (view: 'console' | 'map' | 'trainer' | 'analytics' | 'wall', screenId: string) => void;
  log?: (message: string) => void;
  now?: () => number;
  /**
   * Encrypts VMS (and stream) credentials at rest. Electron passes safeStorage's; without one the
   * file-key cipher is used, which is not an OS keychain (the console says so).
   */
  cipher?: Cipher;
}

export interface Core {
  dispatcher: Dispatcher;
  hub: EventHub;
  site: SiteService;
  wall: WallService;
  gate: AuthGate;
  audit: AuditLog;
  map: MapService;
  secrets: SecretStore;
  bookmarks: BookmarkRuntime;
  notices: Notice[];
  training: TrainingService;
  /** Writes a line to the app's log, through the secret redactor (hosts log their own lines here too). */
  log(message: string): void;
  /** A window or socket went away: it no longer holds its session. */
  disconnect(clientId: string): void;
  close(): Promise<void>;
}

const DEFAULT_SCREEN_TILES = 16;
const MAX_INITIAL_SCREENS = 4;
/** Wall actions that change what supervisors build (audited); selection and call-ups are not. */
const AUDITED_WALL_ACTIONS = new Set<WallAction['type']>(['screen.add', 'screen.remove', 'screen.rename', 'screen.bind', 'screen.setLayout', 'screen.setLayoutCycle', 'layout.save', 'layout.delete', 'layout.import', 'tour.upsert', 'tour.delete']);

const actorFor = (ctx: CallContext): AuditActor => (ctx.session ? actorOf(ctx.session, ctx.clientId) : { type: 'anonymous', origin: ctx.clientId });

/**
 * The composition root shared by both hosts (Electron and the web host): services, the contract's
 * handlers, the gate that checks every call, and the event hub. Each host adds its transport and,
 * for the demo, the simulator.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const now = opts.now ?? Date.now;
  const hub = new EventHub();
  // Every log line goes to <dataDir>/logs/atalaya.log through the redactor: the secret store
  // registers each credential with it, so no stream or VMS secret reaches a log in any form.
  const redactor = new Redactor();
  const logger = createFileLogger({ file: join(opts.dataDir, 'logs', 'atalaya.log'), redactor, now });
  const log = (message: string) => {
    const level = /^\[(error|warning|warn|info|debug)\]/.exec(message)?.[1];
    if (level === 'error') logger.error(message);
    else if (level === 'warning' || level === 'warn') logger.warn(message);
    else logger.info(message);
    opts.log?.(redactor.redact(message));
  };
  const notices: Notice[] = [];
  const notify = (level: Notice['level'], code: string, message: string) => {
    const notice = { level, code, message, at: new Date(now()).toISOString() };
    notices.push(notice);
    log(`[${level}] ${message}`);
    hub.emit('app.notice', notice);
  };

  const audit = await AuditLog.open(join(opts.dataDir, 'audit.log'), { now });
  if (!audit.openReport.clean) notify('warning', 'audit_integrity', `The audit trail ${join(opts.dataDir, 'audit.log')} did not verify cleanly when opened; see its recovery entries.`);
  const accounts = await AccountService.open({ dataDir: opts.dataDir, now });

  const site = new SiteService({ demoSitePath: join(opts.resourcesDir, 'demo', 'site.json'), dataDir: opts.dataDir, simulatorBase: opts.simulatorBase });
  const sitePath = opts.sitePathOverride !== undefined ? opts.sitePathOverride : opts.settings.get().sitePath;
  const started = await site.start(sitePath);
  if (started.problem) notify('error', 'site_invalid', started.problem);

  const cipher = opts.cipher ?? (await createFileKeyCipher(opts.dataDir));
  const secrets = await SecretStore.open({ dataDir: opts.dataDir, cipher, redactor });
  if (secrets.unreadable.length > 0) notify('warning', 'secrets_unreadable', `These credentials cannot be decrypted on this machine and must be set again: ${secrets.unreadable.join(', ')}`);
  const bookmarks = await BookmarkRuntime.open({
    dataDir: opts.dataDir,
    secrets,
    credentialStoreDescription: cipher.description,
    site: () => site.current().site,
    publish: (event) => hub.emit('bookmarks.changed', event),
    log,
    warn: (code, message) => notify('warning', code, message),
  });

  const views = new CameraViewTracker();
  const auditViews = (ended: ReturnType<CameraViewTracker['update']>) => {
    for (const view of ended) void audit.append({ actor: { type: 'system', component: 'wall' }, action: AUDIT_ACTIONS.cameraViewed, details: { ...view } });
  };
  const cameras = started.loaded.site.cameras;
  const wall = await WallService.open({
    file: join(opts.dataDir, 'wall.json'),
    context: wallContextOf(cameras),
    cameraIds: [...cameras].sort((a, b) => a.number - b.number).map((c) => c.id),
    screenCount: Math.max(1, Math.min(MAX_INITIAL_SCREENS, Math.ceil(cameras.length / DEFAULT_SCREEN_TILES))),
    onChange: (snapshot) => {
      auditViews(views.update(snapshot.state, new Date(now()).toISOString()));
      hub.emit('wall.changed', snapshot);
    },
    onProblem: (message) => notify('warning', 'wall_restore', message),
  });
  views.update(wall.get().state, new Date(now()).toISOString());
  let tourTiles: TourTileView[] = [];
  const tours = new TourRunner({
    state: () => wall.get().state,
    publish: (tiles) => {
      tourTiles = tiles;
      hub.emit('wall.tours', { tiles });
    },
    applyLayout: (screenId, layoutId) => {
      try {
        wall.dispatch({ type: 'screen.setLayout', screenId, layout: { kind: 'saved', layoutId } });
      } catch (err) {
        log(`[warning] layout cycle of screen ${screenId}: ${(err as Error).message}`);
      }
    },
  });
  wall.onAfterChange(() => tours.update());
  tours.update();
  let wallContext = wallContextOf(cameras);

  const masks = await MaskService.open({
    dataDir: opts.dataDir,
    now,
    onChange: (state) => hub.emit('masks.changed', state),
    onReapplied: (cameraId) => void audit.append({ actor: { type: 'system', component: 'privacy-masks' }, action: AUDIT_ACTIONS.maskReapplied, details: { cameraId } }),
  });
  const requireCamera = (cameraId: string, session: Session | undefined, permission: 'mask.edit' | 'mask.lift') => {
    const camera = site.current().site.cameras.find((c) => c.id === cameraId);
    if (!camera) throw new AppError('not_found', `camera ${cameraId} is not in this site`);
    if (!session || !can(session.user, permission, { cameraGroup: cameraGroupOf(camera) })) throw new AppError('forbidden', `${permission} is not allowed for camera ${cameraId}`);
  };

  const gate = new AuthGate({
    accounts,
    audit,
    isDemo: () => site.current().demo,
    site: () => site.current().site,
    wall: () => ({ state: wall.get().state, context: wallContext }),
  });

  /** A restricted user sees only the cameras of their groups: other cameras' streams never reach them. */
  const siteFor = (session: Session | undefined): LoadedSite => {
    const loaded = site.current();
    if (!session) return loaded;
    const cameras = loaded.site.cameras.filter((camera) => can(session.user, 'wall.view', { cameraGroup: cameraGroupOf(camera) }));
    return cameras.length === loaded.site.cameras.length ? loaded : { ...loaded, site: { ...loaded.site, cameras } };
  };

  const siteLoaded = (loaded: LoadedSite) => {
    wallContext = wallContextOf(loaded.site.cameras);
    wall.setContext(wallContext);
    bookmarks.siteChanged(loaded.site);
    hub.emit('site.changed', loaded);
    return loaded;
  };
  const analytics = new AnalyticsService({
    dataDir: opts.dataDir,
    resourcesDir: opts.resourcesDir,
    site: () => site.current(),
    bookmarks: bookmarkSourceOf(bookmarks),
    publish: (event) => hub.emit('analytics.changed', event),
    now,
    log,
    warn: (code, message) => notify('warning', code, message),
  });
  const map = new MapService({ site, hub, demoSiteDir: join(opts.resourcesDir, 'demo'), onSiteChanged: siteLoaded, audit: (entry) => audit.append(entry), now });
  const training = new TrainingService({ dataDir: opts.dataDir, resourcesDir: opts.resourcesDir, emit: (state) => hub.emit('exercises.changed', state), now, log, language: () => (opts.settings.get().locale === 'auto' ? 'en' : opts.settings.get().locale) as 'en' | 'es' | 'pt' });
  training.start();

  const dispatcher = createDispatcher({
    authorize: gate.authorize,
    onInternalError: (method, err) => log(`[error] ${method}: ${(err as Error).stack ?? String(err)}`),
    handlers: {
      'app.info': () => ({ name: 'Atalaya', version: opts.version, transport: opts.transport, demo: site.current().demo }),
      'app.openView': ({ view, screenId }) => {
        if (!opts.openView) throw new AppError('unavailable', 'this host opens no windows: open the view in a new browser tab');
        opts.openView(view, screenId ?? '1');
        return { opened: true };
      },
      'auth.status': (_p, ctx) => gate.status(ctx.clientId),
      'auth.login': ({ username, password }, ctx) => gate.login(ctx.clientId, username, password),
      'auth.setup': ({ username, password }, ctx) => gate.setup(ctx.clientId, username, password),
      'auth.resume': ({ token }, ctx) => gate.resume(ctx.clientId, token),
      'auth.logout': (_p, ctx) => gate.logout(ctx.clientId),
      'auth.lock': (_p, ctx) => gate.lock(ctx.clientId),
      'auth.unlock': ({ password }, ctx) => gate.unlock(ctx.clientId, password),
      'site.get': (_p, ctx) => siteFor(ctx.session),
      'site.load': async ({ path }, ctx) => {
        // A bad file changes nothing: the current site stays and the caller gets the reason.
        const loaded = siteLoaded(await site.load(path));
        opts.settings.update({ sitePath: loaded.source });
        hub.emit('settings.changed', opts.settings.get());
        await audit.append({ actor: actorFor(ctx), action: AUDIT_ACTIONS.settingsChanged, details: { sitePath: loaded.source } });
        return siteFor(ctx.session);
      },
      'settings.get': () => opts.settings.get(),
      'settings.set': async (patch, ctx) => {
        let next;
        try {
          next = opts.settings.update(patch);
        } catch (err) {
          throw new AppError('invalid_input', (err as Error).message);
        }
        hub.emit('settings.changed', next);
        await audit.append({ actor: actorFor(ctx), action: AUDIT_ACTIONS.settingsChanged, details: { changed: Object.keys(patch) } });
        return next;
      },
      'masks.get': () => masks.state(),
      'masks.set': async ({ cameraId, polygons }, ctx) => {
        requireCamera(cameraId, ctx.session, 'mask.edit');
        const state = await masks.set(cameraId, polygons);
        await audit.append({ actor: actorFor(ctx), action: AUDIT_ACTIONS.maskEdited, details: { cameraId, polygons: polygons.length } });
        return state;
      },
      'masks.lift': async ({ cameraId, reason, minutes }, ctx) => {
        requireCamera(cameraId, ctx.session, 'mask.lift');
        // Audited before the mask comes off: if the audit cannot be written, the mask stays.
        await audit.append({ actor: actorFor(ctx), action: AUDIT_ACTIONS.maskLifted, details: { cameraId, reason, minutes: minutes ?? DEFAULT_LIFT_MINUTES } });
        return masks.lift(cameraId, ctx.session!.user.username, reason, minutes);
      },
      'masks.reapply': async ({ cameraId }, ctx) => {
        requireCamera(cameraId, ctx.session, 'mask.lift');
        await audit.append({ actor: actorFor(ctx), action: AUDIT_ACTIONS.maskReapplied, details: { cameraId } });
        return masks.reapply(cameraId);
      },
      'wall.get': () => wall.get(),
      'wall.tours': () => ({ tiles: tourTiles }),
      'wall.dispatch': async ({ action }, ctx) => {
        const snapshot = wall.dispatch(action);
        if (AUDITED_WALL_ACTIONS.has(action.type)) {
          // The import text can be large; the audit records what was done, not the file.
          const details = action.type === 'layout.import' ? { type: action.type, shared: action.shared } : { ...action };
          await audit.append({ actor: actorFor(ctx), action: AUDIT_ACTIONS.layoutChanged, details });
        }
        return snapshot;
      },
      ...map.handlers,
      ...createBookmarkHandlers({ runtime: bookmarks, secrets, audit: (entry) => audit.append(entry), log, now }),
      ...exerciseHandlers(training, now),
      ...createAnalyticsHandlers({ service: analytics, cameras: () => site.current().site.cameras, audit: (entry) => audit.append(entry), log }),
    },
  });

  return {
    dispatcher,
    hub,
    site,
    wall,
    gate,
    audit,
    map,
    secrets,
    bookmarks,
    notices,
    training,
    log,
    disconnect: (clientId) => {
      gate.disconnect(clientId);
      map.disconnect(clientId);
    },
    close: async () => {
      tours.stop();
      masks.close();
      map.close();
      await training.dispose();
      await bookmarks.close();
      await wall.flush();
      auditViews(views.endAll(new Date(now()).toISOString()));
      await audit.close();
      logger.close();
    },
  };
}
