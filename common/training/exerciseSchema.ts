import { z } from 'zod';
import { DEFAULT_CATEGORIES } from '../bookmarks/categories';
import { describeProblems, jsonPath, parseJsonWith, type InputProblem, type Parsed } from '../validation';

/**
 * The exercise file: a recorded scenario replayed on the wall as if it were live, the script of
 * injects shown to trainees, and the ground truth (expected incidents) the trainees are scored
 * against. JSON, validated here; every problem is reported with its JSON path, so a trainer who
 * edits the file by hand is told exactly what to fix.
 *
 * Time in an exercise is "exercise time": seconds from the start of the scenario, 0…durationS.
 */

export const EXERCISE_VERSION = 1;
/** Four hours: longer than any shift-length exercise, short enough to catch a value in ms. */
export const MAX_EXERCISE_S = 4 * 3600;
export const MIN_SPEED = 0.5;
export const MAX_SPEED = 4;
export const SPEEDS = [0.5, 1, 2, 4] as const;

const seconds = (max: number) => z.number().finite('must be a number of seconds').min(0, 'must be 0 or more').max(max, `must be at most ${max} s`);
const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, ".", "-" or "_"');
const CategoryIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1–40 lowercase letters, digits, - or _');

export const CLIP_FORMATS = ['mp4', 'flv', 'mpegts'] as const;
export const ClipFormatSchema = z.enum(CLIP_FORMATS);
export type ClipFormat = z.infer<typeof ClipFormatSchema>;

/** The container a clip's name says it is, or undefined when the name does not tell. */
export function clipFormatOf(src: string): ClipFormat | undefined {
  const path = src.split(/[?#]/)[0]!.toLowerCase();
  if (/\.(mp4|m4v|mov)$/.test(path)) return 'mp4';
  if (/\.flv$/.test(path)) return 'flv';
  if (/\.(ts|m2ts|mts)$/.test(path)) return 'mpegts';
  return undefined;
}

export const isUrl = (src: string): boolean => /^https?:\/\//i.test(src);

export const ClipSchema = z
  .object({
    /** A file path (relative to the exercise file, or absolute) or an http(s) URL. */
    src: z.string().min(1, 'must name a file or URL').max(4096),
    /** Inferred from the file name when absent. */
    format: ClipFormatSchema.optional(),
    /**
     * The clip's media time shown at exercise time 0: 12 skips the first 12 s of the recording;
     * −30 shows nothing for 30 s, then the recording from its start.
     */
    offsetS: z.number().finite().min(-MAX_EXERCISE_S).max(MAX_EXERCISE_S).default(0),
  })
  .strict();

export const ExerciseTileSchema = z
  .object({
    /** The camera this footage is from; trainees' bookmarks and incidents name it. */
    cameraId: IdSchema,
    /** Shown on the tile; the camera id when absent. */
    label: z.string().min(1).max(120).optional(),
    clip: ClipSchema,
  })
  .strict();

export const ExerciseScreenSchema = z
  .object({
    /** Matches a wall screen id: the window showing `?screen=<id>` shows this screen. */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, - or _'),
    rows: z.number().int().min(1).max(8),
    cols: z.number().int().min(1).max(8),
    /** Row-major; null leaves a cell empty; fewer tiles than cells leaves the rest empty. */
    tiles: z.array(ExerciseTileSchema.nullable()).min(1).max(64),
  })
  .strict();

export const LocationSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    label: z.string().max(120).optional(),
  })
  .strict();

export const INJECT_SOUNDS = ['none', 'chime', 'alarm'] as const;

export const InjectSchema = z
  .object({
    id: IdSchema,
    atS: seconds(MAX_EXERCISE_S),
    /** 'alert' is shown in red and stays until the next inject or its duration ends. */
    kind: z.enum(['message', 'alert']).default('message'),
    text: z.string().min(1, 'must not be empty').max(500),
    /** How long trainees see it, in exercise seconds. */
    showS: z.number().min(1).max(600).default(20),
    location: LocationSchema.optional(),
    /** Synthesised by the wall (no sound files to ship or lose in an air-gapped room). */
    sound: z.enum(INJECT_SOUNDS).default('none'),
  })
  .strict();

export const IncidentSchema = z
  .object({
    id: IdSchema,
    /** Cameras on which the incident can be seen; a bookmark on any of them counts. */
    cameraIds: z.array(IdSchema).min(1).max(16),
    startS: seconds(MAX_EXERCISE_S),
    endS: seconds(MAX_EXERCISE_S),
    category: CategoryIdSchema,
    description: z.string().max(500).default(''),
  })
  .strict();

export const ExerciseCategorySchema = z
  .object({
    id: CategoryIdSchema,
    names: z.object({ en: z.string().min(1).max(60), es: z.string().min(1).max(60).optional(), pt: z.string().min(1).max(60).optional() }).strict(),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'),
  })
  .strict();

export const ScoringRulesSchema = z
  .object({
    /** A bookmark this long before an incident starts still counts (anticipation). */
    graceBeforeS: z.number().min(0).max(60).default(0),
    /** A bookmark this long after an incident ends still counts (the operator was typing). */
    graceAfterS: z.number().min(0).max(600).default(10),
  })
  .strict();

export const DEFAULT_EXERCISE_CATEGORIES = DEFAULT_CATEGORIES.map((c) => ({ id: c.id, names: { ...c.names }, colour: c.colour }));

const ExerciseObjectSchema = z
  .object({
    version: z.literal(EXERCISE_VERSION, `must be ${EXERCISE_VERSION} (the exercise file format this Atalaya reads)`),
    title: z.string().min(1, 'must not be empty').max(200),
    description: z.string().max(4000).default(''),
    durationS: z.number().finite().min(1, 'must be at least 1 s').max(MAX_EXERCISE_S, `must be at most ${MAX_EXERCISE_S} s`),
    categories: z.array(ExerciseCategorySchema).min(1).max(32).default(DEFAULT_EXERCISE_CATEGORIES),
    screens: z.array(ExerciseScreenSchema).min(1, 'needs at least one screen').max(16),
    injects: z.array(InjectSchema).max(500).default([]),
    incidents: z.array(IncidentSchema).max(500).default([]),
    scoring: ScoringRulesSchema.default({ graceBeforeS: 0, graceAfterS: 10 }),
  })
  .strict();

type ExerciseShape = z.output<typeof ExerciseObjectSchema>;

/** Checks between fields that a per-field schema cannot see; messages name the values involved. */
function crossCheck(ex: ExerciseShape, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const seenScreens = new Set<string>();
  const cameras = new Map<string, string>();
  ex.screens.forEach((screen, s) => {
    if (seenScreens.has(screen.id)) issue(['screens', s, 'id'], `screen "${screen.id}" is listed twice`);
    seenScreens.add(screen.id);
    const cells = screen.rows * screen.cols;
    if (screen.tiles.length > cells) issue(['screens', s, 'tiles'], `has ${screen.tiles.length} tiles but a ${screen.rows}×${screen.cols} grid has ${cells} cells`);
    screen.tiles.forEach((tile, t) => {
      if (!tile) return;
      const where = jsonPath(['screens', s, 'tiles', t]);
      const first = cameras.get(tile.cameraId);
      if (first) issue(['screens', s, 'tiles', t, 'cameraId'], `camera "${tile.cameraId}" is already shown at ${first}; a camera may appear once`);
      else cameras.set(tile.cameraId, where);
      if (!tile.clip.format && !clipFormatOf(tile.clip.src)) {
        issue(['screens', s, 'tiles', t, 'clip', 'format'], `cannot tell the format of "${tile.clip.src}" from its name: set format to ${CLIP_FORMATS.join(', ')}`);
      }
    });
  });
  if (cameras.size === 0) issue(['screens'], 'no screen has a tile with a clip');

  const categories = new Set<string>();
  ex.categories.forEach((c, i) => {
    if (categories.has(c.id)) issue(['categories', i, 'id'], `category "${c.id}" is listed twice`);
    categories.add(c.id);
  });

  const injectIds = new Set<string>();
  ex.injects.forEach((inject, i) => {
    if (injectIds.has(inject.id)) issue(['injects', i, 'id'], `inject id "${inject.id}" is used twice`);
    injectIds.add(inject.id);
    if (inject.atS > ex.durationS) issue(['injects', i, 'atS'], `${inject.atS} s is after the end of the exercise (durationS ${ex.durationS})`);
  });

  const incidentIds = new Set<string>();
  const known = [...cameras.keys()];
  ex.incidents.forEach((incident, i) => {
    if (incidentIds.has(incident.id)) issue(['incidents', i, 'id'], `incident id "${incident.id}" is used twice`);
    incidentIds.add(incident.id);
    incident.cameraIds.forEach((cameraId, c) => {
      if (!cameras.has(cameraId)) {
        const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
        issue(['incidents', i, 'cameraIds', c], `camera "${cameraId}" is not on any screen of this exercise (cameras: ${list})`);
      }
    });
    if (incident.endS <= incident.startS) issue(['incidents', i, 'endS'], `must be after startS (${incident.startS} s), not ${incident.endS} s`);
    if (incident.endS > ex.durationS) issue(['incidents', i, 'endS'], `${incident.endS} s is after the end of the exercise (durationS ${ex.durationS})`);
    if (!categories.has(incident.category)) issue(['incidents', i, 'category'], `category "${incident.category}" is not in categories (${[...categories].join(', ')})`);
  });
}

export const ExerciseSchema = ExerciseObjectSchema.superRefine(crossCheck);

export type ExerciseInput = z.input<typeof ExerciseSchema>;
export type Exercise = z.output<typeof ExerciseSchema>;
export type ExerciseTile = z.output<typeof ExerciseTileSchema>;
export type ExerciseScreen = z.output<typeof ExerciseScreenSchema>;
export type Inject = z.output<typeof InjectSchema>;
export type Incident = z.output<typeof IncidentSchema>;
export type ExerciseCategory = z.output<typeof ExerciseCategorySchema>;
export type ScoringRules = z.output<typeof ScoringRulesSchema>;
export type Clip = z.output<typeof ClipSchema>;

/** Parses exercise JSON text; problems carry JSON paths (`incidents[2].cameraIds[0]`). */
export function parseExercise(text: string): Parsed<Exercise> {
  return parseJsonWith(ExerciseSchema, text);
}

/** One message for an invalid exercise: the source, then one line per problem. */
export function describeExerciseProblems(source: string, problems: InputProblem[]): string {
  return describeProblems(source, problems, 20);
}

/** Every tile of the exercise with where it sits. */
export function exerciseTiles(ex: Pick<Exercise, 'screens'>): Array<{ screenId: string; index: number; tile: ExerciseTile }> {
  return ex.screens.flatMap((screen) => screen.tiles.flatMap((tile, index) => (tile ? [{ screenId: screen.id, index, tile }] : [])));
}

export function clipFormat(clip: Pick<Clip, 'src' | 'format'>): ClipFormat {
  return clip.format ?? clipFormatOf(clip.src) ?? 'mp4';
}
