import type { ExerciseCategory } from '../../../common/training/exerciseSchema';

/** A category's name in the UI language (English when the exercise has no translation). */
export function categoryName(category: Pick<ExerciseCategory, 'names'>, language: string): string {
  const base = language.toLowerCase().split('-')[0];
  return (base === 'es' || base === 'pt' ? category.names[base] : undefined) ?? category.names.en;
}
