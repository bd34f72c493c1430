/**
 * Exponential backoff with "full jitter" (AWS architecture blog): delay = random(0.5..1) × min(cap,
 * base × 2^attempt). The jitter keeps 64 tiles that lost one gateway from reconnecting in lockstep;
 * the lower half-bound keeps the first retry from being instant. Pure: random is injected.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random?: () => number;
}

export function backoffDelayMs(attempt: number, opts: BackoffOptions): number {
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/**
 * Tile reconnects: first retry within ~0.5 s so a camera back after a blip is back fast; the cap
 * bounds the wait after a camera returns, whatever the outage, to 2.5 s plus the connection (the
 * operator expects it back within 3 s; a retry every 1.3–2.5 s per tile costs a gateway nothing).
 */
export const TILE_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 2500 };
