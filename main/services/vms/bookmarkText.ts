import type { Bookmark } from '../../../common/bookmarks/bookmarkSchemas';
import { categoryName, type BookmarkCategory } from '../../../common/bookmarks/categories';
import { atalayaMarker } from './adapter';

/**
 * How a bookmark reads inside a VMS that only has a title and a free text: the category (and
 * the start of the note) as the title, the note followed by a footer that carries the priority,
 * the operator and the Atalaya id — the id is how Atalaya finds its own record again.
 */

export function vmsTitle(bookmark: Bookmark, category: BookmarkCategory, maxLength = 120): string {
  const name = categoryName(category);
  const firstLine = bookmark.note.split('\n', 1)[0]!.trim();
  const title = firstLine ? `${name}: ${firstLine}` : name;
  return title.length > maxLength ? `${title.slice(0, maxLength - 1)}…` : title;
}

export function vmsDescription(bookmark: Bookmark, category: BookmarkCategory): string {
  const footer = [
    `Atalaya · ${categoryName(category)} · priority ${bookmark.priority} · ${bookmark.operator}`,
    bookmark.location ? `location ${bookmark.location.lat.toFixed(6)}, ${bookmark.location.lng.toFixed(6)}` : undefined,
    atalayaMarker(bookmark.id),
  ]
    .filter((line) => line !== undefined)
    .join('\n');
  return bookmark.note.trim() ? `${bookmark.note.trim()}\n\n${footer}` : footer;
}
