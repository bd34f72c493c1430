import { z } from 'zod';

/**
 * Bookmark categories: what kind of incident a bookmark marks. Each carries the colour the
 * console shows it in and the footage window an operator usually needs around the keystroke,
 * so one key press is enough for the common case.
 */

export const CategoryIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1–40 lowercase letters, digits, - or _');

export const PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export const PrioritySchema = z.enum(PRIORITIES);

/** Pre/post-roll bound: an hour either side covers any incident a VMS bookmark is meant for. */
export const MAX_ROLL_S = 3600;
export const RollSecondsSchema = z.number().int().min(0).max(MAX_ROLL_S);

/** Control rooms work in Spanish, Portuguese and English; English is the fallback. */
export const CategoryNamesSchema = z
  .object({
    en: z.string().min(1).max(60),
    es: z.string().min(1).max(60).optional(),
    pt: z.string().min(1).max(60).optional(),
  })
  .strict();

export const BookmarkCategorySchema = z
  .object({
    id: CategoryIdSchema,
    names: CategoryNamesSchema,
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour'),
    preRollS: RollSecondsSchema,
    postRollS: RollSecondsSchema,
    priority: PrioritySchema.default('normal'),
  })
  .strict();

export const BookmarkCategoryListSchema = z
  .array(BookmarkCategorySchema)
  .min(1)
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, { message: 'category ids must be unique' });

export type Priority = z.infer<typeof PrioritySchema>;
export type BookmarkCategory = z.infer<typeof BookmarkCategorySchema>;
export type CategoryLocale = keyof z.infer<typeof CategoryNamesSchema>;

export const DEFAULT_CATEGORIES: readonly BookmarkCategory[] = [
  { id: 'incident', names: { en: 'Incident', es: 'Incidente', pt: 'Incidente' }, colour: '#e53935', preRollS: 30, postRollS: 60, priority: 'high' },
  { id: 'traffic', names: { en: 'Traffic', es: 'Tráfico', pt: 'Trânsito' }, colour: '#fb8c00', preRollS: 30, postRollS: 60, priority: 'normal' },
  // Suspicious behaviour is usually noticed late, so more footage before the key press.
  { id: 'suspicious', names: { en: 'Suspicious behaviour', es: 'Comportamiento sospechoso', pt: 'Comportamento suspeito' }, colour: '#fdd835', preRollS: 120, postRollS: 60, priority: 'normal' },
  { id: 'medical', names: { en: 'Medical emergency', es: 'Emergencia médica', pt: 'Emergência médica' }, colour: '#d81b60', preRollS: 30, postRollS: 120, priority: 'critical' },
  { id: 'fire', names: { en: 'Fire', es: 'Incendio', pt: 'Incêndio' }, colour: '#ff5722', preRollS: 60, postRollS: 300, priority: 'critical' },
  { id: 'other', names: { en: 'Other', es: 'Otro', pt: 'Outro' }, colour: '#607d8b', preRollS: 30, postRollS: 60, priority: 'normal' },
];

export function categoryName(category: BookmarkCategory, locale: CategoryLocale = 'en'): string {
  return category.names[locale] ?? category.names.en;
}

/** The footage window of a bookmark: explicit rolls win over the category's defaults. */
export function bookmarkWindow(
  timeMs: number,
  category: Pick<BookmarkCategory, 'preRollS' | 'postRollS'>,
  preRollS?: number,
  postRollS?: number,
): { startTime: number; endTime: number } {
  return {
    startTime: timeMs - (preRollS ?? category.preRollS) * 1000,
    endTime: timeMs + (postRollS ?? category.postRollS) * 1000,
  };
}
