import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openHttp } from './streamClients';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CLI = 'main/services/simulator/cli.ts';

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, out: () => stdout, err: () => stderr };
}

describe('simulator CLI', () => {
  it('prints its base URL, serves the cameras, and stops on SIGTERM', async () => {
    const { child, out } = run(['--port', '0', '--cameras', '3']);
    try {
      const deadline = Date.now() + 10_000;
      while (!out().includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const m = /^Simulator: (http:\/\/127\.0\.0\.1:\d+)\/live\/<cameraId>\/<main\|sub>\.flv \(3 cameras/.exec(out());
      expect(m, out()).not.toBeNull();
      const ok = await openHttp(`${m![1]}/live/cam-03/sub.flv`);
      ok.res.destroy();
      expect(ok.status).toBe(200);
      const missing = await openHttp(`${m![1]}/live/cam-04/sub.flv`);
      missing.res.resume();
      expect(missing.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it.each([
    [['--cameras', '4'], /--port is required/],
    [['--port', '80x', '--cameras', '4'], /--port must be a whole number/],
    [['--port', '0', '--cameras', '0'], /--cameras must be a whole number from 1/],
    [['--port', '0', '--cameras', '4', '--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a clear message and exit code 2', async (args, message) => {
    const { child, err } = run(args);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(err()).toMatch(message);
    expect(err()).toMatch(/usage: simulator --port/);
  });
});
