/**
 * Exponential backoff with jitter, capped. Pure: the random source is injected so tests and
 * simulations are reproducible, and it returns delays instead of sleeping.
 */

export interface RetryPolicyOptions {
  /** Delay after the first failure. */
  baseDelayMs: number;
  /** No wait grows beyond this: an operator expects a recovered VMS to be used within a minute. */
  maxDelayMs: number;
  /**
   * Fraction of each delay that is randomised (0 = none, 1 = "full jitter"). Half keeps a floor
   * under the wait while still spreading out several workstations retrying one VMS.
   */
  jitter: number;
  /** A server's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = {
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.5,
  maxRetryAfterMs: 15 * 60_000,
};

export type RandomSource = () => number;

export class RetryPolicy {
  readonly options: RetryPolicyOptions;

  constructor(
    options: Partial<RetryPolicyOptions>,
    private readonly random: RandomSource,
  ) {
    this.options = { ...DEFAULT_RETRY_POLICY, ...options };
    const { baseDelayMs, maxDelayMs, jitter } = this.options;
    if (!(baseDelayMs > 0) || !(maxDelayMs >= baseDelayMs)) throw new RangeError('need 0 < baseDelayMs ≤ maxDelayMs');
    if (!(jitter >= 0 && jitter <= 1)) throw new RangeError('jitter must be within [0, 1]');
  }

  /** The wait before attempt `failures + 1`, after `failures` (≥ 1) consecutive failures. */
  delayAfter(failures: number, retryAfterMs?: number): number {
    const { baseDelayMs, maxDelayMs, jitter, maxRetryAfterMs } = this.options;
    // 2^30 already dwarfs any cap; clamping keeps the arithmetic finite for absurd counts.
    const exponent = Math.min(Math.max(failures, 1) - 1, 30);
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
    const delay = Math.round(ceiling * (1 - jitter * this.random()));
    return retryAfterMs === undefined ? delay : Math.max(delay, Math.min(retryAfterMs, maxRetryAfterMs));
  }
}
