import { z } from 'zod';
import { AnswerKeySchema, ExerciseBookmarkSchema, ExerciseStateSchema, ReportRefSchema, TraineeIdSchema } from '../../training/exerciseRun';
import { ClipFormatSchema, ExerciseSchema, MAX_SPEED, MIN_SPEED } from '../../training/exerciseSchema';
import { EMPTY_PARAMS as empty, type MethodSpec } from '../methodSpec';

/**
 * Training exercises: the trainer loads a recorded scenario onto the wall, runs its clock, and
 * scores what trainees bookmark. Exercise bookmarks go to the exercise log only — never to a VMS.
 * Trainees' walls may read the state and bookmark; running and authoring need the trainer's rights.
 */

const language = z.enum(['en', 'es', 'pt']).optional();

export const ExerciseListSchema = z
  .object({
    exercises: z.array(
      z
        .object({
          path: z.string(),
          title: z.string(),
          durationS: z.number(),
          incidents: z.number().int(),
          injects: z.number().int(),
          /** demo: bundled with the app; saved: written by the authoring screen. */
          origin: z.enum(['demo', 'saved']),
        })
        .strict(),
    ),
    /** Files that are there but do not validate, with the reason. */
    invalid: z.array(z.object({ path: z.string(), problem: z.string() }).strict()),
  })
  .strict();

export const RunListSchema = z
  .object({
    runs: z.array(
      z
        .object({
          runId: z.string(),
          title: z.string(),
          startedAt: z.string(),
          endedAt: z.string().nullable(),
          bookmarks: z.number().int(),
          report: ReportRefSchema.nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export const ValidationResultSchema = z
  .object({ ok: z.boolean(), problems: z.array(z.object({ path: z.string(), message: z.string() }).strict()), message: z.string() })
  .strict();

export const DraftSchema = z
  .object({
    /** The loaded exercise as its file says (clip paths as written, incidents included). */
    exercise: ExerciseSchema,
    source: z.string(),
  })
  .strict();

export const exerciseMethods = {
  'exercises.list': { access: 'exercise.run', input: empty, output: ExerciseListSchema },
  'exercises.load': { access: 'exercise.run', input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: ExerciseStateSchema },
  'exercises.get': { access: 'wall.view', input: empty, output: ExerciseStateSchema },
  /** Main's clock, so a window on another machine can correct for its own clock's offset. */
  'exercises.time': { access: 'wall.view', input: empty, output: z.object({ nowMs: z.number() }).strict() },
  'exercises.answerKey': { access: 'exercise.run', input: empty, output: AnswerKeySchema },
  'exercises.setTrainees': {
    access: 'exercise.run',
    input: z.object({ trainees: z.array(z.object({ id: TraineeIdSchema.optional(), name: z.string().max(80) }).strict()).max(50) }).strict(),
    output: ExerciseStateSchema,
  },
  'exercises.play': { access: 'exercise.run', input: empty, output: ExerciseStateSchema },
  'exercises.pause': { access: 'exercise.run', input: empty, output: ExerciseStateSchema },
  'exercises.seek': { access: 'exercise.run', input: z.object({ positionS: z.number().min(0).max(14_400) }).strict(), output: ExerciseStateSchema },
  'exercises.setSpeed': { access: 'exercise.run', input: z.object({ speed: z.number().min(MIN_SPEED).max(MAX_SPEED) }).strict(), output: ExerciseStateSchema },
  /** Ends the run and writes its report. */
  'exercises.stop': { access: 'exercise.run', input: z.object({ language }).strict(), output: ExerciseStateSchema },
  /** Takes the exercise off the wall: every screen goes back to live cameras. */
  'exercises.close': { access: 'exercise.run', input: empty, output: ExerciseStateSchema },
  /** A trainee's bookmark: recorded in the exercise log (on disk before the answer), never sent to a VMS. */
  'exercises.bookmark': {
    access: 'wall.view',
    input: z
      .object({
        traineeId: TraineeIdSchema,
        cameraIds: z.array(z.string().min(1).max(64)).min(1).max(16),
        categoryId: z.string().min(1).max(40),
        note: z.string().max(500).optional(),
        /** Exercise time of the key press as the window saw it; main accepts it if plausible. */
        atS: z.number().min(0).max(14_400).optional(),
      })
      .strict(),
    output: ExerciseBookmarkSchema,
  },
  'exercises.report': { access: 'exercise.run', input: z.object({ runId: z.string().max(80).optional(), language }).strict(), output: ReportRefSchema },
  'exercises.runs': { access: 'exercise.run', input: empty, output: RunListSchema },
  'exercises.draft': { access: 'exercise.edit', input: empty, output: DraftSchema },
  'exercises.validate': { access: 'exercise.edit', input: z.object({ exercise: z.unknown() }).strict(), output: ValidationResultSchema },
  /** Saves an exercise to the library (validated; nothing is written if it is invalid). */
  'exercises.save': {
    access: 'exercise.edit',
    input: z.object({ name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/), exercise: z.unknown(), overwrite: z.boolean().optional() }).strict(),
    output: z.object({ path: z.string() }).strict(),
  },
  /** A playable URL for a clip file while authoring. */
  'exercises.previewClip': {
    access: 'exercise.edit',
    input: z.object({ src: z.string().min(1).max(4096) }).strict(),
    output: z.object({ url: z.string(), format: ClipFormatSchema }).strict(),
  },
} as const satisfies Record<string, MethodSpec>;

export const exerciseEvents = {
  'exercises.changed': ExerciseStateSchema,
} as const satisfies Record<string, z.ZodType>;

export type ExerciseList = z.infer<typeof ExerciseListSchema>;
export type RunList = z.infer<typeof RunListSchema>;
export type ValidationResult = z.infer<typeof ValidationResultSchema>;
export type Draft = z.infer<typeof DraftSchema>;
