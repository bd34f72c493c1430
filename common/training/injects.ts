import type { Inject } from './exerciseSchema';

/**
 * Injects are derived from the clock, not pushed: any window computes what is on show at any
 * position, so a seek back shows an inject again and a late-joining window is never behind.
 */

/** Injects on show at `positionS`, newest first. */
export function activeInjects<T extends Pick<Inject, 'atS' | 'showS'>>(injects: readonly T[], positionS: number): T[] {
  return injects.filter((i) => i.atS <= positionS && positionS < i.atS + i.showS).sort((a, b) => b.atS - a.atS);
}

/**
 * Injects whose moment was passed while moving forward from `fromS` (exclusive) to `toS`
 * (inclusive): the ones to announce with their sound, or to write to the log. A jump of more than
 * `maxJumpS` (a seek) announces nothing: trainees should hear an alarm when it happens, not a
 * burst of every alarm skipped over.
 */
export function crossedInjects<T extends Pick<Inject, 'atS'>>(injects: readonly T[], fromS: number, toS: number, maxJumpS = Number.POSITIVE_INFINITY): T[] {
  if (toS <= fromS || toS - fromS > maxJumpS) return [];
  return injects.filter((i) => i.atS > fromS && i.atS <= toS).sort((a, b) => a.atS - b.atS);
}

