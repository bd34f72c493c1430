import { execFile } from 'node:child_process';
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVerifyCommand } from '../../../../../main/services/audit/verifyCommand';
import { readLines, writeSampleLog } from './auditFixture';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-verifycli-'));
  file = join(dir, 'audit.jsonl');
  await writeSampleLog(file, 5);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runVerifyCommand(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('audit:verify command', () => {
  it('prints OK with the count and head, exit 0', async () => {
    const result = await run(file);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^OK: 5 entries \(head 5:[0-9a-f]{64}\)$/);
  });

  it('names the edited entry, exit 1', async () => {
    const bytes = await readFile(file);
    bytes[bytes.indexOf('cam-3') + 4] = '9'.charCodeAt(0);
    await writeFile(file, bytes);
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^FAIL: .*audit\.jsonl: line 3, seq 3: hash-mismatch: entry seq 3 \(line 3\) was altered/);
  });

  it('checks against a recorded head', async () => {
    const head = JSON.parse((await readLines(file))[4]!) as { hash: string };
    expect((await run(file, '--head', `5:${head.hash}`)).code).toBe(0);
    expect((await run(file, '--head', `6:${head.hash}`)).code).toBe(1);
    expect((await run(file, '--head', 'nonsense')).code).toBe(2);
  });

  it('usage errors exit 2', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('a', 'b')).code).toBe(2);
    expect((await run(join(dir, 'a-directory-not-a-file'), '--head')).code).toBe(2);
  });

  it('runs as a script through tsx, as `npm run audit:verify -- <file>` will', async () => {
    const tsx = resolve('node_modules/.bin/tsx');
    const cli = resolve('main/services/audit/verifyCli.ts');
    const ok = await promisify(execFile)(tsx, [cli, file]);
    expect(ok.stdout).toMatch(/^OK: 5 entries/);
    const lines = await readLines(file);
    await writeFile(file, [lines[0], lines[2], lines[3], lines[4]].map((l) => `${l}\n`).join(''));
    const failed = await promisify(execFile)(tsx, [cli, file]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/line 2, seq 3: seq-gap: .*seq 2 is missing/);
  });
});
