import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../../../main/services/accounts/loginThrottle';

const policy = { freeFailures: 3, baseLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 60_000, maxTracked: 3 };

describe('LoginThrottle', () => {
  it('allows the free failures, then locks with doubling delays up to the cap', () => {
    const t = new LoginThrottle(policy);
    let now = 0;
    for (let i = 0; i < 3; i++) {
      expect(t.check('ana', now)).toEqual({ allowed: true });
      expect(t.recordFailure('ana', now).lockedUntil).toBeUndefined();
    }
    const locks: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { lockedUntil } = t.recordFailure('ana', now);
      locks.push(lockedUntil! - now);
      expect(t.check('ana', now)).toEqual({ allowed: false, retryAt: lockedUntil });
      now = lockedUntil!;
      expect(t.check('ana', now)).toEqual({ allowed: true });
    }
    expect(locks).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('a success clears the count', () => {
    const t = new LoginThrottle(policy);
    for (let i = 0; i < 3; i++) t.recordFailure('ana', 0);
    t.recordSuccess('ana');
    expect(t.recordFailure('ana', 0).lockedUntil).toBeUndefined();
  });

  it('forgets a name after a quiet period', () => {
    const t = new LoginThrottle(policy);
    for (let i = 0; i < 4; i++) t.recordFailure('ana', 0);
    expect(t.recordFailure('ana', 70_000).failures).toBe(1);
  });

  it('keys are independent and memory is bounded', () => {
    const t = new LoginThrottle(policy);
    for (let i = 0; i < 4; i++) t.recordFailure('ana', 0);
    expect(t.check('bea', 0).allowed).toBe(true);
    for (const name of ['b', 'c', 'd']) t.recordFailure(name, 1);
    // 'ana' was the least recently failed of four names with room for three.
    expect(t.check('ana', 0).allowed).toBe(true);
  });
});
