import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import type { BookmarkCategory } from '../../../common/bookmarks/categories';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import type { AppSnapshot, AppStore } from '../app/appStore';
import { usePermissions } from '../console/consoleSupport';
import { resolveShortcuts } from '../keyboard/shortcuts';
import { bookmarkClientFor } from './bookmarkClient';
import { BookmarkForm, type FormMode } from './BookmarkForm';
import { DeliveryBadge } from './DeliveryBadge';
import { placeForm, FORM_GAP, type FormPlacement, type Rect } from './formPlacement';
import { useBookmarkKey, useTileMarks } from './useBookmarkKey';
import './bookmarks.css';

/** While the form sits in the rail, the wall gives up this much width (CSS reads the class). */
const RAIL_CLASS = 'bookmark-rail-open';
const TARGET_CLASS = 'bookmark-target';
const FLASH_MS = 4000;
const TOAST_MS = 10_000;

type Open = { mode: FormMode; cells: number[] };

/** The camera each cell shows now: its own, or the one its tour is on. */
function cameraOfCell(snapshot: AppSnapshot, screenId: string, cell: number): string | undefined {
  const screen = snapshot.wall?.state.screens.find((s) => s.id === screenId);
  const tile = screen?.tiles[cell];
  if (tile?.kind === 'camera') return tile.cameraId;
  if (tile?.kind === 'tour') return snapshot.tours.find((v) => v.screenId === screenId && v.cell === cell)?.cameraId;
  return undefined;
}

function tileRects(screenId: string, cells: readonly number[]): Rect[] {
  const grid = document.querySelector(`.wall-grid[data-screen="${CSS.escape(screenId)}"]`);
  if (!grid) return [];
  return cells.flatMap((cell) => {
    const tile = grid.querySelector<HTMLElement>(`[data-tile="${cell}"]`);
    if (!tile || tile.offsetParent === null) return [];
    const r = tile.getBoundingClientRect();
    return [{ left: r.left, top: r.top, width: r.width, height: r.height }];
  });
}

/**
 * The bookmark key on a wall window (or in the console, on its target screen): B on the selected
 * tile — plus any tiles Ctrl+clicked with it — opens the incident form beside the tiles, never
 * over them (or in a rail the wall makes room for). "Saved" appears only once main has the
 * bookmark on disk, with its delivery following live and a button to edit it.
 */
export function WallBookmarks({ api, store, screenId, context }: { api: WallApi; store: AppStore; screenId: string; context: 'wall' | 'console' }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const client = useMemo(() => bookmarkClientFor(api), [api]);
  const permissions = usePermissions(api);
  const [categories, setCategories] = useState<BookmarkCategory[] | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [placement, setPlacement] = useState<FormPlacement | null>(null);
  const [toast, setToast] = useState<{ bookmark: BookmarkView; placement: FormPlacement | null; cells: number[] } | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const screen = snapshot.wall?.state.screens.find((s) => s.id === screenId);
  const cameras = useMemo(() => new Map<string, Camera>(snapshot.site?.site.cameras.map((c) => [c.id, c]) ?? []), [snapshot.site]);
  const shortcuts = useMemo(() => resolveShortcuts(snapshot.settings?.shortcuts ?? {}), [snapshot.settings]);
  const key = shortcuts.keyOf['bookmark.create'];
  const marks = useTileMarks(screenId, screen?.selected, context === 'wall');
  const canCreate = permissions === null || permissions.has('bookmark.create');

  // Categories are fetched ahead, so the form opens at once on the key press.
  useEffect(() => {
    if (!canCreate) return;
    let live = true;
    client
      .categories()
      .then((list) => live && setCategories(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, canCreate, snapshot.connected]);

  const show = useCallback((message: string) => setFlash(message), []);
  useEffect(() => {
    if (flash === null) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  useBookmarkKey(key, (at) => {
    if (open) return;
    if (!canCreate) return show(t('bookmarks.form.notAllowed'));
    if (!screen) return;
    const cells = (marks.marked.length > 0 ? marks.marked : [screen.selected]).filter((cell) => cell < screen.layout.cells.length);
    const withCamera = cells.flatMap((cell) => {
      const id = cameraOfCell(snapshot, screenId, cell);
      const camera = id !== undefined ? cameras.get(id) : undefined;
      return camera ? [{ cell, camera }] : [];
    });
    const unique = [...new Map(withCamera.map((x) => [x.camera.id, x])).values()];
    if (unique.length === 0) return show(t('bookmarks.form.noCamera', { key }));
    if (!categories || categories.length === 0) return show(t('bookmarks.form.noCategories'));
    setToast(null);
    setPlacement(null);
    setOpen({ mode: { kind: 'create', cameras: unique.map((x) => x.camera), markedAt: at, markedClock: Date.now() }, cells: unique.map((x) => x.cell) });
  });

  // Where the form goes: measured once it is drawn (hidden), again when the window or form resizes.
  const place = useCallback(() => {
    const form = formRef.current;
    if (!form || !open) return;
    if (context === 'console') return setPlacement({ kind: 'rail' });
    const size = { width: form.offsetWidth, height: form.offsetHeight };
    setPlacement((current) => (current?.kind === 'rail' ? current : placeForm({ width: window.innerWidth, height: window.innerHeight }, tileRects(screenId, open.cells), size, FORM_GAP)));
  }, [open, context, screenId]);
  useLayoutEffect(() => {
    if (!open) return;
    place();
    const form = formRef.current;
    const observer = typeof ResizeObserver === 'function' && form ? new ResizeObserver(() => place()) : null;
    if (form) observer?.observe(form);
    window.addEventListener('resize', place);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', place);
    };
  }, [open, place]);

  // The rail takes width from the wall so no tile is under it; the tiles the form is about are outlined.
  useEffect(() => {
    const rail = context === 'wall' && open !== null && placement?.kind === 'rail';
    document.body.classList.toggle(RAIL_CLASS, rail);
    return () => document.body.classList.remove(RAIL_CLASS);
  }, [context, open, placement]);
  useEffect(() => {
    const cells = open?.cells ?? [];
    const tiles = document.querySelectorAll<HTMLElement>(`.wall-grid[data-screen="${CSS.escape(screenId)}"] [data-tile]`);
    tiles.forEach((tile) => tile.closest('.wall-cell')?.classList.toggle(TARGET_CLASS, cells.includes(Number(tile.dataset.tile))));
  });

  // The saved bookmark's delivery follows live in the toast.
  useEffect(() => {
    if (!toast) return;
    return client.onChanged((event) => {
      const change = event.bookmarks.find((b) => b.id === toast.bookmark.id);
      if (change) setToast((current) => (current && current.bookmark.id === change.id ? { ...current, bookmark: { ...current.bookmark, deliveries: change.deliveries, delivery: change.delivery, revision: Math.max(current.bookmark.revision, change.revision) } } : current));
    });
  }, [client, toast?.bookmark.id]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!toast || toast.bookmark.delivery === 'failed') return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const close = () => {
    setOpen(null);
    setPlacement(null);
    marks.clear();
    (document.activeElement as HTMLElement | null)?.blur?.();
  };

  // Esc cancels the open form wherever the focus is, before the wall's keyboard sees it (which
  // would otherwise also restore a maximized tile).
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      event.stopPropagation();
      close();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  });

  const edit = async (bookmark: BookmarkView, cells: number[]) => {
    // The latest revision, in case someone edited it meanwhile.
    const latest = await api.call('bookmarks.get', { ids: [bookmark.id] });
    const view = latest.ok ? (latest.value.items[0] ?? bookmark) : bookmark;
    setToast(null);
    setPlacement(null);
    setOpen({ mode: { kind: 'edit', bookmark: view, cameras: view.cameraIds.flatMap((id) => (cameras.has(id) ? [cameras.get(id)!] : [])) }, cells });
  };

  const positioned = (p: FormPlacement | null) =>
    // Measured before the first paint; transparent rather than hidden so the note can take the focus.
    p === null ? { opacity: 0, left: 0, top: 0 } : p.kind === 'float' ? { left: p.left, top: p.top } : undefined;

  return (
    <>
      {open && categories ? (
        <div className={`bookmark-layer${placement?.kind === 'rail' ? ' bookmark-layer--rail' : ''}${context === 'console' ? ' bookmark-layer--console' : ''}`} data-bookmark-placement={placement?.kind ?? 'measuring'}>
          <BookmarkForm
            key={open.mode.kind === 'edit' ? `edit-${open.mode.bookmark.id}` : `new-${open.mode.markedAt}`}
            api={api}
            mode={open.mode}
            categories={categories}
            formRef={formRef}
            style={positioned(placement)}
            className={placement?.kind === 'rail' ? 'bookmark-form--rail' : 'bookmark-form--float'}
            onCancel={close}
            onCamerasChange={(ids) =>
              setOpen((current) =>
                current && current.mode.kind === 'create'
                  ? { ...current, mode: { ...current.mode, cameras: current.mode.cameras.filter((c) => ids.includes(c.id)) }, cells: current.cells.filter((cell) => ids.includes(cameraOfCell(snapshot, screenId, cell) ?? '')) }
                  : current,
              )
            }
            onSaved={(view) => {
              const at = placement;
              const cells = open.cells;
              close();
              setToast({ bookmark: view, placement: at, cells });
            }}
          />
        </div>
      ) : null}
      {toast ? (
        <div className="bookmark-toast" role="status" data-bookmark-saved={toast.bookmark.id} style={toast.placement?.kind === 'float' ? { left: toast.placement.left, top: toast.placement.top } : { right: FORM_GAP, top: FORM_GAP }}>
          <span className="bookmark-toast__tick" aria-hidden>
            ✓
          </span>
          <span className="bookmark-toast__text">
            <strong>{t('bookmarks.toast.saved')}</strong>
            <span className="bookmark-toast__what">
              {toast.bookmark.cameraIds.map((id) => cameras.get(id)?.number ?? id).join(', ')} · {new Date(toast.bookmark.time).toLocaleTimeString()}
            </span>
            <DeliveryBadge bookmark={toast.bookmark} client={client} />
          </span>
          <button type="button" className="btn btn--small" onClick={() => void edit(toast.bookmark, toast.cells)} data-bookmark-edit>
            {t('bookmarks.toast.edit')}
          </button>
          <button type="button" className="btn btn--small btn--icon" aria-label={t('bookmarks.toast.dismiss')} onClick={() => setToast(null)}>
            ×
          </button>
        </div>
      ) : null}
      {flash !== null ? (
        <div className="bookmark-flash" role="alert">
          {flash}
        </div>
      ) : null}
    </>
  );
}
