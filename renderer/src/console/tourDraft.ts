import { MAX_DWELL_S, MAX_TOUR_CAMERAS, MIN_DWELL_S } from '../../../common/wall/wallSchema';

/**
 * The tour editor's form, checked before it is sent (main checks again): a name, cameras in
 * order, a dwell of at least MIN_DWELL_S seconds. Cameras can be typed as call-up numbers the
 * way operators list them, "1, 5, 12-15".
 */

export interface TourDraft {
  id?: string;
  name: string;
  cameraIds: string[];
  dwellS: number;
}

export type TourDraftProblem = 'name' | 'cameras' | 'tooManyCameras' | 'dwell';

/** The longest range accepted from one "a-b" item, so "1-99999" does not build a huge list. */
const MAX_RANGE = MAX_TOUR_CAMERAS;

/** Numbers from "1, 5 12-15" (commas or spaces; "-" or "–" for ranges); items that are not numbers or ranges are returned in `bad`. */
export function parseCameraNumbers(text: string): { numbers: number[]; bad: string[] } {
  const numbers: number[] = [];
  const bad: string[] = [];
  for (const item of text.split(/[\s,;]+/).filter((s) => s !== '')) {
    const range = /^(\d{1,5})[-–](\d{1,5})$/.exec(item);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (Math.abs(to - from) >= MAX_RANGE) bad.push(item);
      else for (let n = from; from <= to ? n <= to : n >= to; n += from <= to ? 1 : -1) numbers.push(n);
    } else if (/^\d{1,5}$/.test(item)) numbers.push(Number(item));
    else bad.push(item);
  }
  return { numbers, bad };
}

export function tourDraftProblems(draft: TourDraft): TourDraftProblem[] {
  const problems: TourDraftProblem[] = [];
  if (draft.name.trim() === '' || draft.name.trim().length > 80) problems.push('name');
  if (draft.cameraIds.length === 0) problems.push('cameras');
  if (draft.cameraIds.length > MAX_TOUR_CAMERAS) problems.push('tooManyCameras');
  if (!Number.isInteger(draft.dwellS) || draft.dwellS < MIN_DWELL_S || draft.dwellS > MAX_DWELL_S) problems.push('dwell');
  return problems;
}

/** Moves the camera at `index` by `step` places, keeping the rest in order. */
export function moveItem<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to] as T, next[index] as T];
  return next;
}
