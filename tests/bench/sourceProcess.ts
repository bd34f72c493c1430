import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';

/**
 * Starts sourceServer.ts as a child process and waits until both encoders have a keyframe.
 * It and its ffmpegs get a higher priority than the browser under test where allowed: a real
 * camera is its own device, and a starved encoder would show up as browser latency.
 */

export const SOURCE_NICE = -5;

export interface SourceProcess {
  /** ws://127.0.0.1:PORT */
  base: string;
  pid: number;
  /** The nice level applied, or null if this user may not raise priority. */
  nice: number | null;
  stop(): Promise<void>;
}

export async function startSourceProcess(): Promise<SourceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sourceServer.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench source did not start in 20 s:\n${out}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /Bench source: (ws:\/\/\S+) ffmpeg pids ([\d ]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench source exited with ${code}:\n${out}`));
    });
  });
  const pids = [child.pid!, ...match[2]!.trim().split(' ').map(Number)];
  let nice: number | null = SOURCE_NICE;
  try {
    // Linux keeps a nice level per thread, and the encoders' threads already exist.
    for (const pid of pids) for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), SOURCE_NICE);
  } catch {
    nice = null;
  }
  return {
    base: match[1]!,
    pid: child.pid!,
    nice,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
