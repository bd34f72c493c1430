import { describe, expect, it } from 'vitest';
import { SessionSchema, UserSchema, UsernameSchema, normalizeUsername } from '../../../../common/security/userSchema';
import { AuditActorSchema, AuditActionSchema, AUDIT_ACTIONS } from '../../../../common/security/auditEntry';

describe('user and session schemas', () => {
  const user = { id: 'u1', username: 'joão.silva', role: 'operator', groups: ['north'], disabled: false };

  it('accepts a user and fills mustChangePassword', () => {
    expect(UserSchema.parse(user)).toEqual({ ...user, mustChangePassword: false });
  });

  it('rejects unknown roles, unknown fields and odd usernames', () => {
    expect(UserSchema.safeParse({ ...user, role: 'root' }).success).toBe(false);
    expect(UserSchema.safeParse({ ...user, password: 'x' }).success).toBe(false);
    for (const bad of ['', 'a b', 'tab\there', '=cmd()', 'x'.repeat(65)]) expect(UsernameSchema.safeParse(bad).success).toBe(false);
    for (const good of ['María', 'ana-b_c.d@e', 'Zoë']) expect(UsernameSchema.safeParse(good).success).toBe(true);
  });

  it('normalises usernames for comparison', () => {
    expect(normalizeUsername('JOSE\u0301')).toBe(normalizeUsername('josé'));
  });

  it('has no place for a token in a session', () => {
    const session = { id: 's', user: UserSchema.parse(user), demo: false, createdAt: 1, expiresAt: 2, lastActivityAt: 1, idleTimeoutMs: 0, locked: false };
    expect(SessionSchema.parse(session)).toEqual(session);
    expect(SessionSchema.safeParse({ ...session, token: 'atl_x' }).success).toBe(false);
  });
});

describe('audit vocabulary', () => {
  it('every named action is a valid action name', () => {
    for (const action of Object.values(AUDIT_ACTIONS)) expect(AuditActionSchema.safeParse(action).success).toBe(true);
    expect(AuditActionSchema.safeParse('Login Failed').success).toBe(false);
  });

  it('actors are a user, the system or an anonymous claimant', () => {
    expect(AuditActorSchema.safeParse({ type: 'user', userId: 'u1', username: 'ana', role: 'operator', origin: 'window:2' }).success).toBe(true);
    expect(AuditActorSchema.safeParse({ type: 'system', component: 'masks' }).success).toBe(true);
    expect(AuditActorSchema.safeParse({ type: 'anonymous', claimedUsername: 'ghost' }).success).toBe(true);
    expect(AuditActorSchema.safeParse({ type: 'user', username: 'ana' }).success).toBe(false);
  });
});

describe('actorOf', () => {
  it('builds a valid audit actor from a session, marking demo sessions', async () => {
    const { actorOf } = await import('../../../../common/security/auditEntry');
    const user = UserSchema.parse({ id: 'u1', username: 'ana', role: 'supervisor', groups: ['*'], disabled: false });
    const session = { id: 's1', user, demo: true, createdAt: 1, expiresAt: 2, lastActivityAt: 1, idleTimeoutMs: 0, locked: false };
    const actor = actorOf(session, 'window:3');
    expect(actor).toEqual({ type: 'user', userId: 'u1', username: 'ana', role: 'supervisor', sessionId: 's1', demo: true, origin: 'window:3' });
    expect(AuditActorSchema.parse(actor)).toEqual(actor);
    expect(actorOf({ ...session, demo: false })).not.toHaveProperty('demo');
  });
});
