import type { analyticsMethods } from '../../../common/contract/methods/analytics';
import { AppError } from '../../../common/contract/result';
import { AUDIT_ACTIONS, actorOf, type AuditActor } from '../../../common/security/auditEntry';
import { cameraGroupOf, can } from '../../../common/security/policy';
import type { Session } from '../../../common/security/userSchema';
import type { Camera } from '../../../common/site/siteSchema';
import type { CallContext, Handlers } from '../contract/dispatcher';
import type { AnalyticsService, AnalyticsViewer } from './analyticsService';

export type AnalyticsHandlers = Pick<Handlers, keyof typeof analyticsMethods>;

/** Audit actions beside AUDIT_ACTIONS.exportCreated (reports and exports). */
export const ANALYTICS_AUDIT_ACTIONS = {
  imported: 'analytics.imported',
  importRemoved: 'analytics.import.removed',
} as const;

export interface AnalyticsHandlerDeps {
  service: AnalyticsService;
  /** The site's cameras now. */
  cameras: () => readonly Camera[];
  audit: (entry: { actor: AuditActor; action: string; details?: Record<string, unknown> }) => Promise<unknown>;
  log?: (message: string) => void;
}

/**
 * The contract's `analytics.*` methods. The gate has checked the method's permission; here the
 * session decides what is analysed: only the cameras the user may see (`wall.view` on their
 * group) and only the bookmarks the user may read (`bookmark.read` on every camera of one).
 * Imports, removals, reports and exports are audited.
 */
export function createAnalyticsHandlers(deps: AnalyticsHandlerDeps): AnalyticsHandlers {
  const { service } = deps;
  const sessionOf = (ctx: CallContext): Session => {
    if (!ctx.session) throw new AppError('unauthenticated', 'sign in first');
    return ctx.session;
  };
  const viewerOf = (ctx: CallContext): AnalyticsViewer => {
    const session = sessionOf(ctx);
    const user = session.user;
    const groupOf = new Map(deps.cameras().map((c) => [c.id, cameraGroupOf(c)]));
    return {
      username: user.username,
      cameras: deps.cameras().filter((c) => can(user, 'wall.view', { cameraGroup: cameraGroupOf(c) })),
      mayReadBookmark: can(user, 'bookmark.read')
        ? (cameraIds) => cameraIds.every((id) => can(user, 'bookmark.read', { cameraGroup: groupOf.get(id) ?? cameraGroupOf({}) }))
        : null,
    };
  };
  const actorFor = (ctx: CallContext): AuditActor => (ctx.session ? actorOf(ctx.session, ctx.clientId) : { type: 'anonymous', origin: ctx.clientId });
  const audit = async (ctx: CallContext, action: string, details: Record<string, unknown>) => {
    await deps.audit({ actor: actorFor(ctx), action, details }).catch((err: unknown) => deps.log?.(`[error] audit ${action}: ${(err as Error).message}`));
  };

  return {
    'analytics.dataset': (_p, ctx) => service.dataset(viewerOf(ctx)),
    'analytics.records': ({ revision, indices }, ctx) => service.records(viewerOf(ctx), revision, indices),
    'analytics.importBegin': (params, ctx) => {
      sessionOf(ctx);
      return service.importBegin(ctx.clientId, params);
    },
    'analytics.importChunk': ({ importId, index, text }, ctx) => service.importChunk(ctx.clientId, importId, index, text),
    'analytics.importCommit': async ({ importId }, ctx) => {
      const session = sessionOf(ctx);
      const result = await service.importCommit(ctx.clientId, importId, session.user.username);
      if (result.status === 'imported') await audit(ctx, ANALYTICS_AUDIT_ACTIONS.imported, { importId, rows: result.rows, added: result.added, updated: result.updated });
      return result;
    },
    'analytics.importAbort': ({ importId }, ctx) => {
      service.importAbort(ctx.clientId, importId);
      return {};
    },
    'analytics.removeImport': async ({ importId }, ctx) => {
      const removed = await service.removeImport(importId);
      await audit(ctx, ANALYTICS_AUDIT_ACTIONS.importRemoved, { importId, removed });
      return { removed };
    },
    'analytics.figures': ({ filter, settings, timeZone }, ctx) => service.figures(viewerOf(ctx), { filter, settings, timeZone }),
    'analytics.report': async (params, ctx) => {
      const file = await service.report(viewerOf(ctx), params);
      await audit(ctx, AUDIT_ACTIONS.exportCreated, { kind: 'analytics-report', format: params.format, filter: params.filter });
      return file;
    },
    'analytics.export': async (params, ctx) => {
      const file = await service.export(viewerOf(ctx), params);
      await audit(ctx, AUDIT_ACTIONS.exportCreated, { kind: `analytics-${params.kind}`, format: params.format, count: file.count, filter: params.filter });
      return file;
    },
  };
}
