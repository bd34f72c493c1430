import { randomBytes, randomUUID } from 'node:crypto';
import { RoleSchema, type Role } from '../../../common/security/roles';
import {
  ALL_GROUPS,
  CameraGroupSchema,
  normalizeUsername,
  UsernameSchema,
  type Session,
  type User,
} from '../../../common/security/userSchema';
import { accountsFilePath, readAccountsFile, writeAccountsFile, type StoredUser } from './accountsFile';
import { LoginThrottle, DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from './loginThrottle';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, KdfLimiter, needsRehash, verifyPassword, type PasswordHash, type ScryptParams } from './passwordHash';
import { checkNewPassword, describePasswordProblems, MAX_PASSWORD_LENGTH, type PasswordProblem } from './passwordPolicy';
import { DEFAULT_SESSION_POLICY, SessionTable, type SessionPolicy, type SessionRecord } from './sessionTable';

/**
 * Local accounts and sessions for main. Callers (contract handlers) check permissions with
 * common/security/policy before calling the management methods here, and write the audit entries;
 * this service keeps the secrets (hashes, tokens) and the rules about them.
 *
 * Error `message`s are safe to show to the client. `auditCause` is for the audit trail only: it
 * says whether a failed login named an existing account, which the client must not learn.
 */
export type AccountErrorCode =
  | 'invalid_credentials'
  | 'locked_out'
  | 'account_disabled'
  | 'weak_password'
  | 'invalid_input'
  | 'username_taken'
  | 'already_initialized'
  | 'not_found'
  | 'last_admin'
  | 'session_invalid'
  | 'session_expired'
  | 'session_locked'
  | 'not_demo_site';

export interface AccountError {
  ok: false;
  code: AccountErrorCode;
  message: string;
  /** For locked_out: epoch ms when another attempt will be considered. */
  retryAt?: number;
  /** For weak_password: what to fix, as stable codes the UI translates. */
  problems?: PasswordProblem[];
  /** Audit-only detail of a failed login or unlock. Never send to the client. */
  auditCause?: 'unknown_user' | 'wrong_password' | 'disabled' | 'throttled';
  /** The session concerned, when there was one (expired, locked), for the audit actor. */
  session?: Session;
}

export type AccountResult<T> = { ok: true; value: T } | AccountError;

export interface SignedIn {
  /** Bearer token: hand to the transport, never to app state, logs or the audit. */
  token: string;
  session: Session;
}

export type SessionCheck =
  | { ok: true; session: Session }
  | (AccountError & { code: 'session_invalid' | 'session_expired' | 'session_locked' | 'account_disabled'; lockedNow?: boolean });

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  groups: string[];
  displayName?: string;
}

export interface UserPatch {
  role?: Role;
  groups?: string[];
  disabled?: boolean;
  displayName?: string;
}

export interface AccountServiceOptions {
  dataDir: string;
  /** Epoch ms; injected so tests drive expiry, idle lock and lockout. */
  now?: () => number;
  scrypt?: ScryptParams;
  session?: Partial<SessionPolicy>;
  throttle?: Partial<ThrottlePolicy>;
}

/** The password-less supervisor of the built-in demo site. Not stored; its id cannot clash with real ids (UUIDs). */
export const DEMO_USER: Readonly<User> = Object.freeze({
  id: 'demo',
  username: 'demo',
  displayName: 'DEMO',
  role: 'supervisor',
  groups: [ALL_GROUPS],
  disabled: false,
  mustChangePassword: false,
});

const fail = (code: AccountErrorCode, message: string, extra: Partial<AccountError> = {}): AccountError => ({ ok: false, code, message, ...extra });
const INVALID_CREDENTIALS = 'wrong username or password';

function publicUser(stored: StoredUser): User {
  const { id, username, displayName, role, groups, disabled, mustChangePassword } = stored;
  return { id, username, ...(displayName !== undefined ? { displayName } : {}), role, groups: [...groups], disabled, mustChangePassword };
}

function toSession(record: SessionRecord, user: User): Session {
  return {
    id: record.id,
    user,
    demo: record.demo,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    lastActivityAt: record.lastActivityAt,
    idleTimeoutMs: record.idleTimeoutMs,
    locked: record.locked,
  };
}

export class AccountService {
  private users: StoredUser[];
  private readonly sessions = new SessionTable();
  private readonly throttle: LoginThrottle;
  private readonly kdf = new KdfLimiter();
  private readonly now: () => number;
  private readonly scrypt: ScryptParams;
  private readonly sessionPolicy: SessionPolicy;
  private readonly path: string;
  private writes: Promise<unknown> = Promise.resolve();
  private dummyHash: Promise<PasswordHash> | undefined;

  private constructor(path: string, users: StoredUser[], opts: AccountServiceOptions) {
    this.path = path;
    this.users = users;
    this.now = opts.now ?? Date.now;
    this.scrypt = opts.scrypt ?? DEFAULT_SCRYPT_PARAMS;
    this.sessionPolicy = { ...DEFAULT_SESSION_POLICY, ...opts.session };
    this.throttle = new LoginThrottle({ ...DEFAULT_THROTTLE_POLICY, ...opts.throttle });
  }

  /** Loads `accounts.json` from the data dir; throws if it exists but is invalid (see accountsFile). */
  static async open(opts: AccountServiceOptions): Promise<AccountService> {
    const path = accountsFilePath(opts.dataDir);
    const users = (await readAccountsFile(path)) ?? [];
    return new AccountService(path, users, opts);
  }

  /** True until the first admin exists: the UI shows the create-admin screen instead of login. */
  needsFirstRunSetup(): boolean {
    return this.users.length === 0;
  }

  /** Creates the first admin; refused once any account exists, so it cannot be replayed later. */
  async createFirstAdmin(input: { username: string; password: string; displayName?: string }): Promise<AccountResult<User>> {
    return this.addUser({ ...input, role: 'admin', groups: [ALL_GROUPS] }, { firstRun: true });
  }

  async createUser(input: NewUser): Promise<AccountResult<User>> {
    return this.addUser(input, { firstRun: false });
  }

  async login(username: string, password: string): Promise<AccountResult<SignedIn>> {
    const key = normalizeUsername(username);
    // Far longer than any allowed password: a failure without spending a KDF run on megabytes.
    if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH * 4) {
      const after = this.throttle.recordFailure(key, this.now());
      if (after.lockedUntil !== undefined) return this.lockedOut(after.lockedUntil, 'wrong_password');
      return fail('invalid_credentials', INVALID_CREDENTIALS, { auditCause: 'wrong_password' });
    }
    const stored = this.findByName(username);
    const dummy = stored ? undefined : await this.getDummyHash();
    // The throttle is checked once the KDF slot is ours, not before queueing: otherwise a burst of
    // parallel attempts would all pass the check before the first failure is counted.
    const verdict = await this.kdf.run(async () => {
      const gate = this.throttle.check(key, this.now());
      if (!gate.allowed) return gate;
      // An unknown name costs the same hash as a known one, so timing does not reveal which exist.
      return { allowed: true as const, ok: await verifyPassword(password, stored?.password ?? dummy!) };
    });
    if (!verdict.allowed) return this.lockedOut(verdict.retryAt, 'throttled');
    if (!stored || !verdict.ok) {
      const after = this.throttle.recordFailure(key, this.now());
      if (after.lockedUntil !== undefined) return this.lockedOut(after.lockedUntil, stored ? 'wrong_password' : 'unknown_user');
      return fail('invalid_credentials', INVALID_CREDENTIALS, { auditCause: stored ? 'wrong_password' : 'unknown_user' });
    }
    this.throttle.recordSuccess(key);
    // Only after the right password: telling a guesser an account is disabled would confirm it exists.
    if (stored.disabled) return fail('account_disabled', 'this account is disabled', { auditCause: 'disabled' });
    if (needsRehash(stored.password, this.scrypt)) await this.rehash(stored.id, password).catch(() => undefined);
    const { token, record } = this.sessions.create(stored.id, { demo: false, now: this.now(), policy: this.sessionPolicy });
    return { ok: true, value: { token, session: toSession(record, publicUser(stored)) } };
  }

  /**
   * Signs in as the built-in demo supervisor without a password. Only for the built-in demo site:
   * the caller passes whether the loaded site is that one, and any other site gets not_demo_site.
   * Demo sessions never lock or expire (there is no password to unlock them with).
   */
  startDemoSession(opts: { demoSite: boolean }): AccountResult<SignedIn> {
    if (opts.demoSite !== true) return fail('not_demo_site', 'password-less demo sign-in is only available on the built-in demo site');
    const { token, record } = this.sessions.create(DEMO_USER.id, {
      demo: true,
      now: this.now(),
      policy: { maxAgeMs: 0, idleTimeoutMs: 0 },
    });
    return { ok: true, value: { token, session: toSession(record, { ...DEMO_USER, groups: [...DEMO_USER.groups] }) } };
  }

  /**
   * The session behind a token, for the dispatcher on every call. Reflects the user's current
   * role, groups and state, so an admin's change applies at once. `activity: true` counts the call
   * as the user doing something (postponing the idle lock); pass false for background traffic.
   * `lockedNow` is set on the one call that found the session newly idle-locked, to audit it once.
   */
  resolve(token: string, opts: { activity?: boolean } = {}): SessionCheck {
    const found = this.sessions.lookup(token, this.now(), opts.activity ?? false);
    if (found.status === 'unknown') return { ok: false, code: 'session_invalid', message: 'not signed in' };
    const user = this.userOf(found.record);
    if (!user || user.disabled) {
      this.sessions.remove(token);
      return { ok: false, code: 'account_disabled', message: 'this account is disabled or no longer exists' };
    }
    const session = toSession(found.record, user);
    if (found.status === 'expired') return { ok: false, code: 'session_expired', message: 'session expired: sign in again', session };
    if (found.status === 'locked') {
      return { ok: false, code: 'session_locked', message: 'session locked: enter your password', session, lockedNow: found.lockedNow };
    }
    return { ok: true, session };
  }

  /** Locks the session now (the user stepping away). Demo sessions cannot lock. */
  lock(token: string): AccountResult<Session> {
    const record = this.sessions.lock(token);
    const user = record && this.userOf(record);
    if (!record || !user) return fail('session_invalid', 'not signed in');
    return { ok: true, value: toSession(record, user) };
  }

  /** Unlocks an idle-locked session with the user's password; failures count toward lockout. */
  async unlock(token: string, password: string): Promise<AccountResult<Session>> {
    const check = this.resolve(token);
    if (check.ok) return { ok: true, value: check.session };
    if (check.code !== 'session_locked' || !check.session) return check;
    const stored = this.users.find((u) => u.id === check.session!.user.id);
    if (!stored) return fail('session_invalid', 'not signed in');
    const verified = await this.checkPassword(stored, password);
    if (!verified.ok) return { ...verified, session: check.session };
    const record = this.sessions.unlock(token, this.now());
    if (!record) return fail('session_expired', 'session expired: sign in again');
    return { ok: true, value: toSession(record, publicUser(stored)) };
  }

  /** Ends the session; returns it (for the audit) if there was one. */
  logout(token: string): Session | undefined {
    const record = this.sessions.remove(token);
    const user = record && this.userOf(record);
    return record && user ? toSession(record, user) : undefined;
  }

  /**
   * The signed-in user changes their own password, proving the current one. Ends the user's other
   * sessions (someone who learnt the old password is signed out) and clears mustChangePassword.
   */
  async changePassword(token: string, currentPassword: string, newPassword: string): Promise<AccountResult<Session>> {
    const check = this.resolve(token, { activity: true });
    if (!check.ok) return check;
    if (check.session.demo) return fail('invalid_input', 'the demo account has no password');
    const stored = this.users.find((u) => u.id === check.session.user.id);
    if (!stored) return fail('session_invalid', 'not signed in');
    const verified = await this.checkPassword(stored, currentPassword);
    if (!verified.ok) return verified;
    if (newPassword === currentPassword) return fail('weak_password', 'the new password must differ from the current one');
    const problems = checkNewPassword(newPassword, stored.username);
    if (problems.length > 0) return fail('weak_password', describePasswordProblems(problems), { problems });
    const hash = await this.kdf.run(() => hashPassword(newPassword, this.scrypt));
    const updated = await this.updateStored(stored.id, (u) => ({ ...u, password: hash, mustChangePassword: false, passwordChangedAt: this.iso() }));
    if (!updated) return fail('not_found', 'account no longer exists');
    this.sessions.removeUser(stored.id, check.session.id);
    const again = this.resolve(token);
    return again.ok ? { ok: true, value: again.session } : again;
  }

  /** An admin sets a new password for a user: all their sessions end and they must change it at next login. */
  async resetPassword(userId: string, newPassword: string): Promise<AccountResult<User>> {
    const stored = this.users.find((u) => u.id === userId);
    if (!stored) return fail('not_found', `no account ${userId}`);
    const problems = checkNewPassword(newPassword, stored.username);
    if (problems.length > 0) return fail('weak_password', describePasswordProblems(problems), { problems });
    const hash = await this.kdf.run(() => hashPassword(newPassword, this.scrypt));
    const updated = await this.updateStored(userId, (u) => ({ ...u, password: hash, mustChangePassword: true, passwordChangedAt: this.iso() }));
    if (!updated) return fail('not_found', `no account ${userId}`);
    this.sessions.removeUser(userId);
    this.throttle.clear(normalizeUsername(updated.username));
    return { ok: true, value: publicUser(updated) };
  }

  /** Changes role, groups, display name or disabled. Refuses to leave no enabled admin. */
  async updateUser(userId: string, patch: UserPatch): Promise<AccountResult<User>> {
    const invalid = this.invalidPatch(patch);
    if (invalid) return invalid;
    return this.exclusive(async () => {
      const current = this.users.find((u) => u.id === userId);
      if (!current) return fail('not_found', `no account ${userId}`);
      const next: StoredUser = {
        ...current,
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.groups !== undefined ? { groups: [...new Set(patch.groups)] } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      };
      const users = this.users.map((u) => (u.id === userId ? next : u));
      if (!users.some((u) => u.role === 'admin' && !u.disabled)) return fail('last_admin', 'at least one enabled admin account must remain');
      await writeAccountsFile(this.path, users);
      this.users = users;
      if (next.disabled) this.sessions.removeUser(userId);
      return { ok: true, value: publicUser(next) };
    });
  }

  /** An admin lifting a login lockout early. */
  clearLockout(username: string): void {
    this.throttle.clear(normalizeUsername(username));
  }

  listUsers(): User[] {
    return this.users.map(publicUser);
  }

  getUser(userId: string): User | undefined {
    const stored = this.users.find((u) => u.id === userId);
    return stored && publicUser(stored);
  }

  /** Drops expired sessions; call now and then (e.g. every few minutes) to bound memory. */
  sweepSessions(): Session[] {
    return this.sessions
      .sweep(this.now())
      .flatMap((record) => {
        const user = this.userOf(record);
        return user ? [toSession(record, user)] : [];
      });
  }

  // ---- internals ----

  private async addUser(raw: NewUser, opts: { firstRun: boolean }): Promise<AccountResult<User>> {
    // Composed first: a name typed with a combining accent is the same name, and passes the letter check.
    const input = { ...raw, username: String(raw.username).normalize('NFC') };
    const name = UsernameSchema.safeParse(input.username);
    if (!name.success) return fail('invalid_input', `username ${name.error.issues[0]?.message ?? 'is invalid'}`);
    const invalid = this.invalidPatch({ role: input.role, groups: input.groups, ...(input.displayName !== undefined ? { displayName: input.displayName } : {}) });
    if (invalid) return invalid;
    const problems = checkNewPassword(input.password, input.username);
    if (problems.length > 0) return fail('weak_password', describePasswordProblems(problems), { problems });
    // Hash before taking the write lock: the slow part must not serialise other account writes.
    const hash = await this.kdf.run(() => hashPassword(input.password, this.scrypt));
    return this.exclusive(async () => {
      if (opts.firstRun && this.users.length > 0) return fail('already_initialized', 'an admin account already exists');
      if (this.findByName(input.username)) return fail('username_taken', `username ${input.username} is taken`);
      const at = this.iso();
      const stored: StoredUser = {
        id: randomUUID(),
        username: input.username,
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        role: input.role,
        groups: [...new Set(input.groups)],
        disabled: false,
        mustChangePassword: false,
        password: hash,
        createdAt: at,
        passwordChangedAt: at,
      };
      const users = [...this.users, stored];
      await writeAccountsFile(this.path, users);
      this.users = users;
      return { ok: true, value: publicUser(stored) };
    });
  }

  private invalidPatch(patch: UserPatch): AccountError | undefined {
    if (patch.role !== undefined && !RoleSchema.safeParse(patch.role).success) return fail('invalid_input', `unknown role ${String(patch.role)}`);
    if (patch.groups !== undefined) {
      if (!Array.isArray(patch.groups) || patch.groups.length > 200 || !patch.groups.every((g) => CameraGroupSchema.safeParse(g).success)) {
        return fail('invalid_input', 'groups must be a list of camera group names (or "*" for all)');
      }
    }
    if (patch.displayName !== undefined && (typeof patch.displayName !== 'string' || patch.displayName.length < 1 || patch.displayName.length > 120)) {
      return fail('invalid_input', 'display name must be 1–120 characters');
    }
    if (patch.disabled !== undefined && typeof patch.disabled !== 'boolean') return fail('invalid_input', 'disabled must be true or false');
    return undefined;
  }

  /** Password check for unlock and password change, throttled like login. */
  private async checkPassword(stored: StoredUser, password: string): Promise<AccountResult<true>> {
    const key = normalizeUsername(stored.username);
    const verdict = await this.kdf.run(async () => {
      const gate = this.throttle.check(key, this.now());
      if (!gate.allowed) return gate;
      return { allowed: true as const, ok: await verifyPassword(password, stored.password) };
    });
    if (!verdict.allowed) return this.lockedOut(verdict.retryAt, 'throttled');
    if (!verdict.ok) {
      const after = this.throttle.recordFailure(key, this.now());
      if (after.lockedUntil !== undefined) return this.lockedOut(after.lockedUntil, 'wrong_password');
      return fail('invalid_credentials', 'wrong password', { auditCause: 'wrong_password' });
    }
    this.throttle.recordSuccess(key);
    return { ok: true, value: true };
  }

  private lockedOut(retryAt: number, cause: AccountError['auditCause']): AccountError {
    const seconds = Math.max(1, Math.ceil((retryAt - this.now()) / 1000));
    return fail('locked_out', `too many failed attempts: try again in ${seconds} s`, { retryAt, ...(cause ? { auditCause: cause } : {}) });
  }

  private userOf(record: SessionRecord): User | undefined {
    if (record.demo) return { ...DEMO_USER, groups: [...DEMO_USER.groups] };
    const stored = this.users.find((u) => u.id === record.userId);
    return stored && publicUser(stored);
  }

  private findByName(username: string): StoredUser | undefined {
    const key = normalizeUsername(username);
    return this.users.find((u) => normalizeUsername(u.username) === key);
  }

  private async rehash(userId: string, password: string): Promise<void> {
    const hash = await this.kdf.run(() => hashPassword(password, this.scrypt));
    await this.updateStored(userId, (u) => ({ ...u, password: hash }));
  }

  private async updateStored(userId: string, change: (user: StoredUser) => StoredUser): Promise<StoredUser | undefined> {
    return this.exclusive(async () => {
      const current = this.users.find((u) => u.id === userId);
      if (!current) return undefined;
      const next = change(current);
      const users = this.users.map((u) => (u.id === userId ? next : u));
      await writeAccountsFile(this.path, users);
      this.users = users;
      return next;
    });
  }

  /** Runs account-file changes one at a time, so a check and the write based on it cannot interleave. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private getDummyHash(): Promise<PasswordHash> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.scrypt);
    return this.dummyHash;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
