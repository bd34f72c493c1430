import { useEffect, useRef } from 'react';
import type { WallAction } from '../../../common/wall/wallActions';
import { dropAction, dropEffectFor, writeTileDrag } from './dragData';

const DROP_CLASS = 'wall-cell--drop';

/** The wall tile an event happened on: its screen, cell and cell element. */
function tileOf(target: EventTarget | null): { screenId: string; cell: number; element: HTMLElement } | null {
  if (!(target instanceof Element)) return null;
  // A drag starts on the draggable cell, which holds the tile; other events land inside the tile.
  const tile = target.closest<HTMLElement>('.wall-grid[data-screen] [data-tile]') ?? target.closest('.wall-grid[data-screen] .wall-cell')?.querySelector<HTMLElement>('[data-tile]');
  const grid = tile?.closest<HTMLElement>('.wall-grid[data-screen]');
  const element = tile?.closest<HTMLElement>('.wall-cell');
  const cell = Number(tile?.dataset.tile);
  const screenId = grid?.dataset.screen;
  if (!tile || !element || !screenId || !Number.isInteger(cell)) return null;
  return { screenId, cell, element };
}

/**
 * Mouse gestures on a wall window's tiles: drop a camera (from the console, in another window)
 * or a tour on a tile to show it there, drag a tile onto another to swap them (across windows
 * too), double-click to maximize. Listens on the document, so the tiles themselves stay as
 * they are; the wall cells only need `draggable`.
 */
export function useTileDragDrop(dispatch: (action: WallAction) => unknown): void {
  const latest = useRef(dispatch);
  latest.current = dispatch;

  useEffect(() => {
    let marked: HTMLElement | null = null;
    const mark = (element: HTMLElement | null) => {
      if (marked === element) return;
      marked?.classList.remove(DROP_CLASS);
      element?.classList.add(DROP_CLASS);
      marked = element;
    };

    const onDragStart = (event: DragEvent) => {
      const at = tileOf(event.target);
      if (!at || !event.dataTransfer) return;
      writeTileDrag(event.dataTransfer, { screenId: at.screenId, cell: at.cell });
    };
    const onDragOver = (event: DragEvent) => {
      const at = tileOf(event.target);
      const effect = event.dataTransfer ? dropEffectFor(event.dataTransfer.types) : null;
      if (!at || effect === null) return mark(null);
      event.preventDefault();
      event.dataTransfer!.dropEffect = effect;
      mark(at.element);
    };
    const onDragLeave = (event: DragEvent) => {
      if (marked && !(event.relatedTarget instanceof Node && marked.contains(event.relatedTarget))) mark(null);
    };
    const onDrop = (event: DragEvent) => {
      mark(null);
      const at = tileOf(event.target);
      if (!at || !event.dataTransfer) return;
      event.preventDefault();
      const action = dropAction(event.dataTransfer, { screenId: at.screenId, cell: at.cell });
      if (action) latest.current(action);
    };
    const onDragEnd = () => mark(null);
    const onDoubleClick = (event: MouseEvent) => {
      const at = tileOf(event.target);
      if (at) latest.current({ type: 'maximize.toggle', screenId: at.screenId, cell: at.cell });
    };

    document.addEventListener('dragstart', onDragStart);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('dragleave', onDragLeave);
    document.addEventListener('drop', onDrop);
    document.addEventListener('dragend', onDragEnd);
    document.addEventListener('dblclick', onDoubleClick);
    return () => {
      document.removeEventListener('dragstart', onDragStart);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', onDrop);
      document.removeEventListener('dragend', onDragEnd);
      document.removeEventListener('dblclick', onDoubleClick);
    };
  }, []);
}
