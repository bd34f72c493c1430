import { describe, expect, it } from 'vitest';
import { backoffDelayMs, TILE_BACKOFF } from '../../../../common/live/backoff';

describe('backoff', () => {
  it('doubles per attempt up to the cap, between half and all of the ceiling', () => {
    const opts = { baseMs: 500, capMs: 8000 };
    expect(backoffDelayMs(0, { ...opts, random: () => 0 })).toBe(250);
    expect(backoffDelayMs(0, { ...opts, random: () => 1 })).toBe(500);
    expect(backoffDelayMs(3, { ...opts, random: () => 1 })).toBe(4000);
    expect(backoffDelayMs(4, { ...opts, random: () => 1 })).toBe(8000);
    expect(backoffDelayMs(30, { ...opts, random: () => 1 })).toBe(8000);
    expect(backoffDelayMs(30, { ...opts, random: () => 0 })).toBe(4000);
  });

  it('spreads tiles that fail together', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 64 }, () => backoffDelayMs(2, { ...TILE_BACKOFF, random })));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('never waits more than 2.5 s between tries, so a returning camera is retried within 3 s', () => {
    for (let attempt = 0; attempt < 40; attempt++) expect(backoffDelayMs(attempt, { ...TILE_BACKOFF, random: () => 1 })).toBeLessThanOrEqual(2500);
  });

  it('tries again within 3 s of a camera returning from a 5 s outage, whatever the jitter', () => {
    for (const r of [0, 0.5, 1]) {
      let at = 0;
      let attempt = 0;
      while (at < 5000) at += backoffDelayMs(attempt++, { ...TILE_BACKOFF, random: () => r });
      expect(at - 5000, `random=${r}`).toBeLessThan(3000);
    }
  });
});
