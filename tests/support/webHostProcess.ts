import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Starts the real web host (`main/web/cli.ts`, what `npm run serve` runs) as a child process on a
 * free port and waits for the URL it prints. `dataDir` may be reused to test a restart.
 */
export async function startHost(opts: { args?: string[]; dataDir?: string } = {}): Promise<HostProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'atalaya-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/web/cli.ts'), '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in 30 s:\n${out}`)), 30_000);
    const check = () => {
      const match = /Atalaya wall: (http:\/\/\S+?)\/\?screen=1/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
