import { useEffect, useRef, useState } from 'react';
import { keyOf } from '../keyboard/shortcuts';
import { keyLikeOf } from '../keyboard/keyEvent';

/** Keys typed into a field (or into the bookmark form itself) are not the bookmark key. */
export function isFieldTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('[data-bookmark-form]')) return true;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * Calls `onPress` with the key press's `performance.now()` when the bookmark shortcut (`key`,
 * as the keyboard table resolves it: 'B' unless the operator chose another) is pressed in this
 * window. It defers to anything that handled the key first — an exercise running on the wall
 * claims B for its own log (its capture-phase listener stops the event or prevents its
 * default) — and to text fields. Holding the key does not repeat it.
 */
export function useBookmarkKey(key: string, onPress: (at: number) => void): void {
  const latest = useRef(onPress);
  latest.current = onPress;
  useEffect(() => {
    if (key === '') return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isFieldTarget(event.target)) return;
      const pressed = keyOf(keyLikeOf(event));
      if (pressed !== key) return;
      event.preventDefault();
      if (event.repeat) return;
      latest.current(performance.now());
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key]);
}

const MARK_CLASS = 'bookmark-marked';

function tileAt(target: EventTarget | null, screenId: string): number | null {
  if (!(target instanceof Element)) return null;
  const tile = target.closest<HTMLElement>('[data-tile]');
  const grid = tile?.closest<HTMLElement>('.wall-grid[data-screen]');
  if (!tile || grid?.dataset.screen !== screenId) return null;
  const cell = Number(tile.dataset.tile);
  return Number.isInteger(cell) ? cell : null;
}

/**
 * A selection of several tiles for one bookmark: Ctrl+click (or ⌘/Shift+click) adds a tile to
 * the selected one, again takes it out; a plain click or Esc starts over. The wall's own
 * selection stays single (the reducer's); the marked tiles are outlined here, on the window.
 * When tiles are marked the bookmark is about them (the selected one among them).
 */
export function useTileMarks(screenId: string, selected: number | undefined, enabled: boolean): { marked: readonly number[]; clear: () => void } {
  const [marked, setMarked] = useState<number[]>([]);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  // The tile last clicked without a modifier: the wall's selection arrives from main a moment
  // later, and a quick Ctrl+click must not pair the new tile with the one selected before.
  const anchor = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!enabled) return;
    const onMouseDown = (event: MouseEvent) => {
      const cell = tileAt(event.target, screenId);
      if (cell === null || event.button !== 0) return;
      if (!(event.ctrlKey || event.metaKey || event.shiftKey)) {
        anchor.current = cell;
        setMarked((m) => (m.length === 0 ? m : []));
        return;
      }
      // The click also selects the tile (the wall's handler): keep the one selected before.
      const before = anchor.current ?? selectedRef.current;
      anchor.current = before;
      setMarked((m) => {
        const next = new Set(m);
        if (before !== undefined) next.add(before);
        if (m.includes(cell) && cell !== before) next.delete(cell);
        else next.add(cell);
        return [...next];
      });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !isFieldTarget(event.target)) {
        anchor.current = undefined;
        setMarked((m) => (m.length === 0 ? m : []));
      }
    };
    document.addEventListener('mousedown', onMouseDown, true);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('mousedown', onMouseDown, true);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [screenId, enabled]);

  useEffect(() => {
    const cells = document.querySelectorAll<HTMLElement>(`.wall-grid[data-screen="${CSS.escape(screenId)}"] [data-tile]`);
    cells.forEach((tile) => tile.closest('.wall-cell')?.classList.toggle(MARK_CLASS, marked.includes(Number(tile.dataset.tile))));
  });

  return {
    marked,
    clear: () => {
      anchor.current = undefined;
      setMarked([]);
    },
  };
}
