import { methods, type AuthStatus, type MethodName } from '../../../common/contract/contract';
import { AppError } from '../../../common/contract/result';
import { AUDIT_ACTIONS, actorOf, type AuditActor } from '../../../common/security/auditEntry';
import type { Permission } from '../../../common/security/permissions';
import { cameraGroupOf, decide, permissionsOf } from '../../../common/security/policy';
import type { Session } from '../../../common/security/userSchema';
import type { Site } from '../../../common/site/siteSchema';
import type { WallAction } from '../../../common/wall/wallActions';
import type { WallContext } from '../../../common/wall/wallContext';
import { camerasShownBy, requiredPermission } from '../../../common/wall/wallPermissions';
import type { WallState } from '../../../common/wall/wallSchema';
import type { AccountService } from '../accounts/accountService';
import type { CallContext } from '../contract/dispatcher';

/**
 * The built-in demo shows every job Atalaya does, so its password-less supervisor may also run and
 * write training exercises (trainer rights). Only for the demo site; real sites use real roles.
 */
export const DEMO_EXTRA_PERMISSIONS: readonly Permission[] = ['exercise.run', 'exercise.edit'];

export interface AuditSink {
  append(entry: { actor: AuditActor; action: string; details?: Record<string, unknown> }): Promise<unknown>;
}

export interface AuthGateOptions {
  accounts: AccountService;
  audit: AuditSink;
  /** Whether the site in use is the built-in demo (connections are signed in as the demo supervisor). */
  isDemo: () => boolean;
  site: () => Site;
  wall: () => { state: WallState; context: WallContext };
}

/**
 * Every contract call passes here, on both transports: the caller's session is looked up by its
 * connection, the method's access rule (declared beside its schema in the contract) is applied,
 * and refusals are audited. The UI hides what a user may not do; this is what enforces it.
 */
export class AuthGate {
  /** Connection → bearer token. A token never leaves main except once, to the client that signed in. */
  private readonly tokens = new Map<string, string>();

  constructor(private readonly opts: AuthGateOptions) {}

  authorize = async (method: MethodName, params: unknown, ctx: CallContext): Promise<CallContext> => {
    const access = methods[method].access;
    const session = this.sessionOf(ctx.clientId, method !== 'auth.status');
    const withSession = session ? { ...ctx, session } : ctx;
    if (access === 'public') return withSession;
    if (!session) throw new AppError('unauthenticated', 'sign in first');
    if (session.locked) throw new AppError('unauthenticated', 'the session is locked: type your password to unlock');
    if (access === 'signedIn') return withSession;
    for (const check of this.checksFor(method, access, params)) {
      const decision = session.demo && DEMO_EXTRA_PERMISSIONS.includes(check.permission) ? ({ allowed: true } as const) : decide(session.user, check.permission, check.cameraGroup !== undefined ? { cameraGroup: check.cameraGroup } : {});
      if (!decision.allowed) {
        await this.opts.audit.append({
          actor: actorOf(session, ctx.clientId),
          action: AUDIT_ACTIONS.permissionDenied,
          details: { method, permission: check.permission, ...(check.cameraGroup !== undefined ? { cameraGroup: check.cameraGroup } : {}), reason: decision.reason },
        });
        throw new AppError('forbidden', decision.message);
      }
    }
    return withSession;
  };

  /** The permissions a call needs, including one per camera group for actions that show cameras. */
  private checksFor(method: MethodName, access: string, params: unknown): Array<{ permission: Permission; cameraGroup?: string }> {
    if (method === 'wall.dispatch') {
      const { action } = params as { action: WallAction };
      const { state, context } = this.opts.wall();
      const permission = requiredPermission(action, state);
      const cameras = new Map(this.opts.site().cameras.map((c) => [c.id, c]));
      const groups = new Set(camerasShownBy(action, state, context).map((id) => cameraGroupOf(cameras.get(id) ?? {})));
      return [{ permission }, ...[...groups].map((cameraGroup) => ({ permission: 'wall.view' as Permission, cameraGroup }))];
    }
    if (method === 'settings.set') {
      // The site file decides what everyone sees; language and shortcuts are the operator's own.
      return [{ permission: (params as { sitePath?: unknown }).sitePath !== undefined ? 'settings.manage' : 'wall.operate' }];
    }
    return [{ permission: access as Permission }];
  }

  /** The session bound to a connection; demo-site connections get the demo supervisor. */
  sessionOf(clientId: string, activity = true): Session | undefined {
    const token = this.tokens.get(clientId);
    if (token) {
      const check = this.opts.accounts.resolve(token, { activity });
      if (check.ok && !(check.session.demo && !this.opts.isDemo())) return check.session;
      if (!check.ok && check.code === 'session_locked' && check.session) return check.session;
      this.tokens.delete(clientId);
    }
    if (!this.opts.isDemo()) return undefined;
    const demo = this.opts.accounts.startDemoSession({ demoSite: true });
    if (!demo.ok) return undefined;
    this.tokens.set(clientId, demo.value.token);
    void this.opts.audit.append({ actor: actorOf(demo.value.session, clientId), action: AUDIT_ACTIONS.demoSession });
    return demo.value.session;
  }

  /** Asking for the status is not activity: a window polling it must not keep a session from locking. */
  status(clientId: string): AuthStatus {
    const session = this.sessionOf(clientId, false);
    return {
      signedIn: session !== undefined,
      user: session ? { username: session.user.username, ...(session.user.displayName ? { displayName: session.user.displayName } : {}), role: session.user.role, groups: session.user.groups } : null,
      demo: session?.demo ?? false,
      needsSetup: this.opts.accounts.needsFirstRunSetup(),
      locked: session?.locked ?? false,
      permissions: session && !session.locked ? [...new Set([...permissionsOf(session.user), ...(session.demo ? DEMO_EXTRA_PERMISSIONS : [])])] : [],
    };
  }

  async login(clientId: string, username: string, password: string): Promise<{ status: AuthStatus; token: string }> {
    const result = await this.opts.accounts.login(username, password);
    if (!result.ok) {
      await this.opts.audit.append({ actor: { type: 'anonymous', claimedUsername: username.slice(0, 64), origin: clientId }, action: AUDIT_ACTIONS.loginFailed, details: { cause: result.auditCause ?? result.code } });
      throw new AppError(result.code === 'locked_out' ? 'forbidden' : 'unauthenticated', result.message);
    }
    this.tokens.set(clientId, result.value.token);
    await this.opts.audit.append({ actor: actorOf(result.value.session, clientId), action: AUDIT_ACTIONS.login });
    return { status: this.status(clientId), token: result.value.token };
  }

  async setup(clientId: string, username: string, password: string): Promise<{ status: AuthStatus; token: string }> {
    const created = await this.opts.accounts.createFirstAdmin({ username, password });
    if (!created.ok) throw new AppError(created.code === 'already_initialized' ? 'conflict' : 'invalid_input', created.message);
    await this.opts.audit.append({ actor: { type: 'anonymous', claimedUsername: username.slice(0, 64), origin: clientId }, action: AUDIT_ACTIONS.accountCreated, details: { username: created.value.username, role: created.value.role, firstRun: true } });
    return this.login(clientId, username, password);
  }

  resume(clientId: string, token: string): AuthStatus {
    const check = this.opts.accounts.resolve(token, { activity: true });
    if (!check.ok && check.code !== 'session_locked') throw new AppError('unauthenticated', check.message);
    this.tokens.set(clientId, token);
    return this.status(clientId);
  }

  async logout(clientId: string): Promise<AuthStatus> {
    const token = this.tokens.get(clientId);
    this.tokens.delete(clientId);
    const session = token ? this.opts.accounts.logout(token) : undefined;
    if (session) await this.opts.audit.append({ actor: actorOf(session, clientId), action: AUDIT_ACTIONS.logout });
    return this.status(clientId);
  }

  async lock(clientId: string): Promise<AuthStatus> {
    const token = this.tokens.get(clientId);
    if (token) {
      const locked = this.opts.accounts.lock(token);
      if (locked.ok) await this.opts.audit.append({ actor: actorOf(locked.value, clientId), action: AUDIT_ACTIONS.sessionLocked });
    }
    return this.status(clientId);
  }

  async unlock(clientId: string, password: string): Promise<AuthStatus> {
    const token = this.tokens.get(clientId);
    if (!token) throw new AppError('unauthenticated', 'sign in first');
    const result = await this.opts.accounts.unlock(token, password);
    if (!result.ok) throw new AppError('unauthenticated', result.message);
    await this.opts.audit.append({ actor: actorOf(result.value, clientId), action: AUDIT_ACTIONS.sessionUnlocked });
    return this.status(clientId);
  }

  /**
   * Whether a stream connection (the web host's relay, which is not the /api socket) may watch a
   * camera: the demo site's streams are open like its wall; otherwise the token must belong to an
   * unlocked session allowed to view the camera's group.
   */
  canWatch(token: string | null, camera: { group?: string | undefined }): boolean {
    if (this.opts.isDemo()) return true;
    if (!token) return false;
    const check = this.opts.accounts.resolve(token, { activity: false });
    return check.ok && !check.session.locked && decide(check.session.user, 'wall.view', { cameraGroup: cameraGroupOf(camera) }).allowed;
  }

  /** A connection closed: it no longer holds the session (the client may resume with its token). */
  disconnect(clientId: string): void {
    this.tokens.delete(clientId);
  }
}
