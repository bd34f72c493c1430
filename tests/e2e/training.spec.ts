import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { RpcClient } from '../support/rpcClient';
import { tempDirWith } from '../support/testSite';
import { startHost, type HostProcess } from '../support/webHostProcess';

/**
 * Training exercises end to end, on the real web host in Chromium: the trainer console drives the
 * bundled demo exercise, a trainee's wall window bookmarks with the keyboard, the report scores it;
 * the sync of a 3×3 exercise screen is measured; a malformed exercise file starts nothing.
 */

declare global {
  interface Window {
    /** Exposed by the exercise wall (renderer/src/training/ExerciseWall.tsx). */
    __atalayaExercise?: { position: () => number; tiles: () => Array<{ index: number; cameraId: string; exerciseTime: number; currentTime: number; rate: number; seeking: boolean; paused: boolean; readyState: number }> };
  }
}

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'resources', 'demo', 'exercise', 'saturday-afternoon.json');
// Not under test-results/: Playwright empties that folder at the start of every run.
const SHOTS = join(ROOT, '.tmp', 'e2e-training');
const PASSWORD = 'Correct-horse-battery-41';

let host: HostProcess;
let rpc: RpcClient;
let trainerToken: string;

test.beforeAll(async () => {
  host = await startHost();
  rpc = await RpcClient.connect(host.url);
  // The demo site signs everyone in as the demo supervisor, who may not run exercises: the trainer
  // signs in with an account that may (the first account is the admin).
  const signedIn = await rpc.call<{ token: string }>('auth.setup', { username: 'instructor', password: PASSWORD });
  trainerToken = signedIn.token;
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  rpc?.close();
  await host?.stop();
});

test.afterEach(async () => {
  await rpc.call('exercises.close').catch(() => undefined);
});

async function trainerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript((token) => sessionStorage.setItem('atalaya.session', token), trainerToken);
  const page = await context.newPage();
  await page.goto(`${host.url}/?view=trainer`);
  await expect(page.locator('[data-trainer-console]')).toBeVisible();
  return page;
}

async function wallPage(browser: Browser, query: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${host.url}/?${query}`);
  return page;
}

async function loadDemo(trainer: Page, trainees: string[]): Promise<void> {
  await trainer.locator(`[data-load="${DEMO}"]`).click();
  await expect(trainer.locator('[data-exercise-title]')).toHaveText('Saturday afternoon in Puerto Atalaya');
  for (const [i, name] of trainees.entries()) {
    await trainer.locator('[data-action="add-trainee"]').click();
    await trainer.locator(`[data-trainee-input="${i}"]`).fill(name);
  }
  await trainer.locator('[data-action="save-trainees"]').click();
  await expect(trainer.locator('[data-live-score] tbody tr')).toHaveCount(trainees.length);
}

/** Waits until every exercise tile of the wall page has a decoded picture. */
async function tilesReady(wall: Page, count: number): Promise<void> {
  await expect(wall.locator('[data-exercise-tile] video')).toHaveCount(count);
  await wall.waitForFunction((n) => (window.__atalayaExercise?.tiles() ?? []).filter((t) => t.readyState >= 2).length === n, count, { timeout: 20_000 });
}

const position = (wall: Page) => wall.evaluate(() => window.__atalayaExercise!.position());

async function waitForPosition(wall: Page, atS: number): Promise<void> {
  await wall.waitForFunction((s) => window.__atalayaExercise!.position() >= s, atS, { timeout: 60_000, polling: 20 });
}

interface Sample {
  t: number;
  /** Exercise position. */
  at: number;
  spreadMs: number;
  /** Largest |tile − clock| in ms. */
  errorMs: number;
  seeking: number;
  /** For a sample with a large spread: camera:error:rate:readyState per tile. */
  tiles?: string;
}

/**
 * Samples the spread of the tiles' media times (as exercise time: currentTime − the clip's
 * offset), all read in one task so they describe the same instant, every `everyMs` for `forMs`.
 */
function sampleSpread(wall: Page, forMs: number, everyMs = 50): Promise<Sample[]> {
  return wall.evaluate(
    ({ forMs, everyMs }) =>
      new Promise<Sample[]>((resolve) => {
        const out: Sample[] = [];
        const start = performance.now();
        const timer = setInterval(() => {
          const ex = window.__atalayaExercise!;
          const clock = ex.position();
          const tiles = ex.tiles();
          const times = tiles.map((t) => t.exerciseTime);
          out.push({
            t: performance.now() - start,
            at: clock,
            spreadMs: (Math.max(...times) - Math.min(...times)) * 1000,
            errorMs: Math.max(...times.map((x) => Math.abs(x - clock))) * 1000,
            seeking: tiles.filter((t) => t.seeking).length,
            ...(Math.max(...times) - Math.min(...times) > 0.1 ? { tiles: tiles.map((t) => `${t.cameraId}:${(t.exerciseTime - clock).toFixed(2)}:${t.rate.toFixed(2)}:${t.readyState}${t.seeking ? 'S' : ''}${t.paused ? 'P' : ''}`).join(' ') } : {}),
          });
          if (performance.now() - start >= forMs) {
            clearInterval(timer);
            resolve(out);
          }
        }, everyMs);
      }),
    { forMs, everyMs },
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function summarize(samples: Sample[]) {
  const spreads = samples.map((s) => s.spreadMs);
  const errors = samples.map((s) => s.errorMs);
  return {
    n: samples.length,
    spreadP50: Math.round(percentile(spreads, 50)),
    spreadP95: Math.round(percentile(spreads, 95)),
    spreadMax: Math.round(Math.max(...spreads)),
    errorP95: Math.round(percentile(errors, 95)),
  };
}

test('a malformed exercise file: a clear error naming the problem, and nothing starts', async ({ browser }) => {
  const broken = JSON.parse(readFileSync(DEMO, 'utf8'));
  broken.incidents[1].cameraIds = ['cam-99'];
  broken.incidents[2].endS = 10;
  const dir = tempDirWith({ 'broken.json': broken });
  const path = join(dir, 'broken.json');

  const trainer = await trainerPage(browser);
  await trainer.locator('[data-load-path]').fill(path);
  await trainer.getByRole('button', { name: 'Load file' }).click();
  const error = trainer.locator('[data-trainer-error]');
  await expect(error).toContainText(`${path}: incidents[1].cameraIds[0]: camera "cam-99" is not on any screen of this exercise`);
  await expect(error).toContainText(`${path}: incidents[2].endS: must be after startS (75 s), not 10 s`);
  await trainer.screenshot({ path: join(SHOTS, 'malformed-exercise.png') });

  const state = await rpc.call<{ phase: string }>('exercises.get');
  expect(state.phase).toBe('idle');
  // The wall stays live: no banner, the live tiles.
  const wall = await wallPage(browser, 'screen=1');
  await expect(wall.locator('[data-tile]').first()).toBeVisible();
  await expect(wall.locator('[data-exercise-banner]')).toHaveCount(0);
  await trainer.context().close();
  await wall.context().close();
});

test('demo exercise at 4×: three incidents bookmarked, one false alarm, the rest missed — the report says so, with reaction times', async ({ browser }) => {
  test.setTimeout(180_000);
  const trainer = await trainerPage(browser);
  await loadDemo(trainer, ['Ana Ruiz']);
  const wall = await wallPage(browser, 'screen=1&trainee=ana-ruiz');
  await expect(wall.locator('[data-exercise-banner]')).toContainText('EXERCISE');
  await expect(wall.locator('[data-exercise-banner] [data-status]')).toHaveText('Waiting for the trainer to start');
  await tilesReady(wall, 9);

  await trainer.locator('[data-speed="4"]').click();
  await trainer.locator('[data-action="start"]').click();
  await expect(wall.locator('[data-exercise-banner] [data-status]')).toHaveText('Running 4×');

  // What the trainee does: three right (camera, category, inside the window), one wrong tile.
  const plan = [
    { cameraId: 'cam-01', atS: 29, category: 'suspicious', expect: 'hit' },
    { cameraId: 'cam-03', atS: 58, category: 'suspicious', expect: 'false alarm' },
    { cameraId: 'cam-30', atS: 81, category: 'fire', expect: 'hit' },
    { cameraId: 'cam-45', atS: 133, category: 'medical', expect: 'hit' },
  ];
  const pressedAt: number[] = [];
  const samples: Sample[] = [];
  for (const step of plan) {
    // Measure the sync while waiting (the page samples itself; the wait is by the clock).
    const until = step.atS - 2;
    const remainingMs = Math.max(0, ((until - (await position(wall))) / 4) * 1000);
    if (remainingMs > 600) samples.push(...(await sampleSpread(wall, remainingMs - 300)));
    await waitForPosition(wall, step.atS);
    await wall.locator(`[data-exercise-tile][data-camera-id="${step.cameraId}"]`).click();
    pressedAt.push(await position(wall));
    await wall.keyboard.press('b');
    const form = wall.locator('[data-exercise-form]');
    await expect(form).toBeVisible();
    await form.locator('[data-category-select]').selectOption(step.category);
    await form.locator('[data-category-select]').press('Enter');
    await expect(form).toHaveCount(0);
    await expect(wall.locator('.exercise-flash--ok')).toContainText('saved to the exercise log');
  }
  // Mid-run pictures (after the sampling: a screenshot loads the machine): the wall, with the
  // ambulance alert on show, and the console.
  await wall.screenshot({ path: join(SHOTS, 'exercise-wall.png') });
  await trainer.screenshot({ path: join(SHOTS, 'trainer-console.png'), fullPage: true });
  await expect(trainer.locator('[data-live-bookmarks] tbody tr')).toHaveCount(4);

  // The run ends by itself at 3:00 and the report is written.
  await expect(trainer.locator('[data-phase]')).toHaveText('Ended', { timeout: 60_000 });
  await expect(wall.locator('[data-exercise-banner] [data-status]')).toHaveText('Ended — not live');
  const reportFrame = trainer.frameLocator('[data-report-frame]');
  const anaRow = reportFrame.locator('tr[data-trainee="Ana Ruiz"]');
  await expect(anaRow.locator('[data-col="hits"]')).toHaveText('3');
  await expect(anaRow.locator('[data-col="falseAlarms"]')).toHaveText('1');
  await expect(anaRow.locator('[data-col="missed"]')).toHaveText('3');
  await expect(anaRow.locator('[data-col="meanReaction"]')).toHaveText(/^\+\d+\.\d s$/);
  for (const [incident, result] of [['I1', /Ana Ruiz: hit \(\+\d+\.\d s\)/], ['I2', /Ana Ruiz: missed/], ['I3', /Ana Ruiz: hit \(\+\d+\.\d s\)/], ['I4', /Ana Ruiz: missed/], ['I5', /Ana Ruiz: hit \(\+\d+\.\d s\)/], ['I6', /Ana Ruiz: missed/]] as const) {
    await expect(reportFrame.locator(`tr[data-incident="${incident}"]`)).toContainText(result);
  }
  await expect(reportFrame.locator('table.bookmarks')).toContainText('false alarm');
  await trainer.locator('[data-report-card]').scrollIntoViewIfNeeded();
  await trainer.screenshot({ path: join(SHOTS, 'report-in-console.png') });

  // The reaction times are the key presses' exercise times minus the incidents' starts.
  const state = await rpc.call<{ runId: string; bookmarks: Array<{ atS: number; cameraIds: string[] }>; report: { htmlUrl: string; pdfUrl: string } }>('exercises.get');
  const starts: Record<string, number> = { 'cam-01': 25, 'cam-30': 75, 'cam-45': 125 };
  const reactions = state.bookmarks.filter((b) => starts[b.cameraIds[0]!] !== undefined).map((b) => b.atS - starts[b.cameraIds[0]!]!);
  state.bookmarks.forEach((b, i) => expect(Math.abs(b.atS - pressedAt[i]!)).toBeLessThan(0.5));
  const html = await (await fetch(host.url + state.report.htmlUrl)).text();
  for (const r of reactions) expect(html).toContain(`Ana Ruiz: hit (+${r.toFixed(1)} s)`);
  const pdf = await fetch(host.url + state.report.pdfUrl);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  // Saved next to the exercise log.
  const runDir = join(host.dataDir, 'exercises', 'runs', state.runId);
  expect(readFileSync(join(runDir, 'log.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"type":"bookmark"'))).toHaveLength(4);
  expect(readFileSync(join(runDir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

  const sync = summarize(samples);
  console.log(`[training] 4× run: reactions ${reactions.map((r) => r.toFixed(1)).join(', ')} s; spread during playback ${JSON.stringify(sync)}`);
  writeFileSync(join(SHOTS, 'run-4x.json'), JSON.stringify({ reactions, sync, samples }, null, 2));
  await trainer.context().close();
  await wall.context().close();
});

test('sync: a 3×3 exercise screen stays together during playback, after seeks and after speed changes', async ({ browser }) => {
  test.setTimeout(150_000);
  const trainer = await trainerPage(browser);
  await loadDemo(trainer, ['Bea']);
  const wall = await wallPage(browser, 'screen=1');
  await tilesReady(wall, 9);
  await trainer.locator('[data-action="start"]').click();
  await waitForPosition(wall, 1);

  /** Runs a command, then samples: all samples from the command on, and those after a 1 s settle. */
  const phases: Record<string, { all: ReturnType<typeof summarize>; settled: ReturnType<typeof summarize> }> = {};
  const all: Sample[] = [];
  const settled: Sample[] = [];
  async function phase(name: string, command: () => Promise<unknown>, forMs: number) {
    await command();
    const samples = await sampleSpread(wall, forMs);
    const after = samples.filter((s) => s.t >= 1000);
    phases[name] = { all: summarize(samples), settled: summarize(after) };
    all.push(...samples);
    settled.push(...after);
  }
  await phase('playing 1×', async () => undefined, 6000);
  await phase('seek to 1:40', () => rpc.call('exercises.seek', { positionS: 100 }), 6000);
  await phase('speed 4×', () => rpc.call('exercises.setSpeed', { speed: 4 }), 5000);
  await phase('seek back to 0:20 at 4×', () => rpc.call('exercises.seek', { positionS: 20 }), 6000);
  await phase('speed 0.5×', () => rpc.call('exercises.setSpeed', { speed: 0.5 }), 5000);
  await phase('speed 2×', () => rpc.call('exercises.setSpeed', { speed: 2 }), 5000);
  await phase('pause', () => rpc.call('exercises.pause'), 3000);
  await wall.screenshot({ path: join(SHOTS, 'exercise-wall-paused.png') });

  const overall = { all: summarize(all), settled: summarize(settled) };
  console.log(`[training] sync across 9 tiles (ms):\n${Object.entries({ ...phases, overall }).map(([k, v]) => `  ${k.padEnd(26)} all: p50 ${v.all.spreadP50} p95 ${v.all.spreadP95} max ${v.all.spreadMax} | from 1 s on: p50 ${v.settled.spreadP50} p95 ${v.settled.spreadP95} max ${v.settled.spreadMax} (clock error p95 ${v.settled.errorP95})`).join('\n')}`);
  writeFileSync(join(SHOTS, 'sync.json'), JSON.stringify({ phases, overall }, null, 2));

  // The target: p95 of the spread ≤ 80 ms, in playback and once a seek or speed change has landed.
  expect(overall.settled.spreadP95).toBeLessThanOrEqual(80);
  for (const [name, v] of Object.entries(phases)) expect(v.settled.spreadP95, name).toBeLessThanOrEqual(80);
  await trainer.context().close();
  await wall.context().close();
});

test('authoring: copy the loaded exercise, preview a camera, mark an incident and an inject at its time, save to the library', async ({ browser }) => {
  const trainer = await trainerPage(browser);
  await rpc.call('exercises.load', { path: DEMO });
  await trainer.locator('[data-tab="author"]').click();
  await trainer.locator('[data-action="author-from-loaded"]').click();
  await expect(trainer.locator('[data-authoring]')).toBeVisible();
  await trainer.locator('[data-preview="cam-30"]').click();
  const video = trainer.locator('[data-preview-video]');
  await expect(video).toBeVisible();
  await trainer.waitForFunction(() => (document.querySelector('[data-preview-video]') as HTMLVideoElement | null)?.readyState === 4 || ((document.querySelector('[data-preview-video]') as HTMLVideoElement | null)?.readyState ?? 0) >= 2);
  await video.evaluate((v: HTMLVideoElement) => (v.currentTime = 80));
  await expect(trainer.getByText('Exercise time: 1:20 (80.0 s)')).toBeVisible();
  await trainer.screenshot({ path: join(SHOTS, 'authoring.png'), fullPage: true });

  const incidents = trainer.locator('section', { has: trainer.getByRole('heading', { name: 'Expected incidents' }) });
  await incidents.getByLabel('Category').selectOption('fire');
  await incidents.getByRole('button', { name: '= now' }).first().click();
  await incidents.getByLabel('End (s)').fill('92');
  await incidents.getByLabel('Description').fill('a second fire');
  await incidents.getByRole('button', { name: 'Add incident' }).click();
  await expect(incidents.getByText('I7 1:20–1:32')).toBeVisible();

  const injects = trainer.locator('section', { has: trainer.getByRole('heading', { name: 'Injects' }) });
  await injects.getByRole('textbox', { name: 'Message' }).fill('Caller: more smoke in the park');
  await injects.getByRole('button', { name: 'Add inject at 1:20' }).click();
  await expect(injects.getByText('Caller: more smoke in the park')).toBeVisible();

  await trainer.locator('[data-draft-name]').fill('e2e drill');
  await trainer.locator('[data-action="save-exercise"]').click();
  const saved = join(host.dataDir, 'exercises', 'library', 'e2e-drill.json');
  await expect(trainer.getByText(`Saved: ${saved}`)).toBeVisible();
  const file = JSON.parse(readFileSync(saved, 'utf8'));
  expect(file.incidents.find((i: { id: string }) => i.id === 'I7')).toMatchObject({ id: 'I7', cameraIds: ['cam-30'], startS: 80, endS: 92, category: 'fire' });
  expect(file.injects.some((i: { atS: number; text: string; location?: { label: string } }) => i.atS === 80 && i.location?.label?.startsWith('Parque Bicentenario'))).toBe(true);
  // It loads like any exercise.
  const loaded = await rpc.call<{ phase: string }>('exercises.load', { path: saved });
  expect(loaded.phase).toBe('loaded');
  await trainer.context().close();
});

test('FLV and MPEG-TS clips play on the exercise clock too (through mpegts.js)', async ({ browser }) => {
  const dir = tempDirWith();
  const graph = 'testsrc2=s=320x180:r=15:d=20';
  const encode = ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '0', '-g', '15', '-pix_fmt', 'yuv420p', '-an'];
  const { spawnSync } = await import('node:child_process');
  for (const [file, extra] of [['a.flv', ['-flvflags', 'add_keyframe_index']], ['b.ts', []], ['c.mp4', ['-movflags', '+faststart']]] as const) {
    const run = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', graph, ...encode, ...extra, join(dir, file)]);
    expect(run.status, String(run.stderr)).toBe(0);
  }
  writeFileSync(
    join(dir, 'formats.json'),
    JSON.stringify({
      version: 1,
      title: 'Formats',
      durationS: 18,
      screens: [{ id: '1', rows: 1, cols: 3, tiles: [{ cameraId: 'f', clip: { src: 'a.flv' } }, { cameraId: 't', clip: { src: 'b.ts' } }, { cameraId: 'm', clip: { src: 'c.mp4' } }] }],
    }),
  );
  await rpc.call('exercises.load', { path: join(dir, 'formats.json') });
  await rpc.call('exercises.setTrainees', { trainees: [{ name: 'Carla' }] });
  const wall = await wallPage(browser, 'screen=1');
  await tilesReady(wall, 3);
  await rpc.call('exercises.play');
  await waitForPosition(wall, 3);
  const playing = summarize(await sampleSpread(wall, 3000));
  await rpc.call('exercises.seek', { positionS: 9 });
  await wall.waitForTimeout(1500);
  const afterSeek = summarize(await sampleSpread(wall, 2000));
  const tiles = await wall.evaluate(() => window.__atalayaExercise!.tiles());
  console.log(`[training] FLV/TS/MP4 tiles: spread playing ${JSON.stringify(playing)}, after a seek ${JSON.stringify(afterSeek)}`);
  for (const tile of tiles) {
    expect(tile.readyState, tile.cameraId).toBeGreaterThanOrEqual(2);
    expect(tile.exerciseTime, tile.cameraId).toBeGreaterThan(9.5);
  }
  expect(afterSeek.spreadP95).toBeLessThanOrEqual(80);
  await wall.context().close();
});
