import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BookmarkListSchema, type BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import { BookmarkCategorySchema, DEFAULT_CATEGORIES, categoryName, type BookmarkCategory, type CategoryLocale } from '../../../common/bookmarks/categories';
import { EVENT_NAMES, METHOD_NAMES } from '../../../common/contract/names';
import type { Result } from '../../../common/contract/result';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import type { BookmarkMarker, MapView } from './mapView';

/**
 * Incidents on the map: bookmarks with a location, coloured by their category (the site's list,
 * from `bookmarks.categories`), filtered to a time window, refreshed on `bookmarks.changed`.
 * The bookmarks contract is another module's; it is called by name and its answers are checked
 * against the bookmark schemas, and where a build has no such methods the layer stays hidden.
 */

const WINDOWS = [
  { id: '1h', ms: 3_600_000 },
  { id: '8h', ms: 8 * 3_600_000 },
  { id: '24h', ms: 24 * 3_600_000 },
  { id: '7d', ms: 7 * 24 * 3_600_000 },
  { id: 'all', ms: null },
] as const;
type WindowId = (typeof WINDOWS)[number]['id'];

/** The bookmarks contract is built separately; until it is part of this build there is no layer. */
const HAS_BOOKMARKS = (METHOD_NAMES as readonly string[]).includes('bookmarks.list');
const HAS_CHANGED_EVENT = (EVENT_NAMES as readonly string[]).includes('bookmarks.changed');
const CategoriesSchema = z.object({ categories: z.array(BookmarkCategorySchema) });

/** The time window slides: old incidents leave the map even when nothing is pushed. */
const REFRESH_MS = 30_000;
/** A burst of changes (a bookmark and its deliveries) reloads once. */
const CHANGE_DELAY_MS = 400;
const MAX_SHOWN = 2000;

type AnyCall = (method: string, params: unknown) => Promise<Result<unknown>>;
type AnyOn = (event: string, listener: (payload: unknown) => void) => () => void;

export function BookmarkLayerControls({ api, view, viewGen, cameras }: { api: WallApi; view: RefObject<MapView | null>; viewGen: number; cameras: readonly Camera[] }) {
  const { t, i18n } = useTranslation();
  const [available, setAvailable] = useState(false);
  const [shown, setShown] = useState(true);
  const [windowId, setWindowId] = useState<WindowId>('24h');
  const [items, setItems] = useState<BookmarkView[]>([]);
  const [categories, setCategories] = useState<readonly BookmarkCategory[]>(DEFAULT_CATEGORIES);

  useEffect(() => {
    if (!HAS_BOOKMARKS) return;
    let alive = true;
    // Called through the object: the WebSocket client's `call` uses `this`.
    const call: AnyCall = (method, params) => (api as unknown as { call: AnyCall }).call(method, params);
    const load = async () => {
      const ms = WINDOWS.find((w) => w.id === windowId)?.ms ?? null;
      const result = await call('bookmarks.list', { ...(ms !== null ? { from: Date.now() - ms } : {}), limit: MAX_SHOWN });
      if (!alive) return;
      if (!result.ok) {
        // No such method on this host (yet), or not allowed: no incident layer.
        if (result.error.code === 'unknown_method' || result.error.code === 'forbidden') setAvailable(false);
        return;
      }
      const parsed = BookmarkListSchema.safeParse(result.value);
      setAvailable(parsed.success);
      if (parsed.success) setItems(parsed.data.items);
    };
    void load();
    void call('bookmarks.categories', {}).then((result) => {
      const parsed = result.ok ? CategoriesSchema.safeParse(result.value) : undefined;
      if (alive && parsed?.success) setCategories(parsed.data.categories);
    });
    const timer = setInterval(() => void load(), REFRESH_MS);
    let changed: ReturnType<typeof setTimeout> | undefined;
    const off = HAS_CHANGED_EVENT
      ? (api as unknown as { on: AnyOn }).on('bookmarks.changed', () => {
          changed ??= setTimeout(() => {
            changed = undefined;
            void load();
          }, CHANGE_DELAY_MS);
        })
      : () => undefined;
    return () => {
      alive = false;
      clearInterval(timer);
      clearTimeout(changed);
      off();
    };
  }, [api, windowId]);

  useEffect(() => {
    const locale = (['en', 'es', 'pt'].includes(i18n.language) ? i18n.language : 'en') as CategoryLocale;
    const numbers = new Map(cameras.map((c) => [c.id, c.number]));
    const floorCameras = new Set(cameras.filter((c) => c.floor !== undefined).map((c) => c.id));
    const markers: BookmarkMarker[] = shown
      ? items.flatMap((b) => {
          // A floor camera's position is in plan units, not a place on the street map.
          if (!b.location || b.cameraIds.every((id) => floorCameras.has(id))) return [];
          const category = categories.find((c) => c.id === b.category);
          const name = category ? categoryName(category, locale) : b.category;
          const when = new Date(b.time).toLocaleString(i18n.language);
          const which = b.cameraIds.map((id) => numbers.get(id) ?? id).join(', ');
          return [{ id: b.id, location: b.location, colour: category?.colour ?? '#607d8b', category: b.category, text: `${name} · ${when} · ${t('map.bookmarks.cameras', { cameras: which })}${b.note ? `\n${b.note}` : ''}` }];
        })
      : [];
    view.current?.setBookmarks(markers);
  }, [items, shown, viewGen, view, cameras, categories, i18n.language, t]);

  if (!available) return null;
  return (
    <div className="map-toolbar__group" data-control="bookmarks">
      <label>
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} /> {t('map.bookmarks.title')}
      </label>
      <select value={windowId} onChange={(e) => setWindowId(e.target.value as WindowId)} aria-label={t('map.bookmarks.window')} disabled={!shown}>
        {WINDOWS.map((w) => (
          <option key={w.id} value={w.id}>
            {t(`map.bookmarks.last.${w.id}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
