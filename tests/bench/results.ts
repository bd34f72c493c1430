import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorCpuResult } from './simulatorCpu';
import type { ClockCheck } from './harness';
import type { MachineFacts } from './machineFacts';
import type { CellSpec } from './matrix';
import type { SourceCheck } from './sourceCheck';
import type { CellResult } from './steadyCell';
import type { SoakVerdict, SwitchingResult } from './switching';

/** Everything one run measured: bench/results/<date>.json. */
export interface BenchResults {
  version: 1;
  /** quick = the smoke subset with short windows; full = the whole matrix. */
  mode: 'quick' | 'full';
  machine: MachineFacts;
  finishedAt: string;
  timing: { warmupS: number; measureS: number; switchDwellS: number };
  /** The source process and its encoders ran at this nice level (a camera is a separate device). */
  sourceNice: number | null;
  clockCheck: ClockCheck;
  sourceCheck: Record<'main' | 'sub', SourceCheck> | null;
  simulatorCpu: SimulatorCpuResult | null;
  comparisons: Array<{ title: string; cellIds: string[] }>;
  cells: Record<string, CellResult | { spec: CellSpec; error: string }>;
  switching: SwitchingResult | null;
  /** The same switches with every tile on its own WebSocket to the source (`streams=direct`). */
  switchingDirect?: SwitchingResult | null;
  soak: (SwitchingResult & { minutes: number; verdict: SoakVerdict }) | null;
}

export const isMeasured = (cell: BenchResults['cells'][string] | undefined): cell is CellResult => cell !== undefined && !('error' in cell);

/**
 * A second run on the same day in the same mode (say, the soak after the matrix) adds to that
 * day's file rather than replacing it; a run in the other mode replaces it, so quick and full
 * figures are never mixed in one report.
 */
export function mergeWithExisting(path: string, fresh: BenchResults): BenchResults {
  if (!existsSync(path)) return fresh;
  const old = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  if (old.version !== 1 || old.mode !== fresh.mode) return fresh;
  const titles = new Set(fresh.comparisons.map((c) => c.title));
  return {
    ...fresh,
    sourceCheck: fresh.sourceCheck ?? old.sourceCheck,
    simulatorCpu: fresh.simulatorCpu ?? old.simulatorCpu,
    comparisons: [...old.comparisons.filter((c) => !titles.has(c.title)), ...fresh.comparisons],
    cells: { ...old.cells, ...fresh.cells },
    switching: fresh.switching ?? old.switching,
    switchingDirect: fresh.switchingDirect ?? old.switchingDirect ?? null,
    soak: fresh.soak ?? old.soak,
  };
}

/** Rounded to 0.1: the JSON stays readable and diffable; no figure here is finer than that. */
const rounded = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 10) / 10 : value);

export function writeResults(dir: string, results: BenchResults, markdown: string, png: Buffer): string[] {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, results.machine.date);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, rounded, 1)}\n`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.png`, png);
  return [`${base}.json`, `${base}.md`, `${base}.png`];
}
