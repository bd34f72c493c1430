import type { Camera } from '../../../common/site/siteSchema';

/**
 * The console's camera search: by call-up number, name and tag, as an operator types it.
 * Every word must match (a number prefix, part of the name, or part of a tag); accents and case
 * do not matter, so "bolivar" finds "Bolívar" and "rio" finds the tag "río". A word starting
 * with # matches tags only. Results come best first: the exact number, then numbers starting
 * with it, then names starting with the query, then the rest, each in number order.
 */

export type SearchableCamera = Pick<Camera, 'id' | 'number' | 'name' | 'tags'>;

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchCameras<C extends SearchableCamera>(cameras: readonly C[], query: string): C[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...cameras].sort((a, b) => a.number - b.number);
  const whole = fold(query).trim();
  const scored: Array<{ camera: C; rank: number }> = [];
  for (const camera of cameras) {
    const name = fold(camera.name);
    const tags = (camera.tags ?? []).map(fold);
    const number = String(camera.number);
    const matches = words.every((word) => {
      if (word.startsWith('#')) {
        const tag = word.slice(1);
        return tag === '' || tags.some((t) => t.includes(tag));
      }
      return (/^\d+$/.test(word) && number.startsWith(word)) || name.includes(word) || tags.some((t) => t.includes(word));
    });
    if (!matches) continue;
    const rank = number === whole ? 0 : number.startsWith(whole) ? 1 : name.startsWith(whole) ? 2 : 3;
    scored.push({ camera, rank });
  }
  return scored.sort((a, b) => a.rank - b.rank || a.camera.number - b.camera.number).map((s) => s.camera);
}
