import type { BookmarkCreateInput, BookmarkUpdateInput, BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import { MAX_ROLL_S, type BookmarkCategory, type Priority } from '../../../common/bookmarks/categories';
import type { LatLng } from '../../../common/site/siteSchema';

/**
 * The bookmark form as data: what it starts with, how a category change carries its defaults
 * along (pre/post-roll, priority) without overwriting what the operator typed, and the call it
 * makes. No React, so the rules are tested as plain functions.
 */

export interface FormDraft {
  category: string;
  priority: Priority;
  note: string;
  preRollS: string;
  postRollS: string;
  /** "lat, lng" as typed; '' = the camera's position (new) or none (edit). */
  location: string;
  /** Fields the operator changed: a category change leaves them alone. */
  touched: ReadonlySet<'priority' | 'preRollS' | 'postRollS' | 'location'>;
}

export const formatLatLng = (p: LatLng): string => `${p.lat.toFixed(6)}, ${p.lng.toFixed(6)}`;

/** "lat, lng" (comma, semicolon or space between) → a point; undefined when it is not one. */
export function parseLatLng(text: string): LatLng | undefined {
  const parts = text
    .trim()
    .split(/[\s,;]+/)
    .filter((p) => p !== '');
  if (parts.length !== 2) return undefined;
  const [lat, lng] = parts.map(Number) as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  return { lat, lng };
}

export function newDraft(category: BookmarkCategory, cameraPosition: LatLng | undefined): FormDraft {
  return {
    category: category.id,
    priority: category.priority,
    note: '',
    preRollS: String(category.preRollS),
    postRollS: String(category.postRollS),
    location: cameraPosition ? formatLatLng(cameraPosition) : '',
    touched: new Set(),
  };
}

export function editDraft(bookmark: BookmarkView): FormDraft {
  return {
    category: bookmark.category,
    priority: bookmark.priority,
    note: bookmark.note,
    preRollS: String(Math.round((bookmark.time - bookmark.startTime) / 1000)),
    postRollS: String(Math.round((bookmark.endTime - bookmark.time) / 1000)),
    location: bookmark.location ? formatLatLng(bookmark.location) : '',
    touched: new Set(['priority', 'preRollS', 'postRollS', 'location']),
  };
}

/** Picking another category brings its defaults for whatever the operator has not set. */
export function withCategory(draft: FormDraft, category: BookmarkCategory): FormDraft {
  return {
    ...draft,
    category: category.id,
    priority: draft.touched.has('priority') ? draft.priority : category.priority,
    preRollS: draft.touched.has('preRollS') ? draft.preRollS : String(category.preRollS),
    postRollS: draft.touched.has('postRollS') ? draft.postRollS : String(category.postRollS),
  };
}

export function withField<K extends 'priority' | 'preRollS' | 'postRollS' | 'location' | 'note'>(draft: FormDraft, key: K, value: FormDraft[K]): FormDraft {
  const touched = key === 'note' ? draft.touched : new Set([...draft.touched, key as 'priority' | 'preRollS' | 'postRollS' | 'location']);
  return { ...draft, [key]: value, touched };
}

export type DraftProblem = 'preRoll' | 'postRoll' | 'location';

function rollOf(text: string): number | undefined {
  if (!/^\d{1,4}$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value <= MAX_ROLL_S ? value : undefined;
}

export function draftProblems(draft: FormDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (rollOf(draft.preRollS) === undefined) problems.push('preRoll');
  if (rollOf(draft.postRollS) === undefined) problems.push('postRoll');
  if (draft.location.trim() !== '' && parseLatLng(draft.location) === undefined) problems.push('location');
  return problems;
}

/**
 * The create call. Rolls and priority are sent only when they differ from the category's, and
 * the location only when it is not the camera's own, so main's defaults stay the one rule.
 */
export function createInput(draft: FormDraft, cameraIds: readonly string[], category: BookmarkCategory, cameraPosition: LatLng | undefined): BookmarkCreateInput {
  const pre = rollOf(draft.preRollS)!;
  const post = rollOf(draft.postRollS)!;
  const location = parseLatLng(draft.location);
  const cameraText = cameraPosition ? formatLatLng(cameraPosition) : '';
  return {
    cameraIds: [...cameraIds],
    category: draft.category,
    ...(draft.note.trim() !== '' ? { note: draft.note.trim() } : {}),
    ...(draft.priority !== category.priority ? { priority: draft.priority } : {}),
    ...(location && draft.location.trim() !== cameraText ? { location } : {}),
    ...(pre !== category.preRollS ? { preRollS: pre } : {}),
    ...(post !== category.postRollS ? { postRollS: post } : {}),
  };
}

/** The edit call: only what changed, on top of the revision the form was opened on. */
export function updateInput(draft: FormDraft, bookmark: BookmarkView): BookmarkUpdateInput {
  const before = editDraft(bookmark);
  const location = parseLatLng(draft.location);
  const input: BookmarkUpdateInput = { id: bookmark.id, expectedRevision: bookmark.revision };
  if (draft.category !== before.category) input.category = draft.category;
  if (draft.priority !== before.priority) input.priority = draft.priority;
  if (draft.note.trim() !== bookmark.note) input.note = draft.note.trim();
  if (draft.preRollS.trim() !== before.preRollS) input.preRollS = rollOf(draft.preRollS)!;
  if (draft.postRollS.trim() !== before.postRollS) input.postRollS = rollOf(draft.postRollS)!;
  if (draft.location.trim() !== before.location) input.location = location ?? null;
  return input;
}
