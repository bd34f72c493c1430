/**
 * Slows password guessing: after a few free failures for a username, each further failure locks
 * that name for an exponentially growing time. Pure: the caller passes the time; no timers.
 *
 * Keyed by the username as typed (normalised), whether or not such an account exists, so the
 * lockout behaves the same for real and made-up names and does not reveal which ones exist.
 * Kept in memory: a restart clears it, and restarting the app already needs access to the machine.
 */
export interface ThrottlePolicy {
  /** Failures allowed before any lock. */
  freeFailures: number;
  /** Lock after the first failure beyond the free ones; doubles with each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  /** A name with no failure for this long starts again from zero. */
  forgetAfterMs: number;
  /** Bound on names remembered, so random names cannot grow memory without limit. */
  maxTracked: number;
}

export const DEFAULT_THROTTLE_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  freeFailures: 5,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTracked: 10_000,
});

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAt: number };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {}

  check(key: string, now: number): ThrottleCheck {
    const entry = this.current(key, now);
    if (entry && entry.lockedUntil > now) return { allowed: false, retryAt: entry.lockedUntil };
    return { allowed: true };
  }

  /** Records a failure; returns the lock end when this failure started (or extended) a lock. */
  recordFailure(key: string, now: number): { failures: number; lockedUntil?: number } {
    const entry = this.current(key, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
    entry.failures += 1;
    entry.lastFailureAt = now;
    const beyond = entry.failures - this.policy.freeFailures;
    if (beyond > 0) {
      const lockMs = Math.min(this.policy.baseLockMs * 2 ** Math.min(beyond - 1, 30), this.policy.maxLockMs);
      entry.lockedUntil = now + lockMs;
    }
    // Re-insert so Map order is least-recently-failed first, which is what eviction drops.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.policy.maxTracked) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return beyond > 0 ? { failures: entry.failures, lockedUntil: entry.lockedUntil } : { failures: entry.failures };
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  /** An admin lifting a lockout. */
  clear(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.lockedUntil <= now && now - entry.lastFailureAt >= this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
