import type { BookmarkListFilterInput, BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import { MAX_ROLL_S } from '../../../common/bookmarks/categories';
import type { bookmarkMethods } from '../../../common/contract/methods/bookmarks';
import { AppError, type ErrorCode } from '../../../common/contract/result';
import { AUDIT_ACTIONS, actorOf, type AuditActor } from '../../../common/security/auditEntry';
import type { Permission } from '../../../common/security/permissions';
import { ALL_GROUPS, cameraGroupOf, decide } from '../../../common/security/policy';
import type { Session } from '../../../common/security/userSchema';
import type { CallContext, Handlers } from '../contract/dispatcher';
import { BookmarkError, type BookmarkErrorCode } from './bookmarkErrors';
import type { BookmarkRuntime } from './bookmarkRuntime';
import type { BookmarkService } from './bookmarkService';
import { exportBookmarks } from './exportBookmarks';

/** Audit actions beside AUDIT_ACTIONS.bookmarkCreated, exportCreated and secretChanged. */
export const BOOKMARK_AUDIT_ACTIONS = {
  updated: 'bookmark.updated',
  retried: 'bookmark.retried',
} as const;

export type BookmarkHandlers = Pick<Handlers, keyof typeof bookmarkMethods>;

export interface BookmarkHandlerDeps {
  runtime: BookmarkRuntime;
  /** Where `bookmarks.setCredential` writes; nothing here ever reads a secret back. */
  secrets: { set(ref: string, value: string): Promise<void> };
  audit: (entry: { actor: AuditActor; action: string; details?: Record<string, unknown> }) => Promise<unknown>;
  log?: (message: string) => void;
  now?: () => number;
}

const ERROR_CODES: Record<BookmarkErrorCode, ErrorCode> = {
  invalid_input: 'invalid_input',
  unknown_camera: 'invalid_input',
  unknown_category: 'invalid_input',
  not_found: 'not_found',
  conflict: 'conflict',
  // The disk refused the write: nothing was saved, and the caller must not say it was.
  storage: 'unavailable',
  closed: 'unavailable',
};

/** Page size used to walk the whole list (exports, restricted users). */
const WALK_PAGE = 10_000;

/**
 * The contract's `bookmarks.*` methods. The gate has checked the feature permission; here each
 * call is checked again per camera group, since a bookmark concerns particular cameras: a user
 * limited to some groups may only mark, edit, retry, read or export bookmarks whose every camera
 * is in them. Creates, edits, retries, exports and credential changes are audited.
 */
export function createBookmarkHandlers(deps: BookmarkHandlerDeps): BookmarkHandlers {
  const { runtime } = deps;
  const now = deps.now ?? Date.now;
  const actorFor = (ctx: CallContext): AuditActor => (ctx.session ? actorOf(ctx.session, ctx.clientId) : { type: 'anonymous', origin: ctx.clientId });
  const sessionOf = (ctx: CallContext): Session => {
    if (!ctx.session) throw new AppError('unauthenticated', 'sign in first');
    return ctx.session;
  };
  const groupOf = (cameraId: string) => cameraGroupOf(runtime.camera(cameraId) ?? {});
  const audit = async (ctx: CallContext, action: string, details: Record<string, unknown>) => {
    // The bookmark is already on disk: a failing audit write is logged, not turned into an error
    // that would make the operator mark the same incident twice.
    await deps.audit({ actor: actorFor(ctx), action, details }).catch((err: unknown) => deps.log?.(`[error] audit ${action}: ${(err as Error).message}`));
  };

  /** Throws 'forbidden' (and audits it) unless the user holds `permission` on every camera's group. */
  const requireCameras = async (ctx: CallContext, method: string, permission: Permission, cameraIds: readonly string[]) => {
    const session = sessionOf(ctx);
    for (const cameraGroup of new Set(cameraIds.map(groupOf))) {
      const decision = decide(session.user, permission, { cameraGroup });
      if (decision.allowed) continue;
      await deps.audit({ actor: actorFor(ctx), action: AUDIT_ACTIONS.permissionDenied, details: { method, permission, cameraGroup, reason: decision.reason } });
      throw new AppError('forbidden', decision.message);
    }
  };

  const unrestricted = (session: Session) => Array.isArray(session.user.groups) && session.user.groups.includes(ALL_GROUPS);
  const mayRead = (session: Session, view: BookmarkView, permission: Permission = 'bookmark.read') =>
    view.cameraIds.every((id) => decide(session.user, permission, { cameraGroup: groupOf(id) }).allowed);

  /** Every bookmark matching the filter that this user may see, newest first. */
  const visible = (service: BookmarkService, session: Session, filter: BookmarkListFilterInput, permission?: Permission): BookmarkView[] => {
    const items: BookmarkView[] = [];
    for (let offset = 0; ; ) {
      const page = service.list({ ...filter, offset, limit: WALK_PAGE });
      for (const item of page.items) if (mayRead(session, item, permission)) items.push(item);
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) return items;
    }
  };

  const guard =
    <P, R>(handler: (params: P, ctx: CallContext) => Promise<R>) =>
    async (params: P, ctx: CallContext): Promise<R> => {
      try {
        return await handler(params, ctx);
      } catch (err) {
        if (err instanceof BookmarkError) throw new AppError(ERROR_CODES[err.code], err.message);
        throw err;
      }
    };

  return {
    'bookmarks.create': guard(async ({ markedAgoMs, ...input }, ctx) => {
      const session = sessionOf(ctx);
      await requireCameras(ctx, 'bookmarks.create', 'bookmark.create', input.cameraIds);
      const view = await runtime.use((service) => {
        // The footage window is measured from the keystroke, not from when the form was saved.
        // The service dates a bookmark by its own clock at create, so the keystroke's distance
        // is folded into the rolls; the window is then right to within half a second.
        let rolls = {};
        const category = service.categories().find((c) => c.id === input.category);
        if (markedAgoMs !== undefined && markedAgoMs > 0 && category) {
          const shiftS = markedAgoMs / 1000;
          rolls = {
            preRollS: Math.min(MAX_ROLL_S, Math.round((input.preRollS ?? category.preRollS) + shiftS)),
            postRollS: Math.max(0, Math.round((input.postRollS ?? category.postRollS) - shiftS)),
          };
        }
        return service.create({ ...input, ...rolls }, session.user.username);
      });
      await audit(ctx, AUDIT_ACTIONS.bookmarkCreated, {
        bookmarkId: view.id,
        cameraIds: view.cameraIds,
        category: view.category,
        priority: view.priority,
        startTime: new Date(view.startTime).toISOString(),
        endTime: new Date(view.endTime).toISOString(),
      });
      return view;
    }),

    'bookmarks.update': guard(async (params, ctx) => {
      const session = sessionOf(ctx);
      const view = await runtime.use(async (service) => {
        const current = service.get(params.id);
        if (!current) throw new BookmarkError('not_found', `no bookmark ${params.id}`);
        await requireCameras(ctx, 'bookmarks.update', 'bookmark.create', current.cameraIds);
        return service.update(params, session.user.username);
      });
      const changed = Object.keys(params).filter((k) => k !== 'id' && k !== 'expectedRevision');
      await audit(ctx, BOOKMARK_AUDIT_ACTIONS.updated, { bookmarkId: view.id, revision: view.revision, changed });
      return view;
    }),

    'bookmarks.list': guard(async (filter, ctx) => {
      const session = sessionOf(ctx);
      return runtime.use((service) => {
        if (unrestricted(session)) return service.list(filter);
        const items = visible(service, session, { ...filter, offset: 0 });
        return { items: items.slice(filter.offset, filter.offset + filter.limit), total: items.length };
      });
    }),

    'bookmarks.get': guard(async ({ ids }, ctx) => {
      const session = sessionOf(ctx);
      return runtime.use((service) => ({
        items: [...new Set(ids)].map((id) => service.get(id)).filter((v): v is BookmarkView => v !== undefined && mayRead(session, v)),
      }));
    }),

    'bookmarks.retry': guard(async (params, ctx) => {
      const result = await runtime.use(async (service) => {
        if (params.bookmarkId !== undefined) {
          const current = service.get(params.bookmarkId);
          if (!current) throw new BookmarkError('not_found', `no bookmark ${params.bookmarkId}`);
          await requireCameras(ctx, 'bookmarks.retry', 'bookmark.create', current.cameraIds);
        }
        return service.retry(params);
      });
      await audit(ctx, BOOKMARK_AUDIT_ACTIONS.retried, { ...params, retried: result.retried });
      return result;
    }),

    'bookmarks.categories': guard(async () => runtime.use((service) => ({ categories: [...service.categories()] }))),

    'bookmarks.targets': guard(async () => runtime.use((service) => runtime.targetsView(service))),

    'bookmarks.export': guard(async ({ format, filter, language }, ctx) => {
      const session = sessionOf(ctx);
      const file = await runtime.use((service) => {
        const items = visible(service, session, filter, 'bookmark.read').filter((v) => mayRead(session, v, 'export.create'));
        const categories = new Map(service.categories().map((c) => [c.id, c]));
        return { ...exportBookmarks(format, items, { cameras: (id) => runtime.camera(id), category: (id) => categories.get(id), language, now: now() }), count: items.length };
      });
      await audit(ctx, AUDIT_ACTIONS.exportCreated, { kind: 'bookmarks', format, count: file.count, filter });
      return { format, ...file };
    }),

    'bookmarks.setCredential': guard(async ({ targetId, value }, ctx) => {
      const target = runtime.targetConfig(targetId);
      if (!target) throw new AppError('not_found', `no VMS target "${targetId}" in the site`);
      const ref = target.secretRef;
      if (ref === undefined) throw new AppError('invalid_input', `VMS target "${targetId}" takes no credential (it has no secretRef in the site file)`);
      try {
        await deps.secrets.set(ref, value);
      } catch (err) {
        // Never echo the value: only the ref and the reason.
        throw new AppError('invalid_input', `credential "${ref}" could not be stored: ${(err as Error).name === 'ZodError' ? 'the secretRef is not a valid credential name' : (err as Error).message}`);
      }
      await audit(ctx, AUDIT_ACTIONS.secretChanged, { ref, targetId });
      return runtime.use(async (service) => {
        // Deliveries that failed for want of this credential go again at once.
        await service.retry({ targetId });
        return runtime.targetsView(service);
      });
    }),
  };
}
