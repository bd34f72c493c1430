import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../common/contract/result';
import type { ExerciseState } from '../../../../../common/training/exerciseRun';
import type { ExerciseInput } from '../../../../../common/training/exerciseSchema';
import { readExerciseLog } from '../../../../../main/services/training/exerciseLog';
import { TrainingService } from '../../../../../main/services/training/trainingService';
import { tempDirWith } from '../../../../support/testSite';

/** Enough of an MP4 / FLV for the loader's container check. */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(64)]);
const FLV = Buffer.concat([Buffer.from('FLV'), Buffer.alloc(64)]);

function exercise(patch: Partial<ExerciseInput> = {}): ExerciseInput {
  return {
    version: 1,
    title: 'Práctica nocturna',
    durationS: 100,
    screens: [{ id: '1', rows: 2, cols: 2, tiles: [{ cameraId: 'c1', label: 'Plaza', clip: { src: 'c1.mp4' } }, { cameraId: 'c2', clip: { src: 'c2.flv', offsetS: 4 } }] }],
    incidents: [
      { id: 'I1', cameraIds: ['c1'], startS: 10, endS: 20, category: 'incident', description: 'a fight' },
      { id: 'I2', cameraIds: ['c2'], startS: 50, endS: 60, category: 'fire', description: 'a fire' },
    ],
    injects: [
      { id: 'J0', atS: 0, text: 'start' },
      { id: 'J1', atS: 30, text: 'call about a fire', sound: 'alarm', location: { lat: -21.47, lng: -70.06, label: 'Plaza' } },
    ],
    ...patch,
  };
}

let dir: string;
let now: number;
let states: ExerciseState[];
let svc: TrainingService;

function setup(files: Record<string, unknown> = {}) {
  dir = tempDirWith({ 'ex.json': exercise(), ...files });
  writeFileSync(join(dir, 'c1.mp4'), MP4);
  writeFileSync(join(dir, 'c2.flv'), FLV);
  states = [];
  now = Date.parse('2025-03-01T10:00:00Z');
  svc = new TrainingService({ dataDir: join(dir, 'data'), resourcesDir: join(dir, 'resources'), emit: (s) => states.push(s), now: () => now });
}

const advance = (ms: number) => {
  now += ms;
};

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(message);
}

describe('training service', () => {
  beforeEach(() => setup());
  afterEach(async () => svc.dispose());

  it('loads an exercise paused at 0, with clip URLs for the windows and no answer key in the pushed state', async () => {
    const state = await svc.load(join(dir, 'ex.json'));
    expect(state).toMatchObject({ phase: 'loaded', clock: { playing: false, positionS: 0 }, runId: null });
    const tiles = state.exercise!.screens[0]!.tiles;
    expect(tiles[0]).toMatchObject({ cameraId: 'c1', label: 'Plaza', clip: { format: 'mp4', offsetS: 0 } });
    expect(tiles[1]).toMatchObject({ cameraId: 'c2', label: 'c2', clip: { format: 'flv', offsetS: 4 } });
    expect(tiles[0]!.clip.url).toMatch(/^\/training\/media\/[0-9a-f]{24}$/);
    expect(JSON.stringify(state)).not.toContain('a fight');
    expect(svc.answerKey().incidents).toHaveLength(2);
    expect(states.at(-1)).toEqual(state);
  });

  it('a malformed exercise file: a clear error naming the problem, and nothing changes', async () => {
    await svc.load(join(dir, 'ex.json'));
    const before = svc.state();
    const bad = exercise({ incidents: [{ id: 'I1', cameraIds: ['c7'], startS: 10, endS: 5, category: 'incident' }] });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const err = (await svc.load(join(dir, 'bad.json')).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain(`${join(dir, 'bad.json')}: incidents[0].cameraIds[0]: camera "c7" is not on any screen of this exercise (cameras: c1, c2)`);
    expect(err.message).toContain('incidents[0].endS: must be after startS (10 s), not 5 s');
    expect(svc.state()).toEqual(before);
  });

  it('a missing or mislabelled clip is named too', async () => {
    writeFileSync(join(dir, 'c1.mp4'), 'not a video');
    await expectAppError(svc.load(join(dir, 'ex.json')), 'invalid_input', /screens\[0\]\.tiles\[0\]\.clip\.src: ".*c1\.mp4" is not a video file Atalaya can play/);
    writeFileSync(join(dir, 'ex2.json'), JSON.stringify(exercise({ screens: [{ id: '1', rows: 1, cols: 1, tiles: [{ cameraId: 'c1', clip: { src: 'gone.mp4' } }] }], incidents: [] })));
    await expectAppError(svc.load(join(dir, 'ex2.json')), 'invalid_input', /clip file not found: ".*gone\.mp4"/);
    await expectAppError(svc.load(join(dir, 'nope.json')), 'invalid_input', /cannot read the exercise file \(no such file\)/);
    expect(svc.state().phase).toBe('idle');
  });

  it('will not start without trainees, and refuses bookmarks before the start', async () => {
    await svc.load(join(dir, 'ex.json'));
    await expectAppError(svc.play(), 'conflict', /at least one trainee/);
    await svc.setTrainees([{ name: 'María José' }, { name: 'Ana' }]);
    expect(svc.state().trainees).toEqual([
      { id: 'maria-jose', name: 'María José' },
      { id: 'ana', name: 'Ana' },
    ]);
    await expectAppError(svc.bookmark({ traineeId: 'ana', cameraIds: ['c1'], categoryId: 'incident' }), 'conflict', /not started/);
    expect(svc.state().phase).toBe('loaded');
  });

  it('runs the clock, logs bookmarks to disk before answering, ends at the end with an HTML and PDF report', async () => {
    await svc.load(join(dir, 'ex.json'));
    await svc.setTrainees([{ name: 'Ana' }, { name: 'Bea' }]);
    await svc.play();
    const runId = svc.state().runId!;
    expect(runId).toMatch(/^20250301-100000-[0-9a-f]{4}$/);
    await svc.tick(); // logs J0 (at 0 s)
    advance(5_000);
    await svc.setSpeed(4);
    advance(2_500); // 5 + 10 = 15 s
    const b = await svc.bookmark({ traineeId: 'ana', cameraIds: ['c1'], categoryId: 'incident', note: 'pelea' });
    expect(b).toMatchObject({ id: 'b001', atS: 15, traineeId: 'ana', note: 'pelea' });
    const logPath = join(dir, 'data', 'exercises', 'runs', runId, 'log.jsonl');
    expect(readFileSync(logPath, 'utf8')).toContain('"note":"pelea"');
    // A window's own key-press time is used when plausible (just behind main's clock)…
    const early = await svc.bookmark({ traineeId: 'bea', cameraIds: ['c1'], categoryId: 'incident', atS: 13 });
    expect(early.atS).toBe(13);
    // …but not when it claims the future or the distant past.
    expect((await svc.bookmark({ traineeId: 'bea', cameraIds: ['c2'], categoryId: 'other', atS: 90 })).atS).toBe(15);
    await expectAppError(svc.bookmark({ traineeId: 'zoe', cameraIds: ['c1'], categoryId: 'incident' }), 'invalid_input', /unknown trainee "zoe"/);
    await expectAppError(svc.bookmark({ traineeId: 'ana', cameraIds: ['c9'], categoryId: 'incident' }), 'invalid_input', /camera "c9" is not in this exercise/);
    await expectAppError(svc.bookmark({ traineeId: 'ana', cameraIds: ['c1'], categoryId: 'party' }), 'invalid_input', /category "party"/);

    advance(5_000); // 35 s: J1 crossed
    await svc.tick();
    await svc.seek(95);
    advance(2_000); // 95 + 8 > 100: the end
    await svc.tick();
    const state = svc.state();
    expect(state.phase).toBe('ended');
    expect(state.clock).toMatchObject({ playing: false, positionS: 100 });
    expect(state.report).toMatchObject({ runId, htmlUrl: `/training/reports/${runId}/report.html`, pdfUrl: `/training/reports/${runId}/report.pdf` });

    const { entries } = await readExerciseLog(logPath);
    expect(entries.map((e) => e.type)).toEqual(['run', 'control', 'inject', 'control', 'bookmark', 'bookmark', 'bookmark', 'inject', 'control', 'end']);
    expect(entries.filter((e) => e.type === 'inject').map((e) => (e.type === 'inject' ? e.injectId : ''))).toEqual(['J0', 'J1']);

    const runDir = join(dir, 'data', 'exercises', 'runs', runId);
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('Práctica nocturna');
    expect(html).toMatch(/<tr data-trainee="Ana"><td>Ana<\/td><td class="n" data-col="hits">1<\/td>/);
    expect(html).toContain('+5.0 s'); // Ana's reaction: 15 − 10
    const pdf = await PDFDocument.load(readFileSync(join(runDir, 'report.pdf')));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()).toContain('Práctica nocturna');

    await expectAppError(svc.bookmark({ traineeId: 'ana', cameraIds: ['c1'], categoryId: 'incident' }), 'conflict', /ended/);
    await expectAppError(svc.play(), 'conflict', /ended/);
  });

  it('stop ends a run early; the report can be rewritten in another language; past runs are listed', async () => {
    await svc.load(join(dir, 'ex.json'));
    await svc.setTrainees([{ name: 'Ana' }]);
    await svc.play();
    advance(12_000);
    await svc.bookmark({ traineeId: 'ana', cameraIds: ['c1'], categoryId: 'incident' });
    const stopped = await svc.stop('es');
    expect(stopped.phase).toBe('ended');
    const runDir = join(dir, 'data', 'exercises', 'runs', stopped.runId!);
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain('Informe posterior al ejercicio');
    advance(1_000);
    const ref = await svc.reportFor({ language: 'pt' });
    expect(ref.generatedAt).toBe('2025-03-01T10:00:13.000Z');
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toContain('Relatório pós-exercício');
    const { runs } = await svc.runs();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ runId: stopped.runId, title: 'Práctica nocturna', bookmarks: 1, endedAt: '2025-03-01T10:00:12.000Z' });
    await expectAppError(svc.reportFor({ runId: '../../etc' }), 'invalid_input', /not a run id/);
  });

  it('closing a running exercise ends the run with its report and returns the wall to live', async () => {
    await svc.load(join(dir, 'ex.json'));
    await svc.setTrainees([{ name: 'Ana' }]);
    await svc.play();
    const runId = svc.state().runId!;
    const closed = await svc.close();
    expect(closed).toMatchObject({ phase: 'idle', exercise: null, runId: null });
    expect(existsSync(join(dir, 'data', 'exercises', 'runs', runId, 'report.pdf'))).toBe(true);
  });

  it('will not load another exercise over a running one', async () => {
    await svc.load(join(dir, 'ex.json'));
    await svc.setTrainees([{ name: 'Ana' }]);
    await svc.play();
    await expectAppError(svc.load(join(dir, 'ex.json')), 'conflict', /stop it/);
  });

  it('authoring: validates like loading, saves to the library with clip paths made absolute, lists it', async () => {
    await svc.load(join(dir, 'ex.json'));
    const draft = svc.draft().exercise;
    const invalid = await svc.validate({ ...draft, durationS: -1 });
    expect(invalid.ok).toBe(false);
    expect(invalid.message).toContain('durationS');
    await expectAppError(svc.save({ name: 'bad', exercise: { ...draft, incidents: [{ ...draft.incidents[0]!, cameraIds: ['zz'] }] } }), 'invalid_input', /camera "zz" is not on any screen/);
    const { path } = await svc.save({ name: 'Night drill', exercise: { ...draft, title: 'Night drill' } });
    expect(path).toBe(join(dir, 'data', 'exercises', 'library', 'Night-drill.json'));
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.screens[0].tiles[0].clip.src).toBe(join(dir, 'c1.mp4'));
    await expectAppError(svc.save({ name: 'Night drill', exercise: draft }), 'conflict', /exists/);
    await svc.save({ name: 'Night drill', exercise: draft, overwrite: true });
    const list = await svc.list();
    expect(list.exercises.map((e) => [e.origin, e.title])).toEqual([['saved', 'Práctica nocturna']]);
    // What was saved loads as it is; clips are previewed relative to the loaded exercise.
    expect((await svc.load(path)).phase).toBe('loaded');
    expect(await svc.previewClip(join(dir, 'c1.mp4'))).toMatchObject({ format: 'mp4', url: expect.stringMatching(/^\/training\/media\//) });
    await expectAppError(svc.previewClip('c1.mp4'), 'not_found', /clip file not found: ".*library.*c1\.mp4"/);
    await expectAppError(svc.previewClip('movie.avi'), 'invalid_input', /cannot tell the format/);
  });
});
