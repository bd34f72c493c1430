import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RetryPolicy } from '../../../../common/bookmarks/retryPolicy';

describe('RetryPolicy', () => {
  it('doubles from the base delay up to the cap when jitter is off', () => {
    const policy = new RetryPolicy({ baseDelayMs: 1000, maxDelayMs: 10_000, jitter: 0 }, () => 0.5);
    expect([1, 2, 3, 4, 5, 6].map((n) => policy.delayAfter(n))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('keeps every jittered delay within [(1 − jitter)·d, d] of the capped exponential d', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, r) => {
        const policy = new RetryPolicy({ baseDelayMs: 500, maxDelayMs: 60_000, jitter: 0.5 }, () => r);
        const ceiling = Math.min(60_000, 500 * 2 ** Math.min(failures - 1, 30));
        const delay = policy.delayAfter(failures);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.5));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('honours a Retry-After longer than its own delay, up to its bound', () => {
    const policy = new RetryPolicy({ baseDelayMs: 1000, maxDelayMs: 60_000, jitter: 0, maxRetryAfterMs: 120_000 }, () => 0);
    expect(policy.delayAfter(1, 30_000)).toBe(30_000);
    expect(policy.delayAfter(1, 10)).toBe(1000);
    expect(policy.delayAfter(1, 3_600_000)).toBe(120_000);
  });

  it('rejects nonsensical settings', () => {
    expect(() => new RetryPolicy({ baseDelayMs: 0 }, Math.random)).toThrow(RangeError);
    expect(() => new RetryPolicy({ baseDelayMs: 10, maxDelayMs: 5 }, Math.random)).toThrow(RangeError);
    expect(() => new RetryPolicy({ jitter: 1.5 }, Math.random)).toThrow(RangeError);
  });
});
