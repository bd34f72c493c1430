import { AUDIT_ACTIONS } from '../../../common/security/auditEntry';
import type { LoadedSite } from '../../../common/contract/contract';
import type { mapMethods } from '../../../common/contract/methods/map';
import { AppError } from '../../../common/contract/result';
import { actorOf, type AuditActor } from '../../../common/security/auditEntry';
import { cameraGroupOf, decide } from '../../../common/security/policy';
import type { CallContext, Handlers } from '../contract/dispatcher';
import type { EventHub } from '../contract/eventHub';
import { CameraEditService, type SiteAccess } from './cameraEditService';
import { LiveStatusService } from './liveStatusService';
import { MapAssets } from './mapAssets';

/** Audit action for a saved camera placement (edit, undo or redo); details say which. */
export const CAMERA_EDITED_ACTION = AUDIT_ACTIONS.cameraEdited;

/** How often silent windows' reports are expired (their cameras turn grey). */
const EXPIRY_TICK_MS = 5_000;

export interface MapServiceOptions {
  site: SiteAccess;
  hub: EventHub;
  /** Folder of the built-in demo site's file. */
  demoSiteDir: string;
  /** main's reaction to a new site (wall context, `site.changed`). */
  onSiteChanged(loaded: LoadedSite): void;
  audit?: (entry: { actor: AuditActor; action: string; details: Record<string, unknown> }) => Promise<unknown>;
  now?: () => number;
}

type MapHandlers = Pick<Handlers, keyof typeof mapMethods>;

/**
 * The map's main side: camera placement edits, the combined live state of cameras, and the site's
 * map files (PMTiles, floor plans) for the web host and the Electron protocol.
 */
export class MapService {
  readonly edits: CameraEditService;
  readonly live: LiveStatusService;
  readonly assets: MapAssets;
  readonly handlers: MapHandlers;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(opts: MapServiceOptions) {
    const actorFor = (ctx: CallContext): AuditActor => (ctx.session ? actorOf(ctx.session, ctx.clientId) : { type: 'anonymous', origin: ctx.clientId });
    const nameOf = (ctx: CallContext) => ctx.session?.user.displayName ?? ctx.session?.user.username ?? 'anonymous';

    this.edits = new CameraEditService({
      site: opts.site,
      onSiteChanged: opts.onSiteChanged,
      onHistoryChanged: (history) => opts.hub.emit('map.historyChanged', history),
      ...(opts.now ? { now: opts.now } : {}),
    });
    this.live = new LiveStatusService({ publish: (status) => opts.hub.emit('streams.changed', status), ...(opts.now ? { now: opts.now } : {}) });
    this.assets = new MapAssets({ site: () => opts.site.current(), demoSiteDir: opts.demoSiteDir });
    this.ticker = setInterval(() => this.live.tick(), EXPIRY_TICK_MS);
    this.ticker.unref?.();

    /**
     * The gate has checked `camera.edit` as a feature; the camera's group is known only here. A
     * supervisor limited to some groups cannot move cameras outside them, nor undo onto them.
     */
    const checkCamera = (ctx: CallContext, cameraId: string) => {
      if (!ctx.session) return;
      const camera = this.edits.findCamera(cameraId);
      if (!camera) return;
      const decision = decide(ctx.session.user, 'camera.edit', { cameraGroup: cameraGroupOf(camera) });
      if (!decision.allowed) throw new AppError('forbidden', decision.message);
    };
    const audit = async (ctx: CallContext, kind: string, details: Record<string, unknown>) => {
      await opts.audit?.({ actor: actorFor(ctx), action: CAMERA_EDITED_ACTION, details: { kind, ...details } });
    };

    this.handlers = {
      'map.editCamera': async ({ cameraId, change, base }, ctx) => {
        checkCamera(ctx, cameraId);
        const before = this.edits.findCamera(cameraId);
        const outcome = await this.edits.edit(cameraId, change, nameOf(ctx), base);
        if (outcome.camera && before) await audit(ctx, 'edit', { cameraId, change });
        return outcome;
      },
      'map.undo': async (_params, ctx) => {
        const outcome = await this.edits.undo(nameOf(ctx), (cameraId) => checkCamera(ctx, cameraId));
        if (outcome.camera) await audit(ctx, 'undo', { cameraId: outcome.camera.id });
        return outcome;
      },
      'map.redo': async (_params, ctx) => {
        const outcome = await this.edits.redo(nameOf(ctx), (cameraId) => checkCamera(ctx, cameraId));
        if (outcome.camera) await audit(ctx, 'redo', { cameraId: outcome.camera.id });
        return outcome;
      },
      'map.history': () => this.edits.historyView(),
      'streams.report': ({ cameras }, ctx) => {
        this.live.report(ctx.clientId, cameras);
        return {};
      },
      'streams.get': () => this.live.get(),
    };
  }

  /** A window or socket closed: its players' reports go with it. */
  disconnect(clientId: string): void {
    this.live.disconnect(clientId);
  }

  close(): void {
    clearInterval(this.ticker);
    this.live.close();
  }
}
