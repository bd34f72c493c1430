import type { z } from 'zod';

/** One problem found in some input, located by a JSON path such as `cameras[3].number`. */
export interface InputProblem {
  path: string;
  message: string;
}

/** Renders a zod path as people read JSON paths: `cameras[3].streams[0].url`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export function problemsOf(error: z.ZodError): InputProblem[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

/** `file: path: message` lines, capped so a wholly wrong file does not flood the screen. */
export function describeProblems(source: string, problems: InputProblem[], max = 20): string {
  const lines = problems.slice(0, max).map((p) => `${source}: ${p.path}: ${p.message}`);
  if (problems.length > max) lines.push(`${source}: … and ${problems.length - max} more problems`);
  return lines.join('\n');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

/** Parses JSON text then validates it; syntax errors are reported with their position. */
export function parseJsonWith<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ path: '(root)', message: `not valid JSON: ${(err as Error).message}` }] };
  }
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) };
}
