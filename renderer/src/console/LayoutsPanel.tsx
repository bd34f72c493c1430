import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import { exportLayoutFile } from '../../../common/wall/layoutFile';
import { MAX_IMPORT_CHARS } from '../../../common/wall/wallActions';
import { MAX_DWELL_S, MIN_DWELL_S, type SavedLayout, type Screen } from '../../../common/wall/wallSchema';
import { savedLayoutsInOrder, showsSavedLayout } from '../keyboard/layoutSteps';
import { dispatchWall, downloadText, fileNameFor } from './consoleSupport';
import { LayoutGlyph } from './LayoutGlyph';

export interface LayoutsPanelProps {
  api: WallApi;
  screen: Screen;
  layouts: readonly SavedLayout[];
  /** May save shared layouts and set layout cycles (supervisors). */
  canShare: boolean;
  canSavePersonal: boolean;
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

/** Default dwell of a new layout cycle: long enough to take in a full screen of cameras. */
const DEFAULT_CYCLE_DWELL_S = 30;

/**
 * Saved layouts for the target screen: apply, export, delete; save what the screen shows;
 * import a layout file (a malformed file shows main's reason and changes nothing); and the
 * screen's layout cycle.
 */
export function LayoutsPanel({ api, screen, layouts, canShare, canSavePersonal }: LayoutsPanelProps) {
  const { t } = useTranslation();
  const ordered = savedLayoutsInOrder(layouts);
  const [saveName, setSaveName] = useState('');
  const [saveShared, setSaveShared] = useState(false);
  const [saveStatus, setSaveStatus] = useState<Status>(null);
  const [importShared, setImportShared] = useState(false);
  const [importName, setImportName] = useState('');
  const [importStatus, setImportStatus] = useState<Status>(null);
  const [rowStatus, setRowStatus] = useState<Status>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const cycle = screen.layoutCycle;
  const [cycleIds, setCycleIds] = useState<string[]>(cycle?.layoutIds ?? []);
  const [cycleDwell, setCycleDwell] = useState(String(cycle?.dwellS ?? DEFAULT_CYCLE_DWELL_S));
  const [cycleStatus, setCycleStatus] = useState<Status>(null);
  const cycleKey = cycle ? `${cycle.layoutIds.join(',')}/${cycle.dwellS}` : '';
  // Follow a cycle changed elsewhere (another console, a layout deleted).
  useEffect(() => {
    setCycleIds(cycle?.layoutIds ?? []);
    if (cycle) setCycleDwell(String(cycle.dwellS));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cycleKey, screen.id]);

  const run = async (action: Parameters<typeof dispatchWall>[1], setStatus: (s: Status) => void, ok: string) => {
    const error = await dispatchWall(api, action);
    setStatus(error === null ? { kind: 'ok', text: ok } : { kind: 'error', text: error });
    return error === null;
  };

  const save = async () => {
    const name = saveName.trim();
    if (name === '') return setSaveStatus({ kind: 'error', text: t('layouts.nameNeeded') });
    if (await run({ type: 'layout.save', name, shared: canShare && saveShared, source: { kind: 'screen', screenId: screen.id } }, setSaveStatus, t('layouts.saved', { name }))) setSaveName('');
  };

  const importFile = async (file: File) => {
    if (file.size > MAX_IMPORT_CHARS * 4) return setImportStatus({ kind: 'error', text: t('layouts.importTooBig') });
    const text = await file.text();
    if (text.length > MAX_IMPORT_CHARS) return setImportStatus({ kind: 'error', text: t('layouts.importTooBig') });
    const name = importName.trim();
    const ok = await run({ type: 'layout.import', text, shared: canShare && importShared, ...(name !== '' && { name }) }, setImportStatus, t('layouts.imported', { file: file.name }));
    if (ok) setImportName('');
  };

  const exportScreen = () => {
    const name = screen.name.trim() || t('app.screen', { id: screen.id });
    downloadText(fileNameFor(name, 'json'), exportLayoutFile({ id: 'screen', name, shared: false, layout: screen.layout, tiles: screen.tiles }));
  };

  const toggleCycle = (id: string) => setCycleIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const dwell = Number(cycleDwell);
  const dwellOk = Number.isInteger(dwell) && dwell >= MIN_DWELL_S && dwell <= MAX_DWELL_S;

  return (
    <div className="layouts-panel">
      <section className="subpanel">
        <h3>{t('layouts.listTitle')}</h3>
        {ordered.length === 0 ? <p className="muted">{t('layouts.none')}</p> : null}
        <ul className="saved-list" data-saved-layouts>
          {ordered.map((saved) => {
            const showing = showsSavedLayout(screen, saved);
            const inCycle = cycleIds.indexOf(saved.id);
            return (
              <li key={saved.id} className={`saved-row${showing ? ' saved-row--current' : ''}`} data-layout-id={saved.id} data-layout-name={saved.name}>
                {canShare ? (
                  <label className="saved-row__cycle" title={t('layouts.cycle.include')}>
                    <input type="checkbox" checked={inCycle !== -1} onChange={() => toggleCycle(saved.id)} aria-label={t('layouts.cycle.include')} />
                    {inCycle !== -1 ? <span className="saved-row__order">{inCycle + 1}</span> : null}
                  </label>
                ) : null}
                <LayoutGlyph layout={saved.layout} />
                <span className="saved-row__name">{saved.name}</span>
                <span className={`badge ${saved.shared ? 'badge--shared' : 'badge--personal'}`}>{saved.shared ? t('layouts.shared') : t('layouts.personal')}</span>
                <span className="badge">{saved.tiles ? t('layouts.view') : t('layouts.grid')}</span>
                <span className="saved-row__actions">
                  <button type="button" className="btn btn--small" onClick={() => void run({ type: 'screen.setLayout', screenId: screen.id, layout: { kind: 'saved', layoutId: saved.id } }, setRowStatus, t('layouts.applied', { name: saved.name }))}>
                    {t('layouts.apply')}
                  </button>
                  <button type="button" className="btn btn--small" onClick={() => downloadText(fileNameFor(saved.name, 'json'), exportLayoutFile(saved))}>
                    {t('layouts.export')}
                  </button>
                  {(saved.shared ? canShare : canSavePersonal) ? (
                    confirmDelete === saved.id ? (
                      <button
                        type="button"
                        className="btn btn--small btn--danger"
                        onClick={() => {
                          setConfirmDelete(null);
                          void run({ type: 'layout.delete', layoutId: saved.id }, setRowStatus, t('layouts.deleted', { name: saved.name }));
                        }}
                        onBlur={() => setConfirmDelete(null)}
                      >
                        {t('layouts.confirmDelete')}
                      </button>
                    ) : (
                      <button type="button" className="btn btn--small" onClick={() => setConfirmDelete(saved.id)}>
                        {t('layouts.delete')}
                      </button>
                    )
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
        <StatusLine status={rowStatus} />
      </section>

      {canShare && ordered.length >= 2 ? (
        <section className="subpanel" data-layout-cycle>
          <h3>{t('layouts.cycle.title', { screen: screen.id })}</h3>
          <p className="muted">{cycle ? t('layouts.cycle.running', { count: cycle.layoutIds.length, seconds: cycle.dwellS }) : t('layouts.cycle.hint')}</p>
          <div className="form-row">
            <label>
              {t('layouts.cycle.dwell')}
              <input type="number" min={MIN_DWELL_S} max={MAX_DWELL_S} step={1} value={cycleDwell} onChange={(e) => setCycleDwell(e.target.value)} className="input--narrow" />
            </label>
            <button
              type="button"
              className="btn btn--primary"
              disabled={cycleIds.length < 2 || !dwellOk}
              onClick={() => void run({ type: 'screen.setLayoutCycle', screenId: screen.id, cycle: { layoutIds: cycleIds, dwellS: dwell } }, setCycleStatus, t('layouts.cycle.started'))}
            >
              {cycle ? t('layouts.cycle.update') : t('layouts.cycle.start')}
            </button>
            {cycle ? (
              <button type="button" className="btn" onClick={() => void run({ type: 'screen.setLayoutCycle', screenId: screen.id, cycle: null }, setCycleStatus, t('layouts.cycle.stopped'))}>
                {t('layouts.cycle.stop')}
              </button>
            ) : null}
          </div>
          {!dwellOk ? <p className="status status--error">{t('layouts.cycle.dwellRange', { min: MIN_DWELL_S, max: MAX_DWELL_S })}</p> : null}
          <StatusLine status={cycleStatus} />
        </section>
      ) : null}

      {canSavePersonal ? (
        <section className="subpanel">
          <h3>{t('layouts.saveTitle', { screen: screen.id })}</h3>
          <form
            className="form-row"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <input value={saveName} onChange={(e) => setSaveName(e.target.value)} placeholder={t('layouts.name')} aria-label={t('layouts.name')} maxLength={80} data-layout-save-name />
            {canShare ? (
              <label className="check">
                <input type="checkbox" checked={saveShared} onChange={(e) => setSaveShared(e.target.checked)} />
                {t('layouts.sharedOption')}
              </label>
            ) : null}
            <button type="submit" className="btn btn--primary">
              {t('layouts.save')}
            </button>
          </form>
          <StatusLine status={saveStatus} />
        </section>
      ) : null}

      <section className="subpanel">
        <h3>{t('layouts.importExport')}</h3>
        <div className="form-row">
          {canSavePersonal ? (
            <>
              <input
                ref={fileRef}
                type="file"
                accept=".json,application/json"
                hidden
                data-layout-import
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importFile(file);
                }}
              />
              <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
                {t('layouts.import')}
              </button>
              <input value={importName} onChange={(e) => setImportName(e.target.value)} placeholder={t('layouts.importName')} aria-label={t('layouts.importName')} maxLength={80} />
              {canShare ? (
                <label className="check">
                  <input type="checkbox" checked={importShared} onChange={(e) => setImportShared(e.target.checked)} />
                  {t('layouts.sharedOption')}
                </label>
              ) : null}
            </>
          ) : null}
          <button type="button" className="btn" onClick={exportScreen}>
            {t('layouts.exportScreen', { screen: screen.id })}
          </button>
        </div>
        <StatusLine status={importStatus} data="import" />
      </section>
    </div>
  );
}

export function StatusLine({ status, data }: { status: Status; data?: string }) {
  if (status === null) return null;
  return (
    <pre className={`status status--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-status={data} data-import-error={data === 'import' && status.kind === 'error' ? '' : undefined}>
      {status.text}
    </pre>
  );
}
