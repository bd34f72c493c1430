import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountService, type AccountServiceOptions } from '../../../../../main/services/accounts/accountService';
import { SESSION_TOKEN_PATTERN } from '../../../../../main/services/accounts/sessionTable';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const ADMIN_PW = 'lighthouse keeper phrase';
const OP_PW = 'operator passphrase';

let dir: string;
let now: number;
const clock = () => now;

async function open(extra: Partial<AccountServiceOptions> = {}): Promise<AccountService> {
  return AccountService.open({
    dataDir: dir,
    now: clock,
    scrypt: FAST,
    session: { maxAgeMs: 60 * 60_000, idleTimeoutMs: 5 * 60_000 },
    throttle: { freeFailures: 3, baseLockMs: 30_000, maxLockMs: 120_000 },
    ...extra,
  });
}

async function withOperator(): Promise<{ svc: AccountService; opId: string }> {
  const svc = await open();
  expect((await svc.createFirstAdmin({ username: 'admin', password: ADMIN_PW })).ok).toBe(true);
  const op = await svc.createUser({ username: 'José', password: OP_PW, role: 'operator', groups: ['north'] });
  if (!op.ok) throw new Error(op.message);
  return { svc, opId: op.value.id };
}

function value<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.message}`);
  return result.value;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-accounts-'));
  now = Date.UTC(2026, 0, 1, 8, 0, 0);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('first run', () => {
  it('offers admin creation only while there are no accounts, once', async () => {
    const svc = await open();
    expect(svc.needsFirstRunSetup()).toBe(true);
    const admin = value(await svc.createFirstAdmin({ username: 'admin', password: ADMIN_PW }));
    expect(admin).toMatchObject({ username: 'admin', role: 'admin', groups: ['*'], disabled: false });
    expect(svc.needsFirstRunSetup()).toBe(false);
    const again = await svc.createFirstAdmin({ username: 'mallory', password: 'another long passphrase' });
    expect(again).toMatchObject({ ok: false, code: 'already_initialized' });
  });

  it('lets only one of two simultaneous first-run requests win', async () => {
    const svc = await open();
    const results = await Promise.all([
      svc.createFirstAdmin({ username: 'admin1', password: ADMIN_PW }),
      svc.createFirstAdmin({ username: 'admin2', password: ADMIN_PW }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(svc.listUsers()).toHaveLength(1);
  });

  it('refuses a weak first password with reasons', async () => {
    const svc = await open();
    expect(await svc.createFirstAdmin({ username: 'admin', password: 'admin' })).toMatchObject({
      ok: false,
      code: 'weak_password',
      problems: expect.arrayContaining(['too_short', 'contains_username']),
    });
  });

  it('stores hashes only, in a 0600 file, and reloads them', async () => {
    const { svc } = await withOperator();
    const path = join(dir, 'accounts.json');
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(ADMIN_PW);
    expect(text).not.toContain(OP_PW);
    expect(text).toContain('"algorithm": "scrypt"');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    const reopened = await open();
    expect(reopened.listUsers()).toEqual(svc.listUsers());
    expect((await reopened.login('josé', OP_PW)).ok).toBe(true);
  });

  it('refuses to start on a corrupt accounts file instead of offering first-run again', async () => {
    await writeFile(join(dir, 'accounts.json'), '{"version":1,"users":[{"id":"x"}]}');
    await expect(open()).rejects.toThrow(/accounts file is invalid/);
  });
});

describe('login', () => {
  it('returns a random prefixed token and a session without secrets', async () => {
    const { svc } = await withOperator();
    const a = value(await svc.login('josé', OP_PW));
    const b = value(await svc.login('JOSÉ', OP_PW));
    expect(a.token).toMatch(new RegExp(`^${SESSION_TOKEN_PATTERN.source}$`));
    expect(a.token).not.toBe(b.token);
    expect(a.session.user).toMatchObject({ username: 'José', role: 'operator', groups: ['north'] });
    expect(JSON.stringify(a.session)).not.toContain(a.token);
    expect(JSON.stringify(a.session)).not.toContain('scrypt');
    expect(svc.resolve(a.token)).toMatchObject({ ok: true, session: { id: a.session.id } });
  });

  it('answers a wrong password and an unknown user identically to the client', async () => {
    const { svc } = await withOperator();
    const wrong = await svc.login('josé', 'not the password');
    const unknown = await svc.login('nobody', 'not the password');
    expect(wrong).toMatchObject({ ok: false, code: 'invalid_credentials', auditCause: 'wrong_password' });
    expect(unknown).toMatchObject({ ok: false, code: 'invalid_credentials', auditCause: 'unknown_user' });
    if (wrong.ok || unknown.ok) throw new Error('unreachable');
    expect(wrong.message).toBe(unknown.message);
  });

  it('locks a name out after repeated failures, even the right password, until the lock ends', async () => {
    const { svc } = await withOperator();
    for (let i = 0; i < 3; i++) expect(await svc.login('josé', 'wrong guess')).toMatchObject({ code: 'invalid_credentials' });
    expect(await svc.login('josé', 'wrong guess')).toMatchObject({ code: 'locked_out', retryAt: now + 30_000 });
    expect(await svc.login('josé', OP_PW)).toMatchObject({ ok: false, code: 'locked_out', auditCause: 'throttled' });
    now += 30_000;
    expect((await svc.login('josé', OP_PW)).ok).toBe(true);
  });

  it('locks unknown names the same way, so lockout does not reveal which accounts exist', async () => {
    const { svc } = await withOperator();
    for (let i = 0; i < 3; i++) await svc.login('ghost', 'wrong guess');
    expect(await svc.login('ghost', 'wrong guess')).toMatchObject({ code: 'locked_out' });
  });

  it('counts a burst of parallel guesses before any of them passes the lock', async () => {
    const { svc } = await withOperator();
    const results = await Promise.all(Array.from({ length: 12 }, () => svc.login('josé', 'wrong guess')));
    expect(results.filter((r) => !r.ok && r.code === 'invalid_credentials')).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.code === 'locked_out')).toHaveLength(9);
  });

  it('an admin can clear a lockout', async () => {
    const { svc } = await withOperator();
    for (let i = 0; i < 4; i++) await svc.login('josé', 'wrong guess');
    svc.clearLockout('JOSÉ');
    expect((await svc.login('josé', OP_PW)).ok).toBe(true);
  });

  it('says "disabled" only after the right password', async () => {
    const { svc, opId } = await withOperator();
    value(await svc.updateUser(opId, { disabled: true }));
    expect(await svc.login('josé', 'wrong guess')).toMatchObject({ code: 'invalid_credentials' });
    expect(await svc.login('josé', OP_PW)).toMatchObject({ code: 'account_disabled' });
  });

  it('upgrades a hash made with weaker parameters at the next login', async () => {
    const { svc } = await withOperator();
    const stronger = await open({ scrypt: { N: 2 ** 11, r: 8, p: 1 } });
    expect((await stronger.login('josé', OP_PW)).ok).toBe(true);
    const file = JSON.parse(await readFile(join(dir, 'accounts.json'), 'utf8')) as { users: Array<{ username: string; password: { N: number } }> };
    expect(file.users.find((u) => u.username === 'José')!.password.N).toBe(2 ** 11);
    expect((await svc.login('admin', ADMIN_PW)).ok).toBe(true);
  });
});

describe('sessions', () => {
  it('expires at the maximum age whatever the activity', async () => {
    const { svc } = await withOperator();
    const { token } = value(await svc.login('josé', OP_PW));
    for (let i = 0; i < 14; i++) {
      now += 4 * 60_000;
      expect(svc.resolve(token, { activity: true }).ok).toBe(true);
    }
    now += 4 * 60_000; // 60 minutes after login: the maximum age
    expect(svc.resolve(token, { activity: true })).toMatchObject({ ok: false, code: 'session_expired' });
    expect(svc.resolve(token)).toMatchObject({ ok: false, code: 'session_invalid' });
  });

  it('locks after the idle timeout, reports the lock once, and unlocks with the password', async () => {
    const { svc } = await withOperator();
    const { token } = value(await svc.login('josé', OP_PW));
    now += 4 * 60_000;
    expect(svc.resolve(token).ok).toBe(true); // background call: does not count as activity
    now += 60_000;
    expect(svc.resolve(token)).toMatchObject({ ok: false, code: 'session_locked', lockedNow: true });
    expect(svc.resolve(token, { activity: true })).toMatchObject({ ok: false, code: 'session_locked', lockedNow: false });
    expect(await svc.unlock(token, 'wrong guess')).toMatchObject({ ok: false, code: 'invalid_credentials' });
    expect(value(await svc.unlock(token, OP_PW)).locked).toBe(false);
    expect(svc.resolve(token).ok).toBe(true);
  });

  it('activity postpones the idle lock', async () => {
    const { svc } = await withOperator();
    const { token } = value(await svc.login('josé', OP_PW));
    for (let i = 0; i < 5; i++) {
      now += 4 * 60_000;
      expect(svc.resolve(token, { activity: true }).ok).toBe(true);
    }
  });

  it('can be locked on demand and ended by logout', async () => {
    const { svc } = await withOperator();
    const { token, session } = value(await svc.login('josé', OP_PW));
    expect(value(svc.lock(token)).locked).toBe(true);
    expect(svc.resolve(token)).toMatchObject({ code: 'session_locked' });
    expect(svc.logout(token)?.id).toBe(session.id);
    expect(svc.resolve(token)).toMatchObject({ code: 'session_invalid' });
    expect(svc.logout(token)).toBeUndefined();
  });

  it('reflects role and group changes at once and ends sessions of a disabled user', async () => {
    const { svc, opId } = await withOperator();
    const { token } = value(await svc.login('josé', OP_PW));
    value(await svc.updateUser(opId, { role: 'supervisor', groups: ['north', 'south'] }));
    expect(svc.resolve(token)).toMatchObject({ ok: true, session: { user: { role: 'supervisor', groups: ['north', 'south'] } } });
    value(await svc.updateUser(opId, { disabled: true }));
    expect(svc.resolve(token)).toMatchObject({ ok: false, code: 'session_invalid' });
  });

  it('sweeps expired sessions', async () => {
    const { svc } = await withOperator();
    value(await svc.login('josé', OP_PW));
    now += 61 * 60_000;
    expect(svc.sweepSessions()).toHaveLength(1);
  });
});

describe('password changes', () => {
  it('needs the current password, ends other sessions, keeps this one', async () => {
    const { svc } = await withOperator();
    const here = value(await svc.login('josé', OP_PW));
    const elsewhere = value(await svc.login('josé', OP_PW));
    expect(await svc.changePassword(here.token, 'wrong guess', 'a new long passphrase')).toMatchObject({ code: 'invalid_credentials' });
    expect(await svc.changePassword(here.token, OP_PW, 'short')).toMatchObject({ code: 'weak_password' });
    value(await svc.changePassword(here.token, OP_PW, 'a new long passphrase'));
    expect(svc.resolve(here.token).ok).toBe(true);
    expect(svc.resolve(elsewhere.token)).toMatchObject({ code: 'session_invalid' });
    expect((await svc.login('josé', OP_PW)).ok).toBe(false);
    expect((await svc.login('josé', 'a new long passphrase')).ok).toBe(true);
  });

  it('an admin reset ends all sessions and forces a change at next login', async () => {
    const { svc, opId } = await withOperator();
    const { token } = value(await svc.login('josé', OP_PW));
    expect(value(await svc.resetPassword(opId, 'temporary passphrase')).mustChangePassword).toBe(true);
    expect(svc.resolve(token).ok).toBe(false);
    const next = value(await svc.login('josé', 'temporary passphrase'));
    expect(next.session.user.mustChangePassword).toBe(true);
    value(await svc.changePassword(next.token, 'temporary passphrase', 'my own passphrase'));
    expect(svc.getUser(opId)?.mustChangePassword).toBe(false);
  });
});

describe('account management', () => {
  it('refuses duplicate usernames case-insensitively and whatever the Unicode composition', async () => {
    const { svc } = await withOperator();
    expect(await svc.createUser({ username: 'JOSÉ', password: 'yet another phrase', role: 'operator', groups: [] })).toMatchObject({
      code: 'username_taken',
    });
    expect(await svc.createUser({ username: 'jose\u0301', password: 'yet another phrase', role: 'operator', groups: [] })).toMatchObject({
      code: 'username_taken',
    });
  });

  it('validates input that bypassed the contract schema', async () => {
    const { svc, opId } = await withOperator();
    expect(await svc.createUser({ username: 'has space', password: 'yet another phrase', role: 'operator', groups: [] })).toMatchObject({ code: 'invalid_input' });
    expect(await svc.updateUser(opId, { role: 'root' as never })).toMatchObject({ code: 'invalid_input' });
    expect(await svc.updateUser(opId, { groups: [''] })).toMatchObject({ code: 'invalid_input' });
  });

  it('never leaves the site without an enabled admin', async () => {
    const { svc } = await withOperator();
    const adminId = svc.listUsers().find((u) => u.role === 'admin')!.id;
    expect(await svc.updateUser(adminId, { disabled: true })).toMatchObject({ code: 'last_admin' });
    expect(await svc.updateUser(adminId, { role: 'operator' })).toMatchObject({ code: 'last_admin' });
    const second = value(await svc.createUser({ username: 'root2', password: 'second admin phrase', role: 'admin', groups: ['*'] }));
    expect((await svc.updateUser(adminId, { role: 'operator' })).ok).toBe(true);
    expect(await svc.updateUser(second.id, { disabled: true })).toMatchObject({ code: 'last_admin' });
  });
});

describe('demo mode', () => {
  it('signs in the demo supervisor without a password on the demo site only', async () => {
    const svc = await open();
    expect(svc.startDemoSession({ demoSite: false })).toMatchObject({ ok: false, code: 'not_demo_site' });
    const demo = value(svc.startDemoSession({ demoSite: true }));
    expect(demo.session).toMatchObject({ demo: true, idleTimeoutMs: 0, user: { role: 'supervisor', username: 'demo' } });
    // Never idle-locks or expires: there is no password to unlock it with.
    now += 365 * 24 * 60 * 60_000;
    expect(svc.resolve(demo.token)).toMatchObject({ ok: true, session: { demo: true } });
    expect(svc.lock(demo.token)).toMatchObject({ ok: true, value: { locked: false } });
    expect(await svc.changePassword(demo.token, '', 'whatever passphrase')).toMatchObject({ ok: false });
  });

  it('is not an account: logging in as "demo" still needs a real account', async () => {
    const { svc } = await withOperator();
    expect((await svc.login('demo', '')).ok).toBe(false);
  });
});

describe('oversized input', () => {
  it('fails a megabyte password as a wrong one, counted toward lockout, without hashing it', async () => {
    const { svc } = await withOperator();
    expect(await svc.login('josé', 'x'.repeat(1_000_000))).toMatchObject({ code: 'invalid_credentials' });
    for (let i = 0; i < 2; i++) await svc.login('josé', 'wrong guess');
    // Fourth failure with three free ones: locked, so the oversized attempt was counted.
    expect(await svc.login('josé', 'wrong guess')).toMatchObject({ code: 'locked_out' });
  });
});
