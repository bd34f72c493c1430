import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Draft, ExerciseList, RunList, ValidationResult } from '../../../common/contract/methods/exercises';
import { AppError } from '../../../common/contract/result';
import { pause, play, positionAt, seek, setSpeed, stoppedClock, type ExerciseClock } from '../../../common/training/exerciseClock';
import {
  traineeIdFor,
  type AnswerKey,
  type ClientExercise,
  type ExerciseBookmark,
  type ExercisePhase,
  type ExerciseState,
  type LogEntry,
  type ReportRef,
  type Trainee,
} from '../../../common/training/exerciseRun';
import { clipFormatOf, describeExerciseProblems, exerciseTiles, ExerciseSchema, isUrl, type ClipFormat, type Exercise } from '../../../common/training/exerciseSchema';
import { crossedInjects } from '../../../common/training/injects';
import type { ReportLanguage } from '../../../common/training/reportText';
import { problemsOf } from '../../../common/validation';
import { writeFileAtomic } from '../storage/atomicFile';
import { checkClips, listExercises, readExerciseFile, resolveClipLocation, type LoadedExercise } from './exerciseFiles';
import { ExerciseLogWriter, readExerciseLog } from './exerciseLog';
import { LOG_FILE, REPORT_HTML, REPORT_PDF, writeReportFiles } from './reportFiles';
import { REPORTS_PREFIX, TrainingRoutes } from './trainingRoutes';

export interface TrainingServiceOptions {
  dataDir: string;
  resourcesDir: string;
  /** Pushes the state to every window (the hub's 'exercises.changed'). */
  emit: (state: ExerciseState) => void;
  now?: () => number;
  log?: (message: string) => void;
  /** The report's language when the trainer's window does not say (e.g. an exercise that ran to its end). */
  language?: () => ReportLanguage;
}

/** How often main looks at the clock: injects to log, the end of the exercise. */
const TICK_MS = 200;
/** A client-reported key-press time is trusted if it is this close behind main's clock (exercise s per 1× of speed). */
const MAX_CLIENT_LAG_S = 5;

const iso = (ms: number) => new Date(ms).toISOString();

function newRunId(nowMs: number): string {
  const d = new Date(nowMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${randomBytes(2).toString('hex')}`;
}

/**
 * Runs training exercises: loads and validates exercise files, owns the exercise clock, keeps the
 * exercise log of trainee bookmarks (a file per run — exercise bookmarks never reach a VMS), and
 * writes the after-action report next to the log when a run ends.
 *
 * Every change is serialized (one operation at a time) and pushed to all windows as one state.
 */
export class TrainingService {
  readonly routes: TrainingRoutes;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private loaded: LoadedExercise | null = null;
  private client: ClientExercise | null = null;
  private phase: ExercisePhase = 'idle';
  private clock: ExerciseClock;
  private trainees: Trainee[] = [];
  private bookmarks: ExerciseBookmark[] = [];
  private runId: string | null = null;
  private writer: ExerciseLogWriter | null = null;
  private report: ReportRef | null = null;
  private lastTickS = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Prefix of training URLs; '' = the page's own origin (the web host). */
  private mediaBase = '';
  private readonly instance = randomBytes(6).toString('hex');
  private rev = 0;

  constructor(private readonly opts: TrainingServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => undefined);
    this.clock = stoppedClock(this.now());
    this.routes = new TrainingRoutes(this.runsDir);
  }

  get runsDir(): string {
    return join(this.opts.dataDir, 'exercises', 'runs');
  }

  get libraryDir(): string {
    return join(this.opts.dataDir, 'exercises', 'library');
  }

  get demoDir(): string {
    return join(this.opts.resourcesDir, 'demo', 'exercise');
  }

  /** For a shell whose pages are not served by the web host (Electron): where the routes listen. */
  setMediaBase(base: string): void {
    this.mediaBase = base.replace(/\/$/, '');
  }

  /** Starts main's clock watcher (injects, the end of the run). Tests call tick() themselves. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref?.();
  }

  async dispose(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.serial(async () => {
      await this.writer?.close();
      this.writer = null;
    });
  }

  /** One operation at a time: a bookmark and a stop cannot interleave their log writes. */
  private serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  state(): ExerciseState {
    return {
      instance: this.instance,
      rev: this.rev,
      phase: this.phase,
      source: this.loaded?.source ?? null,
      exercise: this.client,
      clock: { ...this.clock },
      trainees: this.trainees.map((t) => ({ ...t })),
      runId: this.runId,
      bookmarks: this.bookmarks.map((b) => ({ ...b, cameraIds: [...b.cameraIds] })),
      report: this.report,
    };
  }

  private changed(): ExerciseState {
    this.rev++;
    const state = this.state();
    this.opts.emit(state);
    return state;
  }

  private get durationS(): number {
    return this.loaded?.exercise.durationS ?? 0;
  }

  private position(): number {
    return positionAt(this.clock, this.now(), this.durationS);
  }

  private requireLoaded(): LoadedExercise {
    if (!this.loaded || this.phase === 'idle') throw new AppError('conflict', 'no exercise is loaded');
    return this.loaded;
  }

  private async append(entry: LogEntry): Promise<void> {
    if (this.writer) await this.writer.append(entry);
  }

  // ---- loading -----------------------------------------------------------------------------

  list(): Promise<ExerciseList> {
    return listExercises([
      { dir: this.demoDir, origin: 'demo' },
      { dir: this.libraryDir, origin: 'saved' },
    ]);
  }

  /** Loads an exercise onto the wall (paused at 0). A bad file changes nothing. */
  load(path: string): Promise<ExerciseState> {
    return this.serial(async () => {
      if (this.phase === 'running') throw new AppError('conflict', 'an exercise is running: stop it before loading another');
      const loaded = await readExerciseFile(path);
      this.routes.clear();
      this.loaded = loaded;
      this.client = this.clientExercise(loaded);
      this.phase = 'loaded';
      this.clock = stoppedClock(this.now());
      this.bookmarks = [];
      this.runId = null;
      this.report = null;
      this.lastTickS = 0;
      this.log(`[training] loaded ${loaded.source}`);
      return this.changed();
    });
  }

  private clientExercise(loaded: LoadedExercise): ClientExercise {
    const { exercise } = loaded;
    return {
      title: exercise.title,
      description: exercise.description,
      durationS: exercise.durationS,
      categories: exercise.categories,
      injects: exercise.injects,
      screens: exercise.screens.map((screen) => ({
        id: screen.id,
        rows: screen.rows,
        cols: screen.cols,
        tiles: screen.tiles.map((tile) => {
          if (!tile) return null;
          const clip = loaded.clips.get(tile.cameraId)!;
          return {
            cameraId: tile.cameraId,
            label: tile.label ?? tile.cameraId,
            clip: { url: this.mediaBase + this.routes.register(clip), format: clip.format, offsetS: tile.clip.offsetS, src: tile.clip.src },
          };
        }),
      })),
    };
  }

  answerKey(): AnswerKey {
    const { exercise } = this.requireLoaded();
    return { incidents: exercise.incidents, scoring: exercise.scoring };
  }

  // ---- trainees and the clock ----------------------------------------------------------------

  setTrainees(list: Array<{ id?: string | undefined; name: string }>): Promise<ExerciseState> {
    return this.serial(async () => {
      this.requireLoaded();
      const named = list.map((t) => ({ id: t.id, name: t.name.trim() })).filter((t) => t.name !== '');
      const taken = new Set<string>(named.flatMap((t) => (t.id ? [t.id] : [])));
      if (taken.size !== named.filter((t) => t.id).length) throw new AppError('invalid_input', 'two trainees have the same id');
      const trainees = named.map((t) => {
        if (t.id) return { id: t.id, name: t.name };
        const id = traineeIdFor(t.name, taken);
        taken.add(id);
        return { id, name: t.name };
      });
      this.trainees = trainees;
      if (this.phase === 'running') await this.append({ type: 'trainees', at: iso(this.now()), trainees });
      return this.changed();
    });
  }

  play(): Promise<ExerciseState> {
    return this.serial(async () => {
      const loaded = this.requireLoaded();
      if (this.phase === 'ended') throw new AppError('conflict', 'this run has ended: load the exercise again for a new run');
      if (this.phase === 'loaded') {
        if (this.trainees.length === 0) throw new AppError('conflict', 'name at least one trainee before starting');
        await this.startRun(loaded);
      }
      if (this.position() >= this.durationS) throw new AppError('conflict', 'the exercise is at its end: seek back to play again');
      this.clock = play(this.clock, this.now(), this.durationS);
      this.lastTickS = this.clock.positionS - 1e-6;
      await this.append({ type: 'control', at: iso(this.now()), action: 'play', clock: this.clock });
      return this.changed();
    });
  }

  private async startRun(loaded: LoadedExercise): Promise<void> {
    const runId = newRunId(this.now());
    const writer = await ExerciseLogWriter.open(join(this.runsDir, runId, LOG_FILE));
    // The log starts with the exercise as run (clips resolved), so the report never depends on
    // the exercise file still being there, or unchanged.
    const exercise: Exercise = {
      ...loaded.exercise,
      screens: loaded.exercise.screens.map((s) => ({ ...s, tiles: s.tiles.map((t) => (t ? { ...t, clip: { ...t.clip, src: loaded.clips.get(t.cameraId)!.location } } : null)) })),
    };
    await writer.append({ type: 'run', at: iso(this.now()), runId, source: loaded.source, exercise, trainees: this.trainees });
    this.writer = writer;
    this.runId = runId;
    this.phase = 'running';
    this.bookmarks = [];
    this.report = null;
    this.log(`[training] run ${runId} started`);
  }

  pause(): Promise<ExerciseState> {
    return this.serial(async () => {
      this.requireLoaded();
      this.clock = pause(this.clock, this.now(), this.durationS);
      await this.append({ type: 'control', at: iso(this.now()), action: 'pause', clock: this.clock });
      return this.changed();
    });
  }

  seek(positionS: number): Promise<ExerciseState> {
    return this.serial(async () => {
      this.requireLoaded();
      if (this.phase === 'ended') throw new AppError('conflict', 'this run has ended');
      this.clock = seek(this.clock, positionS, this.now(), this.durationS);
      this.lastTickS = this.clock.positionS - 1e-6;
      await this.append({ type: 'control', at: iso(this.now()), action: 'seek', clock: this.clock });
      return this.changed();
    });
  }

  setSpeed(speed: number): Promise<ExerciseState> {
    return this.serial(async () => {
      this.requireLoaded();
      this.clock = setSpeed(this.clock, speed, this.now(), this.durationS);
      await this.append({ type: 'control', at: iso(this.now()), action: 'speed', clock: this.clock });
      return this.changed();
    });
  }

  /** Main's look at the clock: logs injects as they are reached, ends the run at the end. */
  tick(): Promise<void> {
    if (this.phase !== 'running' || !this.clock.playing) return Promise.resolve();
    return this.serial(async () => {
      if (this.phase !== 'running' || !this.clock.playing || !this.loaded) return;
      const position = this.position();
      // Play and seek set lastTickS just before the position, so only injects the clock really
      // played through are logged as shown (one exactly at the starting point included).
      for (const inject of crossedInjects(this.loaded.exercise.injects, this.lastTickS, position)) {
        await this.append({ type: 'inject', at: iso(this.now()), injectId: inject.id, positionS: inject.atS });
      }
      this.lastTickS = position;
      if (position >= this.durationS) {
        await this.endRun('finished', this.opts.language?.() ?? 'en');
        this.changed();
      }
    }).catch((err) => this.log(`[training] tick failed: ${(err as Error).message}`));
  }

  private async endRun(reason: 'finished' | 'stopped', language: ReportLanguage): Promise<void> {
    this.clock = pause(this.clock, this.now(), this.durationS);
    await this.append({ type: 'end', at: iso(this.now()), positionS: this.clock.positionS, reason });
    await this.writer?.close();
    this.writer = null;
    this.phase = 'ended';
    try {
      this.report = await this.writeReport(this.runId!, language);
    } catch (err) {
      // The log is safe on disk; the report can be written again from it.
      this.log(`[training] report for ${this.runId} failed: ${(err as Error).stack ?? String(err)}`);
    }
    this.log(`[training] run ${this.runId} ${reason}`);
  }

  stop(language?: ReportLanguage): Promise<ExerciseState> {
    return this.serial(async () => {
      this.requireLoaded();
      if (this.phase === 'loaded') throw new AppError('conflict', 'the exercise has not started');
      if (this.phase === 'running') await this.endRun('stopped', language ?? this.opts.language?.() ?? 'en');
      return this.changed();
    });
  }

  /** Takes the exercise off the wall (ending a run in progress, with its report). */
  close(): Promise<ExerciseState> {
    return this.serial(async () => {
      if (this.phase === 'running') await this.endRun('stopped', this.opts.language?.() ?? 'en');
      this.phase = 'idle';
      this.loaded = null;
      this.client = null;
      this.clock = stoppedClock(this.now());
      this.bookmarks = [];
      this.runId = null;
      this.report = null;
      this.routes.clear();
      return this.changed();
    });
  }

  // ---- trainees' bookmarks ----------------------------------------------------------------

  bookmark(params: { traineeId: string; cameraIds: string[]; categoryId: string; note?: string | undefined; atS?: number | undefined }): Promise<ExerciseBookmark> {
    return this.serial(async () => {
      const { exercise } = this.requireLoaded();
      if (this.phase === 'loaded') throw new AppError('conflict', 'the exercise has not started yet');
      if (this.phase === 'ended') throw new AppError('conflict', 'the exercise has ended');
      if (!this.trainees.some((t) => t.id === params.traineeId)) throw new AppError('invalid_input', `unknown trainee "${params.traineeId}": pick a name the trainer entered`);
      const cameras = new Set(exerciseTiles(exercise).map((t) => t.tile.cameraId));
      const unknown = params.cameraIds.filter((c) => !cameras.has(c));
      if (unknown.length > 0) throw new AppError('invalid_input', `camera ${unknown.map((c) => `"${c}"`).join(', ')} is not in this exercise`);
      if (!exercise.categories.some((c) => c.id === params.categoryId)) throw new AppError('invalid_input', `category "${params.categoryId}" is not in this exercise`);
      const position = this.position();
      // The window's own reading of the clock at the key press is better than main's at arrival
      // (the form was open a moment); main accepts it if it is plausible.
      const lag = MAX_CLIENT_LAG_S * Math.max(1, this.clock.speed);
      const atS = params.atS !== undefined && params.atS <= position + 0.5 && params.atS >= position - lag ? Math.min(params.atS, this.durationS) : position;
      const bookmark: ExerciseBookmark = {
        id: `b${String(this.bookmarks.length + 1).padStart(3, '0')}`,
        traineeId: params.traineeId,
        cameraIds: [...new Set(params.cameraIds)],
        categoryId: params.categoryId,
        note: params.note ?? '',
        atS: Math.round(atS * 1000) / 1000,
        createdAt: iso(this.now()),
      };
      // On disk before the trainee is told it is saved.
      await this.append({ type: 'bookmark', at: bookmark.createdAt, bookmark });
      this.bookmarks.push(bookmark);
      this.changed();
      return bookmark;
    });
  }

  // ---- reports ----------------------------------------------------------------------------

  private reportRef(runId: string, generatedAt: string): ReportRef {
    const base = `${this.mediaBase}${REPORTS_PREFIX}${runId}/`;
    return { runId, htmlUrl: `${base}${REPORT_HTML}`, pdfUrl: `${base}${REPORT_PDF}`, generatedAt };
  }

  private async writeReport(runId: string, language: ReportLanguage): Promise<ReportRef> {
    const generatedAt = iso(this.now());
    await writeReportFiles(join(this.runsDir, runId), { language, generatedAt });
    return this.reportRef(runId, generatedAt);
  }

  /** Writes (or rewrites) the report of a run: the current one by default. */
  reportFor(params: { runId?: string | undefined; language?: ReportLanguage | undefined }): Promise<ReportRef> {
    return this.serial(async () => {
      const runId = params.runId ?? this.runId;
      if (!runId) throw new AppError('conflict', 'no exercise has been run yet');
      if (!/^[0-9]{8}-[0-9]{6}-[0-9a-f]{4,8}$/.test(runId)) throw new AppError('invalid_input', `"${runId}" is not a run id`);
      try {
        await stat(join(this.runsDir, runId, LOG_FILE));
      } catch {
        throw new AppError('not_found', `no exercise log for run ${runId}`);
      }
      const ref = await this.writeReport(runId, params.language ?? this.opts.language?.() ?? 'en');
      if (runId === this.runId) {
        this.report = ref;
        this.changed();
      }
      return ref;
    });
  }

  async runs(): Promise<RunList> {
    let names: string[];
    try {
      names = (await readdir(this.runsDir)).sort().reverse();
    } catch {
      return { runs: [] };
    }
    const runs: RunList['runs'] = [];
    for (const runId of names.slice(0, 200)) {
      try {
        const { entries } = await readExerciseLog(join(this.runsDir, runId, LOG_FILE));
        const run = entries.find((e) => e.type === 'run');
        if (!run || run.type !== 'run') continue;
        const end = entries.find((e) => e.type === 'end');
        let report: ReportRef | null = null;
        try {
          const info = await stat(join(this.runsDir, runId, REPORT_HTML));
          report = this.reportRef(runId, info.mtime.toISOString());
        } catch {
          report = null;
        }
        runs.push({ runId, title: run.exercise.title, startedAt: run.at, endedAt: end?.at ?? null, bookmarks: entries.filter((e) => e.type === 'bookmark').length, report });
      } catch {
        // A run folder without a readable log is not listed.
      }
    }
    return { runs };
  }

  // ---- authoring ----------------------------------------------------------------------------

  draft(): Draft {
    const loaded = this.requireLoaded();
    return { exercise: loaded.exercise, source: loaded.source };
  }

  /** Folder that relative clip paths of the exercise being authored are relative to. */
  private authoringBase(): string {
    return this.loaded ? dirname(this.loaded.source) : this.libraryDir;
  }

  async validate(raw: unknown): Promise<ValidationResult & { exercise?: Exercise }> {
    const parsed = ExerciseSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = problemsOf(parsed.error);
      return { ok: false, problems, message: describeExerciseProblems('exercise', problems) };
    }
    const { problems } = await checkClips(parsed.data, this.authoringBase());
    if (problems.length > 0) return { ok: false, problems, message: describeExerciseProblems('exercise', problems) };
    return { ok: true, problems: [], message: '', exercise: parsed.data };
  }

  /** Saves to the library; relative clip paths are made absolute unless the file stays beside them. */
  async save(params: { name: string; exercise: unknown; overwrite?: boolean | undefined }): Promise<{ path: string }> {
    const checked = await this.validate(params.exercise);
    if (!checked.ok || !checked.exercise) throw new AppError('invalid_input', checked.message);
    const fileName = `${params.name.trim().replace(/\s+/g, '-')}.json`;
    const path = join(this.libraryDir, basename(fileName));
    if (!params.overwrite) {
      try {
        await stat(path);
        throw new AppError('conflict', `${path} exists: choose another name or overwrite it`);
      } catch (err) {
        if (err instanceof AppError) throw err;
      }
    }
    const base = this.authoringBase();
    const exercise = checked.exercise;
    const out: Exercise = resolve(base) === resolve(this.libraryDir)
      ? exercise
      : { ...exercise, screens: exercise.screens.map((s) => ({ ...s, tiles: s.tiles.map((t) => (t ? { ...t, clip: { ...t.clip, src: isUrl(t.clip.src) || isAbsolute(t.clip.src) ? t.clip.src : resolve(base, t.clip.src) } } : null)) })) };
    await writeFileAtomic(path, `${JSON.stringify(out, null, 2)}\n`);
    this.log(`[training] exercise saved to ${path}`);
    return { path };
  }

  /** A URL to preview a clip file while authoring (relative paths as in the loaded exercise). */
  async previewClip(src: string): Promise<{ url: string; format: ClipFormat }> {
    const format = clipFormatOf(src);
    if (!format) throw new AppError('invalid_input', `cannot tell the format of "${src}" from its name (.mp4, .flv or .ts)`);
    const location = resolveClipLocation(src, this.authoringBase());
    if (!isUrl(location)) {
      try {
        const info = await stat(location);
        if (!info.isFile()) throw new Error('not a file');
      } catch {
        throw new AppError('not_found', `clip file not found: "${location}"`);
      }
    }
    return { url: this.mediaBase + this.routes.register({ location, format }), format };
  }

}
