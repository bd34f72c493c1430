import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import { formatPosition } from '../../../common/training/exerciseClock';
import type { ClientScreen, ClientTile, ExerciseState } from '../../../common/training/exerciseRun';
import { activeInjects, crossedInjects } from '../../../common/training/injects';
import { keyOf, resolveShortcuts } from '../keyboard/shortcuts';
import { BookmarkForm } from './BookmarkForm';
import { ClipPlayer, type ClipStatus } from './clipPlayer';
import { exerciseClientFor, usePosition, useExerciseState, type ExerciseClient } from './exerciseClient';
import { ExerciseBanner } from './ExerciseBanner';
import { playInjectSound } from './sounds';
import { categoryName } from './trainingText';
import './training.css';
import { keyLikeOf } from '../keyboard/keyEvent';

/** The sync loop's period: ten corrections a second keeps a tile within a frame or two. */
const SYNC_PERIOD_MS = 100;

export interface ExerciseMode {
  client: ExerciseClient;
  state: ExerciseState | null;
  /** An exercise is on the wall: every screen shows it instead of live cameras. */
  active: boolean;
}

/** For the wall window: whether an exercise is on the wall, and its client. */
export function useExerciseMode(api: WallApi): ExerciseMode {
  const client = useMemo(() => exerciseClientFor(api), [api]);
  const state = useExerciseState(client);
  return { client, state, active: state !== null && state.phase !== 'idle' && state.exercise !== null };
}

/** Keys typed into a field (or a menu) belong to it, not to the wall. */
function isFieldKey(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.closest('[data-exercise-form]') !== null);
}

/** The bookmark key as the operator configured it (the same key as on the live wall). */
function useBookmarkShortcut(api: WallApi): string {
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void api.call('settings.get', {}).then((r) => {
      if (live && r.ok) setOverrides(r.value.shortcuts);
    });
    const off = api.on('settings.changed', (settings) => setOverrides(settings.shortcuts));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return useMemo(() => resolveShortcuts(overrides).keyOf['bookmark.create'] || 'B', [overrides]);
}

const TRAINEE_KEY = (screenId: string) => `atalaya.exercise.trainee.${screenId}`;

/**
 * Who is at this window. `?trainee=<id>` in the URL fixes it (a display PC per trainee); else the
 * trainee picks their name in the banner, remembered by this browser for this screen; with a
 * single trainee there is nothing to pick.
 */
function useTrainee(state: ExerciseState | null, screenId: string): [string | null, (id: string) => void] {
  const fromUrl = useMemo(() => new URLSearchParams(location.search).get('trainee'), []);
  const [chosen, setChosen] = useState<string | null>(() => fromUrl ?? localStorage.getItem(TRAINEE_KEY(screenId)));
  const trainees = state?.trainees ?? [];
  const valid = chosen !== null && trainees.some((t) => t.id === chosen) ? chosen : trainees.length === 1 ? trainees[0]!.id : null;
  const choose = useCallback(
    (id: string) => {
      setChosen(id);
      localStorage.setItem(TRAINEE_KEY(screenId), id);
    },
    [screenId],
  );
  return [valid, choose];
}

interface PlayerEntry {
  index: number;
  cameraId: string;
  player: ClipPlayer;
}

declare global {
  interface Window {
    /** Read by tests and for diagnosis: the exercise position and each tile's media state. */
    __atalayaExercise?: { position: () => number; tiles: () => Array<{ index: number; cameraId: string; exerciseTime: number; currentTime: number; rate: number; seeking: boolean; paused: boolean; readyState: number }> };
  }
}

/** One wall screen while an exercise runs: the exercise's grid of recorded clips, on one clock. */
export function ExerciseWall({ api, mode, screenId }: { api: WallApi; mode: ExerciseMode; screenId: string }) {
  const { t, i18n } = useTranslation();
  const { client } = mode;
  const state = mode.state!;
  const exercise = state.exercise!;
  const screen = exercise.screens.find((s) => s.id === screenId) ?? null;
  const position = usePosition(client, 250);
  const [traineeId, setTrainee] = useTrainee(state, screenId);
  const [selected, setSelected] = useState<number[]>([]);
  const [form, setForm] = useState<{ atS: number; cameraIds: string[]; placement: 'top' | 'bottom' } | null>(null);
  const [pickTrainee, setPickTrainee] = useState(false);
  const [flash, setFlash] = useState<{ id: number; text: string; kind: 'ok' | 'problem' } | null>(null);
  const players = useRef(new Map<number, PlayerEntry>());
  const bookmarkKey = useBookmarkShortcut(api);

  // The sync loop: every tile of this window corrects against the same reading of the clock.
  const syncAll = useCallback(() => {
    const s = client.get();
    if (!s || !s.exercise) return;
    const positionS = client.position();
    const playing = s.phase === 'running' && s.clock.playing;
    for (const entry of players.current.values()) entry.player.tick(positionS, playing, s.clock.speed);
  }, [client]);
  useEffect(() => {
    const timer = setInterval(syncAll, SYNC_PERIOD_MS);
    // A seek or speed change is applied at once, not at the next period.
    const unsubscribe = client.subscribe(syncAll);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [client, syncAll]);

  useEffect(() => {
    window.__atalayaExercise = {
      position: () => client.position(),
      tiles: () =>
        [...players.current.values()].map(({ index, cameraId, player }) => ({
          index,
          cameraId,
          exerciseTime: player.exerciseTime(),
          currentTime: player.video.currentTime,
          rate: player.video.playbackRate,
          seeking: player.video.seeking,
          paused: player.video.paused,
          readyState: player.video.readyState,
        })),
    };
    return () => {
      delete window.__atalayaExercise;
    };
  }, [client]);

  const register = useCallback((entry: PlayerEntry) => {
    players.current.set(entry.index, entry);
    syncAll();
    return () => {
      if (players.current.get(entry.index) === entry) players.current.delete(entry.index);
    };
  }, [syncAll]);

  // Injects reached while playing are announced with their sound; a seek over them is silent.
  const lastPosition = useRef(position);
  useEffect(() => {
    const from = lastPosition.current;
    lastPosition.current = position;
    if (state.phase !== 'running' || !state.clock.playing) return;
    for (const inject of crossedInjects(exercise.injects, from, position, 3 * state.clock.speed)) playInjectSound(inject.sound);
  }, [position, state.phase, state.clock.playing, state.clock.speed, exercise.injects]);

  const show = useCallback((text: string, kind: 'ok' | 'problem') => setFlash({ id: Date.now(), text, kind }), []);
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), 4000);
    return () => clearTimeout(timer);
  }, [flash]);

  const openForm = useCallback(() => {
    if (state.phase !== 'running') {
      show(state.phase === 'ended' ? t('training.wall.endedNoBookmark') : t('training.wall.notStarted'), 'problem');
      return;
    }
    if (!screen || selected.length === 0) {
      show(t('training.wall.selectFirst', { key: bookmarkKey }), 'problem');
      return;
    }
    const cameraIds = selected.flatMap((i) => (screen.tiles[i] ? [screen.tiles[i]!.cameraId] : []));
    if (cameraIds.length === 0) return;
    // The form goes on the half of the screen away from the first selected tile, never over it.
    const row = Math.floor(selected[0]! / screen.cols);
    const placement = row < screen.rows / 2 ? 'bottom' : 'top';
    setForm({ atS: client.position(), cameraIds, placement });
    if (!traineeId) setPickTrainee(true);
  }, [state.phase, screen, selected, client, traineeId, show, t, bookmarkKey]);

  // The wall's keys while an exercise runs. Captured before the live wall's keyboard, which must
  // not act on the (hidden) live wall meanwhile.
  const latest = useRef({ openForm, form, screen, bookmarkKey });
  latest.current = { openForm, form, screen, bookmarkKey };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing || isFieldKey(event.target)) return;
      const { openForm: open, form: openNow, screen: shown, bookmarkKey: key } = latest.current;
      const pressed = keyOf(keyLikeOf(event));
      if (pressed === key) {
        event.preventDefault();
        event.stopPropagation();
        if (!openNow && !event.repeat) open();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length === 1 || ['Enter', 'Escape', 'Backspace', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) {
        event.preventDefault();
        event.stopPropagation();
      }
      if (openNow) return;
      if (event.key === 'Escape') setSelected([]);
      else if (shown && event.key.startsWith('Arrow')) {
        const cells = shown.rows * shown.cols;
        const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -shown.cols, ArrowDown: shown.cols }[event.key] ?? 0;
        setSelected((current) => [(((current[0] ?? 0) + step) % cells + cells) % cells]);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const select = useCallback((index: number, add: boolean) => {
    setSelected((current) => (add ? (current.includes(index) ? current.filter((i) => i !== index) : [...current, index]) : [index]));
  }, []);

  const save = useCallback(
    async (categoryId: string, note: string): Promise<string | null> => {
      if (!form) return null;
      if (!traineeId) return t('training.wall.pickTraineeFirst');
      const result = await api.call('exercises.bookmark', { traineeId, cameraIds: form.cameraIds, categoryId, note, atS: form.atS });
      if (!result.ok) return result.error.message;
      setForm(null);
      show(t('training.wall.saved', { time: formatPosition(result.value.atS) }), 'ok');
      return null;
    },
    [api, form, traineeId, show, t],
  );

  const labels = useMemo(() => new Map(exercise.screens.flatMap((s) => s.tiles.flatMap((tile) => (tile ? [[tile.cameraId, tile.label] as const] : [])))), [exercise]);
  const injects = activeInjects(exercise.injects, position);
  const language = i18n.language;

  return (
    <div className="exercise-wall" data-exercise-phase={state.phase}>
      <ExerciseBanner state={state} position={position} bookmarkKey={bookmarkKey} traineeId={traineeId} onTrainee={(id) => { setTrainee(id); setPickTrainee(false); }} pickTrainee={pickTrainee} />
      {screen ? (
        <ExerciseGrid screen={screen} selected={selected} onSelect={select} register={register} />
      ) : (
        <div className="app-message exercise-wall__unused">{t('training.wall.screenUnused', { id: screenId })}</div>
      )}
      {injects.length > 0 ? (
        <div className="exercise-injects" aria-live="assertive">
          {injects.map((inject) => (
            <div key={inject.id} className={`exercise-inject exercise-inject--${inject.kind}`} role={inject.kind === 'alert' ? 'alert' : 'status'} data-inject={inject.id}>
              <div className="exercise-inject__head">
                {inject.kind === 'alert' ? t('training.inject.alert') : t('training.inject.message')} · {formatPosition(inject.atS)}
              </div>
              <div className="exercise-inject__text">{inject.text}</div>
              {inject.location ? (
                <div className="exercise-inject__where">
                  {t('training.inject.location')}: {inject.location.label ? `${inject.location.label} ` : ''}({inject.location.lat.toFixed(5)}, {inject.location.lng.toFixed(5)})
                </div>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      {form ? (
        <BookmarkForm
          placement={form.placement}
          atS={form.atS}
          cameras={form.cameraIds.map((id) => labels.get(id) ?? id)}
          categories={exercise.categories.map((c) => ({ id: c.id, name: categoryName(c, language), colour: c.colour }))}
          needsTrainee={!traineeId}
          onSave={save}
          onCancel={() => setForm(null)}
        />
      ) : null}
      {flash ? (
        <div key={flash.id} className={`exercise-flash exercise-flash--${flash.kind}`} role="status">
          {flash.text}
        </div>
      ) : null}
    </div>
  );
}

const ExerciseGrid = memo(function ExerciseGrid({ screen, selected, onSelect, register }: { screen: ClientScreen; selected: number[]; onSelect: (index: number, add: boolean) => void; register: (entry: PlayerEntry) => () => void }) {
  const cells = Array.from({ length: screen.rows * screen.cols }, (_, i) => screen.tiles[i] ?? null);
  return (
    <div className="wall-grid exercise-grid" data-screen={screen.id} style={{ gridTemplateRows: `repeat(${screen.rows}, 1fr)`, gridTemplateColumns: `repeat(${screen.cols}, 1fr)` }}>
      {cells.map((tile, index) => (
        <div key={index} className="wall-cell">
          <ExerciseTile tile={tile} index={index} selected={selected.includes(index)} onSelect={onSelect} register={register} />
        </div>
      ))}
    </div>
  );
});

function ExerciseTile({ tile, index, selected, onSelect, register }: { tile: ClientTile | null; index: number; selected: boolean; onSelect: (index: number, add: boolean) => void; register: (entry: PlayerEntry) => () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<ClipStatus>({ kind: 'loading' });
  const url = tile?.clip.url;
  const format = tile?.clip.format;
  const offsetS = tile?.clip.offsetS ?? 0;
  const cameraId = tile?.cameraId;

  useEffect(() => {
    if (!box.current || !url || !format || !cameraId) return;
    const player = new ClipPlayer(box.current, url, format, offsetS, setStatus);
    const unregister = register({ index, cameraId, player });
    return () => {
      unregister();
      player.destroy();
    };
  }, [url, format, offsetS, cameraId, index, register]);

  return (
    <div
      className={`tile exercise-tile${selected ? ' tile--selected' : ''}`}
      data-exercise-tile={index}
      data-camera-id={tile?.cameraId ?? ''}
      data-offset={offsetS}
      data-selected={selected ? 'true' : 'false'}
      data-status={status.kind}
      onMouseDown={(event) => onSelect(index, event.ctrlKey || event.metaKey || event.shiftKey)}
    >
      <div ref={box} className="tile__videos" />
      {tile ? (
        <div className="tile__label">
          <span className="exercise-tile__badge">{t('training.wall.badge')}</span> {tile.label}
        </div>
      ) : (
        <div className="tile__empty">{t('tile.empty')}</div>
      )}
      {tile && status.kind !== 'ok' ? (
        <div className={`tile__state exercise-tile__state--${status.kind}`} role="status">
          {status.kind === 'loading' ? t('training.tile.loading') : status.kind === 'error' ? t('training.tile.error', { detail: status.detail }) : status.reason === 'before' ? t('training.tile.before') : t('training.tile.after')}
        </div>
      ) : null}
    </div>
  );
}
