import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Signed-in sessions, in memory only: a restart signs everyone out, which is the safe direction.
 * Pure apart from randomness: the caller passes the time, so tests drive expiry with a fake clock.
 */
export interface SessionPolicy {
  /** Hard limit from login, whatever the activity: about one control-room shift. */
  maxAgeMs: number;
  /** Inactivity after which the session locks and needs the password again; 0 = never. */
  idleTimeoutMs: number;
}

export const DEFAULT_SESSION_POLICY: Readonly<SessionPolicy> = Object.freeze({
  maxAgeMs: 12 * 60 * 60_000,
  idleTimeoutMs: 15 * 60_000,
});

/**
 * Tokens carry a fixed prefix so the log redactor (and any secret scanner) recognises them
 * anywhere; the 32 random bytes after it are the secret part.
 */
export const SESSION_TOKEN_PREFIX = 'atl_';
export const SESSION_TOKEN_PATTERN = /atl_[A-Za-z0-9_-]{43}/g;

export interface SessionRecord {
  id: string;
  userId: string;
  demo: boolean;
  createdAt: number;
  expiresAt: number;
  lastActivityAt: number;
  idleTimeoutMs: number;
  locked: boolean;
}

export type SessionLookup =
  | { status: 'active'; record: SessionRecord }
  | { status: 'locked'; record: SessionRecord; lockedNow: boolean }
  | { status: 'expired'; record: SessionRecord }
  | { status: 'unknown' };

export function newSessionToken(): string {
  return SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

// The table is keyed by a hash of the token, not the token: a heap dump or a debug print of the
// map does not hand out live credentials, and lookup time does not depend on how much of a
// guessed token matches a real one.
function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionTable {
  private readonly byKey = new Map<string, SessionRecord>();

  create(userId: string, opts: { demo: boolean; now: number; policy: SessionPolicy }): { token: string; record: SessionRecord } {
    const token = newSessionToken();
    const record: SessionRecord = {
      id: randomUUID(),
      userId,
      demo: opts.demo,
      createdAt: opts.now,
      expiresAt: opts.policy.maxAgeMs > 0 ? opts.now + opts.policy.maxAgeMs : Number.MAX_SAFE_INTEGER,
      lastActivityAt: opts.now,
      idleTimeoutMs: opts.policy.idleTimeoutMs,
      locked: false,
    };
    this.byKey.set(tokenKey(token), record);
    return { token, record };
  }

  /**
   * Finds the session for a token and applies the clock: past its maximum age it is removed
   * ('expired'); idle for too long it becomes locked. `activity` counts this call as the user doing
   * something, which postpones the idle lock; background calls (polling, event subscriptions)
   * should pass false so a wall left alone still locks.
   */
  lookup(token: string, now: number, activity: boolean): SessionLookup {
    const key = tokenKey(token);
    const record = this.byKey.get(key);
    if (!record) return { status: 'unknown' };
    if (now >= record.expiresAt) {
      this.byKey.delete(key);
      return { status: 'expired', record };
    }
    if (!record.locked && record.idleTimeoutMs > 0 && now - record.lastActivityAt >= record.idleTimeoutMs) {
      record.locked = true;
      return { status: 'locked', record, lockedNow: true };
    }
    if (record.locked) return { status: 'locked', record, lockedNow: false };
    if (activity) record.lastActivityAt = now;
    return { status: 'active', record };
  }

  lock(token: string): SessionRecord | undefined {
    const record = this.byKey.get(tokenKey(token));
    if (record && record.idleTimeoutMs > 0) record.locked = true;
    return record;
  }

  unlock(token: string, now: number): SessionRecord | undefined {
    const record = this.byKey.get(tokenKey(token));
    if (!record || now >= record.expiresAt) return undefined;
    record.locked = false;
    record.lastActivityAt = now;
    return record;
  }

  remove(token: string): SessionRecord | undefined {
    const key = tokenKey(token);
    const record = this.byKey.get(key);
    this.byKey.delete(key);
    return record;
  }

  /** Ends every session of a user (password reset, disabled account), except `keepId` if given. */
  removeUser(userId: string, keepId?: string): SessionRecord[] {
    const removed: SessionRecord[] = [];
    for (const [key, record] of this.byKey) {
      if (record.userId === userId && record.id !== keepId) {
        this.byKey.delete(key);
        removed.push(record);
      }
    }
    return removed;
  }

  /** Drops expired sessions; the owner may call it now and then to bound memory. */
  sweep(now: number): SessionRecord[] {
    const removed: SessionRecord[] = [];
    for (const [key, record] of this.byKey) {
      if (now >= record.expiresAt) {
        this.byKey.delete(key);
        removed.push(record);
      }
    }
    return removed;
  }

  get size(): number {
    return this.byKey.size;
  }
}
