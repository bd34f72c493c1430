import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestNxServer } from '../../../../support/vms/testNxServer';
import { TestWebhookServer } from '../../../../support/vms/testWebhookServer';
import type { KillTestConfig } from './killTestChild';

/**
 * THE KILL TEST. The outbox runs in a child process that creates, edits and delivers bookmarks
 * and is SIGKILLed at random moments — while starting, replaying or compacting its journal,
 * mid-fsync, mid-request — round after round. Then a last run drains. Every bookmark whose
 * create was confirmed must be stored and delivered, none twice: by Idempotency-Key at the
 * webhook, and by what the Nx server (which has no idempotency) stores.
 */

const CHILD = fileURLToPath(new URL('./killTestChild.ts', import.meta.url));
const ROUNDS = 50;
const DEVICES = { 'cam-1': '{0e9a1c52-0001-4e1a-8c3b-5d7f9a1b2c31}', 'cam-2': '{0e9a1c52-0002-4e1a-8c3b-5d7f9a1b2c32}' };

interface Run {
  lines: string[];
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ready: Promise<void>;
  kill(): void;
}

function runChild(config: KillTestConfig): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: Run = {
    lines: [],
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    ready: new Promise((resolve) => {
      let partial = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        // Only whole lines count: a line cut by the kill was never confirmed.
        partial = parts.pop()!;
        for (const line of parts) {
          run.lines.push(line);
          if (line === 'ready') resolve();
        }
      });
    }),
    kill: () => child.kill('SIGKILL'),
  };
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
  return run;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
let hook: TestWebhookServer;
let nx: TestNxServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-kill-'));
  hook = await TestWebhookServer.start({ secret: 'kill-test-secret' });
  nx = await TestNxServer.start({ users: { atalaya: 'nx-pass' }, devices: Object.values(DEVICES) });
  // Answers come a little late, so kills often land between "stored" and "answered".
  hook.latencyMs = () => Math.random() * 8;
  nx.latencyMs = () => Math.random() * 8;
});
afterAll(async () => {
  await Promise.all([hook.close(), nx.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('the outbox under SIGKILL', () => {
  it(`loses nothing and duplicates nothing over ${ROUNDS} random kills`, { timeout: 300_000 }, async () => {
    const config: KillTestConfig = { dir, mode: 'work', webhookUrl: `${hook.url}/hook`, nxUrl: nx.url, secret: 'kill-test-secret', nxPassword: 'nx-pass', devices: DEVICES };
    const confirmed = new Set<string>();
    const confirmedRevision = new Map<string, number>();
    let killedBeforeReady = 0;
    const started = performance.now();

    for (let round = 0; round < ROUNDS; round += 1) {
      const run = runChild(config);
      if (Math.random() < 0.2) {
        // While it starts: loading, replaying or compacting the journal, resuming deliveries.
        await sleep(50 + Math.random() * 450);
        if (!run.lines.includes('ready')) killedBeforeReady += 1;
      } else {
        await Promise.race([run.ready, run.exit]);
        // Kill after at least one confirmed create, so a slow (loaded) machine still exercises
        // kills in the middle of real work, then at a random moment after it.
        const deadline = performance.now() + 5000;
        while (!run.lines.some((l) => l.startsWith('created ')) && performance.now() < deadline) await sleep(5);
        await sleep(Math.random() * 250);
      }
      run.kill();
      const { signal } = await run.exit;
      if (signal !== 'SIGKILL') throw new Error(`round ${round}: the child ended by itself:\n${run.stderr}`);
      for (const line of run.lines) {
        const [word, id, revision] = line.split(' ');
        if (word === 'created') confirmed.add(id!);
        if (word === 'updated') confirmedRevision.set(id!, Math.max(Number(revision), confirmedRevision.get(id!) ?? 0));
      }
    }
    const killingMs = performance.now() - started;

    const drain = runChild({ ...config, mode: 'drain' });
    const ended = await Promise.race([drain.exit, sleep(30_000).then(() => 'timeout' as const)]);
    if (ended === 'timeout') drain.kill();
    const finalLine = drain.lines.find((l) => l.startsWith('final '));
    expect(finalLine, `drain did not finish: ${drain.lines.filter((l) => l !== 'ready').join('\n')}${drain.stderr}`).toBeDefined();
    const stored = JSON.parse(finalLine!.slice('final '.length)) as { id: string; revision: number; note: string; cameraIds: string[] }[];
    const byId = new Map(stored.map((b) => [b.id, b]));

    // 0 lost: every confirmed create and edit is in the journal.
    // Enough confirmed work for the kills to have landed mid-delivery (≥ one per working round).
    expect(confirmed.size).toBeGreaterThan(ROUNDS * 0.6);
    for (const id of confirmed) expect(byId.has(id), `confirmed ${id} is missing`).toBe(true);
    for (const [id, revision] of confirmedRevision) expect(byId.get(id)!.revision).toBeGreaterThanOrEqual(revision);

    // Webhook: one stored delivery per key; every bookmark there at its final revision; nothing else.
    const webhookIds = new Set([...hook.deliveries.values()].map((d) => d.body.id as string));
    expect(webhookIds).toEqual(new Set(byId.keys()));
    for (const b of stored) {
      const latest = hook.deliveriesOf(b.id).find((d) => d.body.revision === b.revision);
      expect(latest?.body.note, `webhook has ${b.id} at revision ${b.revision}`).toBe(b.note);
    }

    // Nx stores every create it receives: exactly one bookmark per bookmark and camera, current.
    const nxByMarker = new Map<string, typeof nx.bookmarks>();
    for (const nb of nx.bookmarks) {
      const marker = nb.tags.find((t) => t.startsWith('atalaya:'))!;
      nxByMarker.set(marker, [...(nxByMarker.get(marker) ?? []), nb]);
    }
    expect(nxByMarker.size).toBe(stored.length);
    for (const b of stored) {
      const copies = nxByMarker.get(`atalaya:${b.id}`) ?? [];
      expect(copies.map((c) => c.deviceId).sort(), `Nx copies of ${b.id}`).toEqual(b.cameraIds.map((c) => DEVICES[c as keyof typeof DEVICES]).sort());
      for (const copy of copies) expect(copy.description.startsWith(b.note)).toBe(true);
    }

    const replays = [...hook.deliveries.values()].reduce((sum, d) => sum + d.count - 1, 0);
    console.info(
      `kill test: ${ROUNDS} kills (${killedBeforeReady} while starting) in ${(killingMs / 1000).toFixed(1)} s; ` +
        `${stored.length} bookmarks (${confirmed.size} confirmed), ${confirmedRevision.size} edited; ` +
        `webhook: ${hook.requests.length} requests, ${hook.deliveries.size} keys, ${replays} replays ignored; ` +
        `Nx: ${nx.bookmarks.length} bookmarks, ${nx.requests.filter((r) => r.method === 'GET').length} lookups after an unanswered create`,
    );
  });
});
