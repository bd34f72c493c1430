import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import { exportLayoutFile } from '../../../common/wall/layoutFile';
import { MAX_GRID, mergeCells, presetLayout, type GridRect } from '../../../common/wall/layoutMath';
import type { Layout, Screen } from '../../../common/wall/wallSchema';
import { PRESETS_BY_TILES } from '../keyboard/layoutSteps';
import { dispatchWall, downloadText, fileNameFor } from './consoleSupport';
import { cellsWithin, growToCells, rectBetween, resizeGrid, splitWithin, type GridPoint } from './layoutEditorModel';
import { StatusLine } from './LayoutsPanel';

export interface LayoutEditorProps {
  api: WallApi;
  screen: Screen;
  canShare: boolean;
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

const unnamed = (layout: Layout): Layout => ({ rows: layout.rows, cols: layout.cols, cells: layout.cells });

/**
 * The supervisor's layout editor: a grid of up to 8 × 8; drag across cells to select a
 * rectangle (it grows to whole cells), merge it into one tile or split merged tiles back, then
 * name and save the grid (shared or personal), put it on the screen, or export it as a file.
 */
export function LayoutEditor({ api, screen, canShare }: LayoutEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Layout>(() => unnamed(screen.layout));
  const [selection, setSelection] = useState<GridRect | null>(null);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const anchor = useRef<GridPoint | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const pointAt = (event: PointerEvent): GridPoint | null => {
    const box = gridRef.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return null;
    const col = Math.floor(((event.clientX - box.left) / box.width) * draft.cols);
    const row = Math.floor(((event.clientY - box.top) / box.height) * draft.rows);
    return { row: Math.max(0, Math.min(draft.rows - 1, row)), col: Math.max(0, Math.min(draft.cols - 1, col)) };
  };

  const replace = (layout: Layout) => {
    setDraft(layout);
    setSelection(null);
    setStatus(null);
  };

  const selected = selection ? cellsWithin(draft, selection) : [];
  const canMerge = selected.length >= 2;
  const canSplit = selected.some((i) => draft.cells[i]!.rowSpan > 1 || draft.cells[i]!.colSpan > 1);

  const merge = () => {
    if (!selection) return;
    const result = mergeCells(draft, selection);
    if (result.ok) replace(result.layout);
    else setStatus({ kind: 'error', text: result.message });
  };
  const split = () => {
    if (!selection) return;
    const result = splitWithin(draft, selection);
    if (result.ok) replace(result.layout);
  };

  const run = async (action: Parameters<typeof dispatchWall>[1], ok: string) => {
    const error = await dispatchWall(api, action);
    setStatus(error === null ? { kind: 'ok', text: ok } : { kind: 'error', text: error });
  };
  const trimmed = name.trim();

  return (
    <div className="layout-editor" data-layout-editor>
      <div className="layout-editor__canvas">
        <div
          ref={gridRef}
          className="editor-grid"
          style={{ gridTemplateRows: `repeat(${draft.rows}, 1fr)`, gridTemplateColumns: `repeat(${draft.cols}, 1fr)` }}
          onPointerDown={(e) => {
            const at = pointAt(e);
            if (!at) return;
            e.currentTarget.setPointerCapture?.(e.pointerId);
            anchor.current = at;
            setSelection(growToCells(draft, rectBetween(at, at)));
          }}
          onPointerMove={(e) => {
            const at = pointAt(e);
            if (anchor.current && at) setSelection(growToCells(draft, rectBetween(anchor.current, at)));
          }}
          onPointerUp={() => (anchor.current = null)}
          onPointerCancel={() => (anchor.current = null)}
        >
          {draft.cells.map((cell, i) => (
            <div
              key={i}
              className={`editor-grid__cell${selected.includes(i) ? ' editor-grid__cell--selected' : ''}${cell.rowSpan > 1 || cell.colSpan > 1 ? ' editor-grid__cell--merged' : ''}`}
              style={{ gridRow: `${cell.row + 1} / span ${cell.rowSpan}`, gridColumn: `${cell.col + 1} / span ${cell.colSpan}` }}
              data-editor-cell={i}
            >
              {i + 1}
            </div>
          ))}
        </div>
        <p className="muted layout-editor__hint">{t('layouts.editor.hint')}</p>
      </div>

      <div className="layout-editor__tools">
        <div className="form-row">
          <label>
            {t('layouts.editor.rows')}
            <input type="number" min={1} max={MAX_GRID} value={draft.rows} onChange={(e) => replace(resizeGrid(draft, Number(e.target.value) || 1, draft.cols))} className="input--narrow" />
          </label>
          <span aria-hidden>×</span>
          <label>
            {t('layouts.editor.cols')}
            <input type="number" min={1} max={MAX_GRID} value={draft.cols} onChange={(e) => replace(resizeGrid(draft, draft.rows, Number(e.target.value) || 1))} className="input--narrow" />
          </label>
          <span className="muted">{t('layouts.editor.tiles', { count: draft.cells.length })}</span>
        </div>
        <div className="form-row">
          <button type="button" className="btn btn--primary" disabled={!canMerge} onClick={merge} data-editor-merge>
            {t('layouts.editor.merge')}
          </button>
          <button type="button" className="btn" disabled={!canSplit} onClick={split} data-editor-split>
            {t('layouts.editor.split')}
          </button>
          <select
            className="select"
            value=""
            onChange={(e) => {
              if (e.target.value === 'screen') replace(unnamed(screen.layout));
              else if (e.target.value !== '') replace(unnamed(presetLayout(e.target.value as (typeof PRESETS_BY_TILES)[number])));
            }}
            aria-label={t('layouts.editor.startFrom')}
          >
            <option value="">{t('layouts.editor.startFrom')}</option>
            <option value="screen">{t('layouts.editor.fromScreen', { screen: screen.id })}</option>
            {PRESETS_BY_TILES.map((id) => (
              <option key={id} value={id}>
                {t('layouts.editor.fromPreset', { preset: id })}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('layouts.name')} aria-label={t('layouts.name')} maxLength={80} data-editor-name />
          {canShare ? (
            <label className="check">
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
              {t('layouts.sharedOption')}
            </label>
          ) : null}
        </div>
        <div className="form-row">
          <button
            type="button"
            className="btn btn--primary"
            disabled={trimmed === ''}
            onClick={() => void run({ type: 'layout.save', name: trimmed, shared: canShare && shared, source: { kind: 'layout', layout: draft } }, t('layouts.saved', { name: trimmed }))}
            data-editor-save
          >
            {t('layouts.editor.save')}
          </button>
          <button type="button" className="btn" onClick={() => void run({ type: 'screen.setLayout', screenId: screen.id, layout: { kind: 'explicit', layout: draft } }, t('layouts.editor.appliedTo', { screen: screen.id }))}>
            {t('layouts.editor.apply', { screen: screen.id })}
          </button>
          <button type="button" className="btn" disabled={trimmed === ''} onClick={() => downloadText(fileNameFor(trimmed, 'json'), exportLayoutFile({ id: 'draft', name: trimmed, shared: false, layout: draft }))}>
            {t('layouts.export')}
          </button>
        </div>
        <StatusLine status={status} />
      </div>
    </div>
  );
}
