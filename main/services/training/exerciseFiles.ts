import { open, readFile, readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../../common/contract/result';
import { clipFormat, describeExerciseProblems, isUrl, parseExercise, type ClipFormat, type Exercise } from '../../../common/training/exerciseSchema';
import type { InputProblem } from '../../../common/validation';

/** An exercise read from disk, with each camera's clip resolved to a file path or URL. */
export interface LoadedExercise {
  exercise: Exercise;
  /** Absolute path of the exercise file. */
  source: string;
  clips: Map<string, { location: string; format: ClipFormat }>;
}

/** The first bytes each container starts with, to catch a clip that is not what its name says. */
function sniff(head: Buffer): ClipFormat | 'unknown' {
  if (head.length >= 8 && head.toString('latin1', 4, 8) === 'ftyp') return 'mp4';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'FLV') return 'flv';
  if (head.length >= 1 && head[0] === 0x47) return 'mpegts';
  return 'unknown';
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await file.read(buffer, 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Where a clip's `src` points: URLs as they are, paths relative to the exercise file's folder. */
export function resolveClipLocation(src: string, baseDir: string): string {
  return isUrl(src) ? src : isAbsolute(src) ? src : resolve(baseDir, src);
}

/** Checks that every local clip exists and is the container it claims to be. */
export async function checkClips(exercise: Exercise, baseDir: string): Promise<{ problems: InputProblem[]; clips: LoadedExercise['clips'] }> {
  const problems: InputProblem[] = [];
  const clips: LoadedExercise['clips'] = new Map();
  for (const [s, screen] of exercise.screens.entries()) {
    for (const [t, tile] of screen.tiles.entries()) {
      if (!tile) continue;
      const path = `screens[${s}].tiles[${t}].clip.src`;
      const location = resolveClipLocation(tile.clip.src, baseDir);
      const format = clipFormat(tile.clip);
      clips.set(tile.cameraId, { location, format });
      // A URL may be on a recorder that is reachable only from the wall PCs: it is not fetched here.
      if (isUrl(location)) continue;
      try {
        const info = await stat(location);
        if (!info.isFile()) {
          problems.push({ path, message: `"${location}" is not a file` });
          continue;
        }
        if (info.size === 0) {
          problems.push({ path, message: `"${location}" is empty` });
          continue;
        }
        const found = sniff(await readHead(location));
        if (found !== format) problems.push({ path, message: `"${location}" is ${found === 'unknown' ? 'not a video file Atalaya can play' : `${found}, not ${format}`} (MP4, FLV or MPEG-TS)` });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problems.push({ path, message: code === 'ENOENT' ? `clip file not found: "${location}"` : `cannot read "${location}" (${code ?? (err as Error).message})` });
      }
    }
  }
  return { problems, clips };
}

/**
 * Reads, validates and checks an exercise file. Any problem — bad JSON, a field out of range, an
 * incident on a camera that is not on a screen, a missing clip — throws one AppError that names
 * the file and every problem with its JSON path; nothing is half-loaded.
 */
export async function readExerciseFile(path: string): Promise<LoadedExercise> {
  const source = resolve(path);
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError('invalid_input', `${source}: cannot read the exercise file (${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)})`);
  }
  const parsed = parseExercise(text);
  if (!parsed.ok) throw new AppError('invalid_input', describeExerciseProblems(source, parsed.problems));
  const { problems, clips } = await checkClips(parsed.value, dirname(source));
  if (problems.length > 0) throw new AppError('invalid_input', describeExerciseProblems(source, problems));
  return { exercise: parsed.value, source, clips };
}

export interface ExerciseListing {
  exercises: Array<{ path: string; title: string; durationS: number; incidents: number; injects: number; origin: 'demo' | 'saved' }>;
  invalid: Array<{ path: string; problem: string }>;
}

/** Exercise files (`*.json`) in the given folders; a folder that does not exist lists nothing. */
export async function listExercises(dirs: Array<{ dir: string; origin: 'demo' | 'saved' }>): Promise<ExerciseListing> {
  const listing: ExerciseListing = { exercises: [], invalid: [] };
  for (const { dir, origin } of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        const text = await readFile(path, 'utf8');
        const parsed = parseExercise(text);
        if (!parsed.ok) {
          listing.invalid.push({ path, problem: describeExerciseProblems(path, parsed.problems.slice(0, 3)) });
          continue;
        }
        const ex = parsed.value;
        listing.exercises.push({ path, title: ex.title, durationS: ex.durationS, incidents: ex.incidents.length, injects: ex.injects.length, origin });
      } catch (err) {
        listing.invalid.push({ path, problem: (err as Error).message });
      }
    }
  }
  return listing;
}
