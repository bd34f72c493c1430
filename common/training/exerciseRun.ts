import { z } from 'zod';
import { ClipFormatSchema, ExerciseCategorySchema, ExerciseSchema, IncidentSchema, InjectSchema, ScoringRulesSchema } from './exerciseSchema';

/**
 * What a run of an exercise is made of, as main keeps it and as windows see it: trainees, the
 * clock, the exercise log of trainee bookmarks, and the state pushed to every window.
 * Exercise bookmarks live only here and in the run's log file: they never reach a VMS.
 */

export const TraineeIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be 1–32 lowercase letters, digits or -');

export const TraineeSchema = z
  .object({
    id: TraineeIdSchema,
    name: z.string().trim().min(1, 'a trainee needs a name').max(80),
  })
  .strict();

export const ExerciseClockSchema = z
  .object({
    playing: z.boolean(),
    positionS: z.number().min(0),
    atMs: z.number(),
    speed: z.number().min(0.5).max(4),
    seq: z.number().int().nonnegative(),
  })
  .strict();

export const ExerciseBookmarkSchema = z
  .object({
    id: z.string(),
    traineeId: TraineeIdSchema,
    cameraIds: z.array(z.string()).min(1),
    categoryId: z.string(),
    note: z.string().max(500),
    /** Exercise time of the key press. */
    atS: z.number().min(0),
    /** Wall-clock time main recorded it. */
    createdAt: z.string(),
  })
  .strict();

/** A tile as windows get it: the clip as a URL the page can play. */
export const ClientTileSchema = z
  .object({
    cameraId: z.string(),
    label: z.string(),
    clip: z.object({ url: z.string(), format: ClipFormatSchema, offsetS: z.number(), src: z.string() }).strict(),
  })
  .strict();

export const ClientScreenSchema = z
  .object({ id: z.string(), rows: z.number().int(), cols: z.number().int(), tiles: z.array(ClientTileSchema.nullable()) })
  .strict();

/**
 * The exercise as every window sees it. The expected incidents (the answer key) are left out:
 * trainees' walls have no business holding them; the trainer console asks for them separately.
 */
export const ClientExerciseSchema = z
  .object({
    title: z.string(),
    description: z.string(),
    durationS: z.number(),
    categories: z.array(ExerciseCategorySchema),
    screens: z.array(ClientScreenSchema),
    injects: z.array(InjectSchema),
  })
  .strict();

export const ReportRefSchema = z
  .object({
    runId: z.string(),
    htmlUrl: z.string(),
    pdfUrl: z.string(),
    generatedAt: z.string(),
  })
  .strict();

export const EXERCISE_PHASES = ['idle', 'loaded', 'running', 'ended'] as const;

export const ExerciseStateSchema = z
  .object({
    /** Which run of main produced it, and its revision there: windows never go back to an older state. */
    instance: z.string(),
    rev: z.number().int().nonnegative(),
    /** idle: live wall. loaded: on the wall, not started. running: started (the clock may be paused). ended: finished, scored. */
    phase: z.enum(EXERCISE_PHASES),
    /** The exercise file in use. */
    source: z.string().nullable(),
    exercise: ClientExerciseSchema.nullable(),
    clock: ExerciseClockSchema,
    trainees: z.array(TraineeSchema),
    runId: z.string().nullable(),
    bookmarks: z.array(ExerciseBookmarkSchema),
    report: ReportRefSchema.nullable(),
  })
  .strict();

/** The ground truth, for the trainer console only. */
export const AnswerKeySchema = z
  .object({
    incidents: z.array(IncidentSchema),
    scoring: ScoringRulesSchema,
  })
  .strict();

// ---- the exercise log: one JSON object per line, appended and fsynced --------------------

const at = z.string();
export const LogEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), at, runId: z.string(), source: z.string(), exercise: ExerciseSchema, trainees: z.array(TraineeSchema) }).strict(),
  z.object({ type: z.literal('control'), at, action: z.enum(['play', 'pause', 'seek', 'speed']), clock: ExerciseClockSchema }).strict(),
  z.object({ type: z.literal('trainees'), at, trainees: z.array(TraineeSchema) }).strict(),
  z.object({ type: z.literal('bookmark'), at, bookmark: ExerciseBookmarkSchema }).strict(),
  z.object({ type: z.literal('inject'), at, injectId: z.string(), positionS: z.number() }).strict(),
  z.object({ type: z.literal('end'), at, positionS: z.number(), reason: z.enum(['finished', 'stopped']) }).strict(),
]);

export type Trainee = z.infer<typeof TraineeSchema>;
export type ExerciseBookmark = z.infer<typeof ExerciseBookmarkSchema>;
export type ClientExercise = z.infer<typeof ClientExerciseSchema>;
export type ClientTile = z.infer<typeof ClientTileSchema>;
export type ClientScreen = z.infer<typeof ClientScreenSchema>;
export type ExerciseState = z.infer<typeof ExerciseStateSchema>;
export type ExercisePhase = ExerciseState['phase'];
export type ReportRef = z.infer<typeof ReportRefSchema>;
export type AnswerKey = z.infer<typeof AnswerKeySchema>;
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** A trainee id from a name: "María José" → "maria-jose"; made unique against `taken`. */
export function traineeIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 28) || 'trainee';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
