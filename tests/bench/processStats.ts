import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU and memory of process trees, from /proc (Linux). The browser under test is Chromium's
 * browser process and everything below it (zygotes, renderers, GPU, network and audio
 * utilities); the harness (web host, bench source, its ffmpegs) is measured the same way so the
 * report can say how much of the two cores the measurement itself took.
 */

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface ProcInfo {
  pid: number;
  ppid: number;
  /** utime + stime, clock ticks. */
  ticks: number;
  /** Chromium's --type= (renderer, gpu-process, utility, zygote) or "browser"/the command name. */
  kind: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Zygote-forked children rewrite their command line into one space-separated string.
    const type = /--type=([\w-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1];
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), kind: type ?? comm };
  } catch {
    return null; // exited while we looked
  }
}

/** The roots and all their descendants, alive now. */
export function processTree(roots: number[]): ProcInfo[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== null);
  const children = new Map<number, ProcInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: ProcInfo[] = [];
  const queue = all.filter((p) => roots.includes(p.pid));
  while (queue.length > 0) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/** Proportional set size: shared pages split among their users, so summing over a tree does not double count. */
function pssKb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export interface TreeSample {
  atMs: number;
  ticks: Map<number, { ticks: number; kind: string }>;
}

export const sampleTree = (roots: number[]): TreeSample => ({
  atMs: performance.now(),
  ticks: new Map(processTree(roots).map((p) => [p.pid, { ticks: p.ticks, kind: p.kind }])),
});

export interface CpuUse {
  /** Percent of one core (so up to 200 on two cores). */
  total: number;
  byKind: Record<string, number>;
}

/**
 * CPU between two samples. A process born in between counts from zero; one that died in between
 * is lost (its last ticks are unreadable), which is why windows are taken on a settled wall.
 */
export function cpuBetween(a: TreeSample, b: TreeSample): CpuUse {
  const seconds = (b.atMs - a.atMs) / 1000;
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [pid, { ticks, kind }] of b.ticks) {
    const used = (ticks - (a.ticks.get(pid)?.ticks ?? 0)) / CLK_TCK;
    const percent = (100 * used) / seconds;
    byKind[kind] = (byKind[kind] ?? 0) + percent;
    total += percent;
  }
  return { total, byKind };
}

export interface MemoryUse {
  pssMb: number;
  processes: number;
}

export function treeMemory(roots: number[]): MemoryUse {
  const tree = processTree(roots);
  return { pssMb: tree.reduce((sum, p) => sum + pssKb(p.pid), 0) / 1024, processes: tree.length };
}

/** Whole-machine busy share from /proc/stat: how saturated the two cores were. */
export interface MachineSample {
  busy: number;
  total: number;
}

export function sampleMachine(): MachineSample {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
  const total = cpu.reduce((s, v) => s + v, 0);
  return { busy: total - idle, total };
}

/** Percent of the whole machine busy between two samples (100 = every core busy). */
export const machineBusyBetween = (a: MachineSample, b: MachineSample): number =>
  b.total > a.total ? (100 * (b.busy - a.busy)) / (b.total - a.total) : 0;
