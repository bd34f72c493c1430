import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseState } from '../../../common/training/exerciseRun';
import { DEFAULT_EXERCISE_CATEGORIES, INJECT_SOUNDS, type Exercise, type Incident, type Inject } from '../../../common/training/exerciseSchema';
import { formatPosition } from '../../../common/training/exerciseClock';
import type { AppStore } from '../app/appStore';
import { Timeline } from './Timeline';
import type { Call } from './TrainerApp';
import { categoryName } from './trainingText';

const NEW_EXERCISE: Exercise = {
  version: 1,
  title: '',
  description: '',
  durationS: 60,
  categories: [],
  screens: [{ id: '1', rows: 1, cols: 1, tiles: [{ cameraId: 'cam-01', clip: { src: '', offsetS: 0 } }] }],
  injects: [],
  incidents: [],
  scoring: { graceBeforeS: 0, graceAfterS: 10 },
};

const nextId = (prefix: string, taken: string[]) => {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

const num = (text: string, fallback: number) => {
  const value = Number(text);
  return Number.isFinite(value) ? value : fallback;
};

/**
 * Authoring: start from a copy of the loaded exercise (or a blank one), preview each camera's
 * footage, mark expected incidents and injects at the preview's time on the timeline, then
 * validate and save to the exercise library. Main validates exactly as when loading.
 */
export function AuthoringPanel({ call, state, store }: { call: Call; state: ExerciseState | null; store: AppStore }) {
  const { t, i18n } = useTranslation();
  const site = useSyncExternalStore(store.subscribe, store.get).site;
  const [draft, setDraft] = useState<Exercise | null>(null);
  const [preview, setPreview] = useState<{ cameraId: string; url: string; offsetS: number } | null>(null);
  const [now, setNow] = useState(0);
  const [incident, setIncident] = useState<{ cameraId: string; category: string; startS: number; endS: number; description: string }>({ cameraId: '', category: '', startS: 0, endS: 0, description: '' });
  const [inject, setInject] = useState<{ text: string; kind: Inject['kind']; sound: Inject['sound']; showS: number; useCamera: boolean }>({ text: '', kind: 'message', sound: 'none', showS: 20, useCamera: true });
  const [name, setName] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  const loaded = state !== null && state.phase !== 'idle';
  const startFromLoaded = async () => {
    const d = await call('exercises.draft', {});
    if (d) {
      setDraft(structuredClone(d.exercise));
      setName(t('training.author.copyName', { title: d.exercise.title }).replace(/[^A-Za-z0-9 _.-]/g, '').slice(0, 60));
    }
  };

  const tiles = draft ? draft.screens.flatMap((s, si) => s.tiles.flatMap((tile, ti) => (tile ? [{ si, ti, tile }] : []))) : [];
  const categories = draft?.categories ?? [];

  useEffect(() => {
    if (!draft) return;
    setIncident((cur) => ({ ...cur, cameraId: cur.cameraId || tiles[0]?.tile.cameraId || '', category: cur.category || categories[0]?.id || '' }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft?.screens, draft?.categories]);

  const openPreview = async (cameraId: string) => {
    const tile = tiles.find((x) => x.tile.cameraId === cameraId)?.tile;
    if (!tile || !tile.clip.src) return;
    const clip = await call('exercises.previewClip', { src: tile.clip.src });
    if (clip) setPreview({ cameraId, url: clip.url, offsetS: tile.clip.offsetS });
    setIncident((cur) => ({ ...cur, cameraId }));
  };

  useEffect(() => {
    const v = video.current;
    if (!v || !preview) return;
    const update = () => setNow(Math.max(0, Math.round((v.currentTime - preview.offsetS) * 10) / 10));
    v.addEventListener('timeupdate', update);
    v.addEventListener('seeked', update);
    return () => {
      v.removeEventListener('timeupdate', update);
      v.removeEventListener('seeked', update);
    };
  }, [preview]);

  if (!draft) {
    return (
      <div className="trainer__grid">
        <section className="trainer__card trainer__card--wide">
          <h2>{t('training.author.title')}</h2>
          <p className="trainer__muted">{t('training.author.intro')}</p>
          <div className="trainer__row">
            <button type="button" className="trainer__primary" disabled={!loaded} onClick={() => void startFromLoaded()} data-action="author-from-loaded">
              {t('training.author.fromLoaded')}
            </button>
            <button type="button" onClick={() => setDraft(structuredClone({ ...NEW_EXERCISE, title: t('training.author.newTitle'), categories: state?.exercise?.categories ?? DEFAULT_EXERCISE_CATEGORIES }))}>
              {t('training.author.blank')}
            </button>
          </div>
          {!loaded ? <p className="trainer__muted">{t('training.author.loadFirst')}</p> : null}
        </section>
      </div>
    );
  }

  const update = (patch: Partial<Exercise>) => setDraft({ ...draft, ...patch });
  const setTile = (si: number, ti: number, patch: Partial<NonNullable<Exercise['screens'][number]['tiles'][number]>>) =>
    update({ screens: draft.screens.map((s, i) => (i !== si ? s : { ...s, tiles: s.tiles.map((tile, k) => (k !== ti || !tile ? tile : { ...tile, ...patch })) })) });
  const seek = (s: number) => {
    if (video.current && preview) video.current.currentTime = s + preview.offsetS;
    setNow(s);
  };
  const cameraPosition = (cameraId: string) => site?.site.cameras.find((c) => c.id === cameraId);

  const addIncident = () => {
    const item: Incident = { id: nextId('I', draft.incidents.map((i) => i.id)), cameraIds: [incident.cameraId], startS: incident.startS, endS: incident.endS, category: incident.category, description: incident.description };
    update({ incidents: [...draft.incidents, item].sort((a, b) => a.startS - b.startS) });
    setIncident({ ...incident, description: '' });
  };
  const addInject = () => {
    const camera = inject.useCamera && preview ? cameraPosition(preview.cameraId) : undefined;
    const item: Inject = {
      id: nextId('J', draft.injects.map((i) => i.id)),
      atS: now,
      kind: inject.kind,
      text: inject.text,
      showS: inject.showS,
      sound: inject.sound,
      ...(camera ? { location: { lat: camera.position.lat, lng: camera.position.lng, label: camera.name } } : {}),
    };
    update({ injects: [...draft.injects, item].sort((a, b) => a.atS - b.atS) });
    setInject({ ...inject, text: '' });
  };

  const validate = async () => {
    const r = await call('exercises.validate', { exercise: draft });
    if (r) setResult({ ok: r.ok, text: r.ok ? t('training.author.valid') : r.message });
  };
  const save = async () => {
    const r = await call('exercises.save', { name, exercise: draft, overwrite });
    if (r) setResult({ ok: true, text: t('training.author.saved', { path: r.path }) });
  };

  return (
    <div className="trainer__grid" data-authoring>
      <section className="trainer__card trainer__card--wide">
        <div className="trainer__row trainer__row--spread">
          <h2>{t('training.author.title')}</h2>
          <button type="button" onClick={() => setDraft(null)}>
            {t('training.author.discard')}
          </button>
        </div>
        <div className="trainer__form">
          <label>
            {t('training.author.exerciseTitle')} <input value={draft.title} onChange={(e) => update({ title: e.target.value })} data-draft-title />
          </label>
          <label>
            {t('training.author.duration')} <input type="number" min={1} value={draft.durationS} onChange={(e) => update({ durationS: num(e.target.value, draft.durationS) })} />
          </label>
          <label className="trainer__form-wide">
            {t('training.author.description')} <textarea value={draft.description} onChange={(e) => update({ description: e.target.value })} rows={2} />
          </label>
        </div>
      </section>

      <section className="trainer__card trainer__card--wide">
        <h3>{t('training.author.tiles')}</h3>
        <table className="trainer__table">
          <thead>
            <tr>
              <th>{t('training.author.screen')}</th>
              <th>{t('training.author.camera')}</th>
              <th>{t('training.author.label')}</th>
              <th>{t('training.author.clip')}</th>
              <th>{t('training.author.offset')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tiles.map(({ si, ti, tile }) => (
              <tr key={`${si}-${ti}`}>
                <td>
                  {draft.screens[si]!.id} · {ti + 1}
                </td>
                <td>
                  <input value={tile.cameraId} onChange={(e) => setTile(si, ti, { cameraId: e.target.value })} size={8} />
                </td>
                <td>
                  <input value={tile.label ?? ''} onChange={(e) => setTile(si, ti, e.target.value ? { label: e.target.value } : { label: undefined })} />
                </td>
                <td>
                  <input value={tile.clip.src} onChange={(e) => setTile(si, ti, { clip: { ...tile.clip, src: e.target.value } })} size={28} />
                </td>
                <td>
                  <input type="number" value={tile.clip.offsetS} onChange={(e) => setTile(si, ti, { clip: { ...tile.clip, offsetS: num(e.target.value, 0) } })} size={5} />
                </td>
                <td>
                  <button type="button" onClick={() => void openPreview(tile.cameraId)} data-preview={tile.cameraId}>
                    {t('training.author.preview')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="trainer__row">
          {draft.screens.map((s, si) => (
            <span key={s.id} className="trainer__row">
              {t('training.author.grid', { screen: s.id })}
              <input type="number" min={1} max={8} value={s.rows} onChange={(e) => update({ screens: draft.screens.map((x, i) => (i === si ? { ...x, rows: num(e.target.value, x.rows) } : x)) })} size={2} />×
              <input type="number" min={1} max={8} value={s.cols} onChange={(e) => update({ screens: draft.screens.map((x, i) => (i === si ? { ...x, cols: num(e.target.value, x.cols) } : x)) })} size={2} />
              <button type="button" onClick={() => update({ screens: draft.screens.map((x, i) => (i === si ? { ...x, tiles: [...x.tiles, { cameraId: '', clip: { src: '', offsetS: 0 } }] } : x)) })}>
                {t('training.author.addTile')}
              </button>
            </span>
          ))}
        </div>
      </section>

      <section className="trainer__card trainer__card--wide">
        <h3>{t('training.author.previewTitle')}</h3>
        {preview ? (
          <video ref={video} className="trainer__preview" src={preview.url} controls muted preload="auto" data-preview-video />
        ) : (
          <p className="trainer__muted">{t('training.author.pickPreview')}</p>
        )}
        <div className="trainer__clock">
          {t('training.author.now')}: {formatPosition(now)} ({now.toFixed(1)} s)
        </div>
        <Timeline
          durationS={draft.durationS}
          positionS={now}
          markers={draft.injects.map((i) => ({ id: i.id, atS: i.atS, kind: 'inject', colour: i.kind === 'alert' ? '#f85149' : '#58a6ff', title: i.text }))}
          ranges={draft.incidents.map((i) => ({ id: i.id, startS: i.startS, endS: i.endS, colour: categories.find((c) => c.id === i.category)?.colour ?? '#888', title: `${i.id} ${i.description}` }))}
          onSeek={seek}
          label={t('training.console.timeline')}
        />
      </section>

      <section className="trainer__card">
        <h3>{t('training.author.incidents')}</h3>
        <div className="trainer__form">
          <label>
            {t('training.author.camera')}{' '}
            <select value={incident.cameraId} onChange={(e) => setIncident({ ...incident, cameraId: e.target.value })}>
              {tiles.map(({ tile }) => (
                <option key={tile.cameraId} value={tile.cameraId}>
                  {tile.label ?? tile.cameraId}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('training.console.category')}{' '}
            <select value={incident.category} onChange={(e) => setIncident({ ...incident, category: e.target.value })}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {categoryName(c, i18n.language)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('training.author.start')} <input type="number" value={incident.startS} onChange={(e) => setIncident({ ...incident, startS: num(e.target.value, 0) })} size={5} />
            <button type="button" onClick={() => setIncident({ ...incident, startS: now })}>
              {t('training.author.setNow')}
            </button>
          </label>
          <label>
            {t('training.author.end')} <input type="number" value={incident.endS} onChange={(e) => setIncident({ ...incident, endS: num(e.target.value, 0) })} size={5} />
            <button type="button" onClick={() => setIncident({ ...incident, endS: now })}>
              {t('training.author.setNow')}
            </button>
          </label>
          <label className="trainer__form-wide">
            {t('training.author.description')} <input value={incident.description} onChange={(e) => setIncident({ ...incident, description: e.target.value })} />
          </label>
          <button type="button" className="trainer__primary" onClick={addIncident}>
            {t('training.author.addIncident')}
          </button>
        </div>
        <ul className="trainer__list">
          {draft.incidents.map((i) => (
            <li key={i.id}>
              <strong>{i.id}</strong> {formatPosition(i.startS)}–{formatPosition(i.endS)} · {i.cameraIds.join(', ')} · {i.category} · {i.description}{' '}
              <button type="button" onClick={() => update({ incidents: draft.incidents.filter((x) => x.id !== i.id) })}>
                {t('training.console.remove')}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="trainer__card">
        <h3>{t('training.author.injects')}</h3>
        <div className="trainer__form">
          <label className="trainer__form-wide">
            {t('training.author.injectText')} <input value={inject.text} onChange={(e) => setInject({ ...inject, text: e.target.value })} />
          </label>
          <label>
            {t('training.author.kind')}{' '}
            <select value={inject.kind} onChange={(e) => setInject({ ...inject, kind: e.target.value as Inject['kind'] })}>
              <option value="message">{t('training.inject.message')}</option>
              <option value="alert">{t('training.inject.alert')}</option>
            </select>
          </label>
          <label>
            {t('training.author.sound')}{' '}
            <select value={inject.sound} onChange={(e) => setInject({ ...inject, sound: e.target.value as Inject['sound'] })}>
              {INJECT_SOUNDS.map((s) => (
                <option key={s} value={s}>
                  {t(`training.author.sounds.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('training.author.showFor')} <input type="number" min={1} value={inject.showS} onChange={(e) => setInject({ ...inject, showS: num(e.target.value, 20) })} size={4} />
          </label>
          <label>
            <input type="checkbox" checked={inject.useCamera} onChange={(e) => setInject({ ...inject, useCamera: e.target.checked })} /> {t('training.author.useCameraLocation')}
          </label>
          <button type="button" className="trainer__primary" disabled={inject.text.trim() === ''} onClick={addInject}>
            {t('training.author.addInject', { time: formatPosition(now) })}
          </button>
        </div>
        <ul className="trainer__list">
          {draft.injects.map((i) => (
            <li key={i.id}>
              <strong>{formatPosition(i.atS)}</strong> {i.kind === 'alert' ? `[${t('training.inject.alert')}] ` : ''}
              {i.text}{' '}
              <button type="button" onClick={() => update({ injects: draft.injects.filter((x) => x.id !== i.id) })}>
                {t('training.console.remove')}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="trainer__card trainer__card--wide">
        <h3>{t('training.author.saveTitle')}</h3>
        <div className="trainer__row">
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('training.author.fileName')} data-draft-name />
          <label>
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> {t('training.author.overwrite')}
          </label>
          <button type="button" onClick={() => void validate()}>
            {t('training.author.validate')}
          </button>
          <button type="button" className="trainer__primary" disabled={name.trim() === ''} onClick={() => void save()} data-action="save-exercise">
            {t('training.author.save')}
          </button>
        </div>
        {result ? <pre className={result.ok ? 'trainer__ok' : 'trainer__pre trainer__bad'}>{result.text}</pre> : null}
      </section>
    </div>
  );
}
