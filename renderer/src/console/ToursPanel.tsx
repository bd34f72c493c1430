import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import { MAX_DWELL_S, MIN_DWELL_S, type Screen, type Tour } from '../../../common/wall/wallSchema';
import { CAMERA_MIME, writeTourDrag } from '../wall/dragData';
import { dispatchWall } from './consoleSupport';
import { StatusLine } from './LayoutsPanel';
import { moveItem, parseCameraNumbers, tourDraftProblems, type TourDraft } from './tourDraft';

export interface ToursPanelProps {
  api: WallApi;
  screen: Screen | undefined;
  tours: readonly Tour[];
  cameras: readonly Camera[];
  /** May create, change and delete tours (supervisors); operators put existing tours on tiles. */
  canEdit: boolean;
}

type Status = { kind: 'ok' | 'error'; text: string } | null;

/** A new tour's dwell: long enough to take in a scene, short enough to keep moving. */
const DEFAULT_DWELL_S = 10;
const EMPTY_DRAFT: TourDraft = { name: '', cameraIds: [], dwellS: DEFAULT_DWELL_S };

/**
 * Tours: a tile cycling through cameras, each shown for the dwell (main's tour runner keeps
 * every window in step and pauses a tour while its tile is selected). Run one on the selected
 * tile, drag one onto any tile, and (supervisors) write them.
 */
export function ToursPanel({ api, screen, tours, cameras, canEdit }: ToursPanelProps) {
  const { t } = useTranslation();
  const byId = useMemo(() => new Map(cameras.map((c) => [c.id, c])), [cameras]);
  const byNumber = useMemo(() => new Map(cameras.map((c) => [c.number, c])), [cameras]);
  const [draft, setDraft] = useState<TourDraft>(EMPTY_DRAFT);
  const [dwellText, setDwellText] = useState(String(DEFAULT_DWELL_S));
  const [numbers, setNumbers] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [listStatus, setListStatus] = useState<Status>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);

  const edit = (tour: Tour | null) => {
    setDraft(tour ? { id: tour.id, name: tour.name, cameraIds: [...tour.cameraIds], dwellS: tour.dwellS } : EMPTY_DRAFT);
    setDwellText(String(tour?.dwellS ?? DEFAULT_DWELL_S));
    setStatus(null);
  };

  const addNumbers = () => {
    const { numbers: parsed, bad } = parseCameraNumbers(numbers);
    const unknown = parsed.filter((n) => !byNumber.has(n));
    const ids = parsed.flatMap((n) => {
      const camera = byNumber.get(n);
      return camera ? [camera.id] : [];
    });
    setDraft((d) => ({ ...d, cameraIds: [...d.cameraIds, ...ids] }));
    if (bad.length > 0 || unknown.length > 0) setStatus({ kind: 'error', text: t('tours.notAdded', { items: [...bad, ...unknown.map(String)].join(', ') }) });
    else {
      setStatus(null);
      setNumbers('');
    }
  };

  const problems = tourDraftProblems(draft);
  const save = async () => {
    if (problems.length > 0) return;
    const tour = { name: draft.name.trim(), cameraIds: draft.cameraIds, dwellS: draft.dwellS, ...(draft.id !== undefined && { id: draft.id }) };
    const error = await dispatchWall(api, { type: 'tour.upsert', tour });
    if (error !== null) return setStatus({ kind: 'error', text: error });
    setStatus({ kind: 'ok', text: t('tours.saved', { name: tour.name }) });
    if (draft.id === undefined) edit(null);
  };

  const list = async (action: Parameters<typeof dispatchWall>[1], ok: string) => {
    const error = await dispatchWall(api, action);
    setListStatus(error === null ? { kind: 'ok', text: ok } : { kind: 'error', text: error });
  };

  return (
    <div className="tours-panel">
      <section className="subpanel">
        <h3>{t('tours.title')}</h3>
        {tours.length === 0 ? <p className="muted">{t('tours.none')}</p> : null}
        <ul className="saved-list" data-tours>
          {tours.map((tour) => (
            <li key={tour.id} className={`saved-row${draft.id === tour.id ? ' saved-row--current' : ''}`} draggable onDragStart={(e) => writeTourDrag(e.dataTransfer, tour)} data-tour-id={tour.id} title={t('tours.dragHint')}>
              <span className="saved-row__name">{tour.name}</span>
              <span className="badge">{t('tours.summary', { count: tour.cameraIds.length, seconds: tour.dwellS })}</span>
              <span className="saved-row__actions">
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={!screen}
                  onClick={() => screen && void list({ type: 'tile.assign', screenId: screen.id, cell: screen.selected, tile: { kind: 'tour', tourId: tour.id } }, t('tours.running', { name: tour.name, tile: screen.selected + 1 }))}
                >
                  {t('tours.runOnTile', { tile: (screen?.selected ?? 0) + 1 })}
                </button>
                {canEdit ? (
                  <>
                    <button type="button" className="btn btn--small" onClick={() => edit(tour)}>
                      {t('tours.edit')}
                    </button>
                    {confirmDelete === tour.id ? (
                      <button
                        type="button"
                        className="btn btn--small btn--danger"
                        onBlur={() => setConfirmDelete(null)}
                        onClick={() => {
                          setConfirmDelete(null);
                          if (draft.id === tour.id) edit(null);
                          void list({ type: 'tour.delete', tourId: tour.id }, t('tours.deleted', { name: tour.name }));
                        }}
                      >
                        {t('tours.confirmDelete')}
                      </button>
                    ) : (
                      <button type="button" className="btn btn--small" onClick={() => setConfirmDelete(tour.id)}>
                        {t('tours.delete')}
                      </button>
                    )}
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
        <StatusLine status={listStatus} />
      </section>

      {canEdit ? (
        <section className="subpanel tour-editor" data-tour-editor>
          <h3>{draft.id !== undefined ? t('tours.editing', { name: draft.name }) : t('tours.new')}</h3>
          <div className="form-row">
            <input value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} placeholder={t('tours.name')} aria-label={t('tours.name')} maxLength={80} data-tour-name />
            <label>
              {t('tours.dwell')}
              <input
                type="number"
                min={MIN_DWELL_S}
                max={MAX_DWELL_S}
                step={1}
                className="input--narrow"
                value={dwellText}
                onChange={(e) => {
                  setDwellText(e.target.value);
                  setDraft((d) => ({ ...d, dwellS: Number(e.target.value) }));
                }}
                data-tour-dwell
              />
            </label>
          </div>
          <form
            className="form-row"
            onSubmit={(e) => {
              e.preventDefault();
              addNumbers();
            }}
          >
            <input value={numbers} onChange={(e) => setNumbers(e.target.value)} placeholder={t('tours.addNumbers')} aria-label={t('tours.addNumbers')} data-tour-numbers />
            <button type="submit" className="btn">
              {t('tours.add')}
            </button>
          </form>
          <ol
            className={`tour-cameras${dropping ? ' tour-cameras--drop' : ''}`}
            onDragOver={(e) => {
              if (!e.dataTransfer.types.includes(CAMERA_MIME)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
              setDropping(true);
            }}
            onDragLeave={() => setDropping(false)}
            onDrop={(e) => {
              setDropping(false);
              const id = e.dataTransfer.getData(CAMERA_MIME);
              if (!byId.has(id)) return;
              e.preventDefault();
              setDraft((d) => ({ ...d, cameraIds: [...d.cameraIds, id] }));
            }}
            data-tour-cameras
          >
            {draft.cameraIds.length === 0 ? <li className="muted tour-cameras__empty">{t('tours.dropHere')}</li> : null}
            {draft.cameraIds.map((id, i) => {
              const camera = byId.get(id);
              return (
                <li key={`${id}-${i}`} className="tour-camera">
                  <span className="camera-row__number">{camera?.number ?? '?'}</span>
                  <span className="tour-camera__name">{camera?.name ?? id}</span>
                  <button type="button" className="btn btn--icon" onClick={() => setDraft((d) => ({ ...d, cameraIds: moveItem(d.cameraIds, i, -1) }))} disabled={i === 0} aria-label={t('tours.moveUp')} title={t('tours.moveUp')}>
                    ↑
                  </button>
                  <button type="button" className="btn btn--icon" onClick={() => setDraft((d) => ({ ...d, cameraIds: moveItem(d.cameraIds, i, 1) }))} disabled={i === draft.cameraIds.length - 1} aria-label={t('tours.moveDown')} title={t('tours.moveDown')}>
                    ↓
                  </button>
                  <button type="button" className="btn btn--icon" onClick={() => setDraft((d) => ({ ...d, cameraIds: d.cameraIds.filter((_, j) => j !== i) }))} aria-label={t('tours.remove')} title={t('tours.remove')}>
                    ✕
                  </button>
                </li>
              );
            })}
          </ol>
          {problems.length > 0 && (draft.name !== '' || draft.cameraIds.length > 0) ? (
            <ul className="problems">
              {problems.map((p) => (
                <li key={p}>{t(`tours.problem.${p}`, { min: MIN_DWELL_S, max: MAX_DWELL_S })}</li>
              ))}
            </ul>
          ) : null}
          <div className="form-row">
            <button type="button" className="btn btn--primary" disabled={problems.length > 0} onClick={() => void save()} data-tour-save>
              {t('tours.save')}
            </button>
            {draft.id !== undefined || draft.cameraIds.length > 0 || draft.name !== '' ? (
              <button type="button" className="btn" onClick={() => edit(null)}>
                {t('tours.new')}
              </button>
            ) : null}
          </div>
          <StatusLine status={status} />
        </section>
      ) : null}
    </div>
  );
}
