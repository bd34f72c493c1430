import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** What a reader needs to compare two result files: this machine, these versions, this code. */
export interface MachineFacts {
  date: string;
  startedAt: string;
  cores: number;
  cpuModel: string;
  memoryGb: number;
  kernel: string;
  node: string;
  chromium: string;
  ffmpeg: string;
  /** 1, 5 and 15 minute load averages at the start: a busy shared machine shows here. */
  loadAverage: number[];
  git: { commit: string; dirty: boolean };
  /** When out/renderer (the build under test) was last built. */
  rendererBuiltAt: string | null;
}

const run = (cmd: string, args: string[], cwd?: string): string => {
  try {
    return execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
};

/** Local calendar date, YYYY-MM-DD, for the result file names. */
export function localDate(at = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function machineFacts(root: string, chromiumVersion: string): MachineFacts {
  const started = new Date();
  const rendererBuiltAt = statSync(join(root, 'out', 'renderer', 'index.html'), { throwIfNoEntry: false })?.mtime.toISOString() ?? null;
  return {
    date: localDate(started),
    startedAt: started.toISOString(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    chromium: chromiumVersion,
    ffmpeg: run('ffmpeg', ['-version']).split('\n')[0]!.replace(/ Copyright.*$/, ''),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    git: { commit: run('git', ['rev-parse', '--short', 'HEAD'], root), dirty: run('git', ['status', '--porcelain'], root) !== '' },
    rendererBuiltAt,
  };
}
