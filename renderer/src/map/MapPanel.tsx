import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload, LoadedSite } from '../../../common/contract/contract';
import type { EditHistory } from '../../../common/contract/methods/map';
import type { WallApi } from '../../../common/contract/wallApi';
import type { PlacementChange, CameraPlacement } from '../../../common/map/cameraPlacement';
import { coveringNearestFirst } from '../../../common/map/mapMetric';
import { layoutForCount, MAX_SEND, planAssign, planSendAll } from '../../../common/map/wallFill';
import type { Camera, LatLng, MapSettings } from '../../../common/site/siteSchema';
import type { WallAction } from '../../../common/wall/wallActions';
import type { WallState } from '../../../common/wall/wallSchema';
import { BookmarkLayerControls } from './BookmarkLayer';
import { LivePreview } from './LivePreview';
import { installLiveStatusReporter } from './liveStatusReporter';
import { MapView, type Surface } from './mapView';
import { useLiveStatus } from './useLiveStatus';
import './map.css';

export interface MapPanelProps {
  api: WallApi;
  site: LoadedSite;
  wall: WallState;
  /** The wall screen the map works with: its selected tile is highlighted, clicks send cameras there. */
  screenId: string;
  /** Open on this place instead of the site's centre (a map window on a wall display). */
  initialView?: { center?: LatLng; zoom?: number };
  /** Whether the operator may point the map at another screen (the console: yes; a map screen: no). */
  screenSelectable?: boolean;
}

interface Coverage {
  point: LatLng;
  cameras: Array<{ camera: Camera; distance: number }>;
}

const STREET = 'street';

type TourTiles = EventPayload<'wall.tours'>['tiles'];

/** The camera a screen's selected tile shows, if it shows one (for a tour, the camera it is on). */
function selectedCameraId(wall: WallState, screenId: string, tours: TourTiles): string | null {
  const screen = wall.screens.find((s) => s.id === screenId);
  const tile = screen?.tiles[screen.selected];
  if (tile?.kind === 'camera') return tile.cameraId;
  if (tile?.kind === 'tour') return tours.find((t) => t.screenId === screenId && t.cell === screen?.selected)?.cameraId ?? null;
  return null;
}

/** What each touring tile shows now, pushed by main as tours step. */
function useTourTiles(api: WallApi): TourTiles {
  const [tiles, setTiles] = useState<TourTiles>([]);
  useEffect(() => {
    let alive = true;
    const off = api.on('wall.tours', (next) => setTiles(next.tiles));
    void api.call('wall.tours', {}).then((result) => {
      if (alive && result.ok) setTiles(result.value.tiles);
    });
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return tiles;
}

/**
 * The map of the site's cameras, linked to the wall both ways: the selected tile's camera is
 * highlighted and brought into view; a marker click calls the camera to the selected tile; a click
 * anywhere lists the cameras that see that point, nearest first, and can send them all to the wall.
 * Hovering a marker shows a small live preview. Supervisors can move cameras and set their view.
 */
export function MapPanel({ api, site, wall, screenId, initialView, screenSelectable = true }: MapPanelProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<MapView | null>(null);
  const [surfaceId, setSurfaceId] = useState<string>(STREET);
  const [linkedScreen, setLinkedScreen] = useState(screenId);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [hover, setHover] = useState<{ camera: Camera; at: { x: number; y: number } } | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const [canEdit, setCanEdit] = useState(false);
  const [history, setHistory] = useState<EditHistory | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  /** Grows each time the Leaflet map is (re)made, so the effects below re-apply their state to it. */
  const [viewGen, setViewGen] = useState(0);
  const live = useLiveStatus(api);
  const tourTiles = useTourTiles(api);

  useEffect(() => setLinkedScreen(screenId), [screenId]);
  useEffect(() => installLiveStatusReporter(api), [api]);

  const floors = site.site.map.floors;
  // A camera edit makes a new site object; only a change to the map settings makes a new map.
  const mapKey = useMemo(() => JSON.stringify(site.site.map), [site.site.map]);
  const surface: Surface = useMemo(() => {
    const floor = (JSON.parse(mapKey) as MapSettings).floors.find((f) => f.id === surfaceId);
    return floor ? { kind: 'floor', floor } : { kind: 'street' };
  }, [mapKey, surfaceId]);
  const cameras = site.site.cameras;
  const screen = wall.screens.find((s) => s.id === linkedScreen);
  const selectedId = selectedCameraId(wall, linkedScreen, tourTiles);

  // Everything the Leaflet callbacks read, current without re-creating the map.
  const latest = useRef({ api, wall, linkedScreen, cameras, t });
  latest.current = { api, wall, linkedScreen, cameras, t };

  const say = useCallback((kind: 'info' | 'error', text: string) => setMessage({ kind, text }), []);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), message.kind === 'error' ? 8000 : 3500);
    return () => clearTimeout(timer);
  }, [message]);

  /** Wall actions one after another; the first refusal stops the rest and is shown. */
  const dispatchAll = useCallback(
    async (actions: WallAction[]): Promise<boolean> => {
      for (const action of actions) {
        const result = await latest.current.api.call('wall.dispatch', { action });
        if (!result.ok) {
          say('error', latest.current.t('map.wallRefused', { message: result.error.message }));
          return false;
        }
      }
      return true;
    },
    [say],
  );

  const sendCamera = useCallback(
    async (camera: Camera, shift: boolean) => {
      const { wall: w, linkedScreen: target } = latest.current;
      const current = w.screens.find((s) => s.id === target);
      if (!current) {
        say('error', latest.current.t('map.noScreen', { id: target }));
        return;
      }
      const actions = planAssign(current, camera.id, shift ? 'nextFree' : 'selected');
      const cell = actions[0]?.type === 'tile.assign' ? actions[0].cell : current.selected;
      if (await dispatchAll(actions)) say('info', latest.current.t('map.assigned', { number: camera.number, screen: target, tile: cell + 1 }));
    },
    [dispatchAll, say],
  );

  const saveEdit = useCallback(
    async (camera: Camera, change: PlacementChange, base: CameraPlacement) => {
      const result = await latest.current.api.call('map.editCamera', { cameraId: camera.id, change, base });
      if (result.ok) {
        setHistory(result.value.history);
        say('info', latest.current.t('map.edit.saved', { number: camera.number }));
      } else {
        say('error', latest.current.t('map.edit.failed', { message: result.error.message }));
        // Put the marker back where main says the camera is.
        viewRef.current?.setCameras(latest.current.cameras);
      }
    },
    [say],
  );

  // The map itself: made once per surface (street map or a floor) and per site.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const view = new MapView({
      container,
      settings: JSON.parse(mapKey) as MapSettings,
      surface,
      cameras: latest.current.cameras,
      ...(initialView && surface.kind === 'street' ? { view: initialView } : {}),
      callbacks: {
        cameraClick: (camera, { shift }) => void sendCamera(camera, shift),
        mapClick: (point) => {
          const found = coveringNearestFirst(view.metric, view.camerasOnSurface(latest.current.cameras), point);
          setCoverage({ point, cameras: found });
        },
        cameraHover: (camera, at) => setHover(camera && at ? { camera, at } : null),
        editCamera: (camera, change, base) => void saveEdit(camera, change, base),
        editTarget: () => setHover(null),
        problem: (text) => say('error', latest.current.t('map.problem', { message: text })),
      },
    });
    viewRef.current = view;
    setViewGen((g) => g + 1);
    const observer = new ResizeObserver(([entry]) => entry && setSize({ width: entry.contentRect.width, height: entry.contentRect.height }));
    observer.observe(container);
    return () => {
      observer.disconnect();
      view.destroy();
      viewRef.current = null;
    };
    // initialView is read once, when the window opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [surface, site.source, mapKey, sendCamera, saveEdit, say]);

  useEffect(() => viewRef.current?.setCameras(cameras), [cameras, viewGen]);
  useEffect(() => viewRef.current?.setLiveStates(live.cameras), [live, viewGen]);
  useEffect(() => viewRef.current?.setEditing(editing), [editing, viewGen]);

  // Selecting a tile highlights its camera and brings it into view, on its floor if it has one.
  const selectedCamera = cameras.find((c) => c.id === selectedId);
  const selectedSurface = selectedCamera ? (selectedCamera.floor ?? STREET) : null;
  useEffect(() => {
    if (selectedSurface !== null && selectedSurface !== surfaceId && (selectedSurface === STREET || floors.some((f) => f.id === selectedSurface))) {
      setSurfaceId(selectedSurface);
    }
    // Only when the selection changes: the operator may then look at another floor freely.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);
  // The map opens on the site's (or the URL's) view and moves only when the selection changes:
  // a map opened zoomed out for an overview is not zoomed in on whatever tile is selected.
  const noPanFor = useRef<string | null | undefined>(selectedId);
  useEffect(() => {
    if (noPanFor.current !== undefined && noPanFor.current !== selectedId) noPanFor.current = undefined;
    viewRef.current?.setSelected(selectedId, noPanFor.current === undefined);
  }, [selectedId, viewGen]);

  useEffect(() => {
    viewRef.current?.setCoverage(coverage?.point ?? null, coverage?.cameras.map((c) => c.camera.id) ?? []);
  }, [coverage, viewGen]);
  useEffect(() => setCoverage(null), [surface]);

  // Whether this user may edit: the UI hides what main would refuse anyway.
  useEffect(() => {
    let alive = true;
    void api.call('auth.status', {}).then((result) => {
      if (alive) setCanEdit(result.ok && result.value.permissions.includes('camera.edit'));
    });
    void api.call('map.history', {}).then((result) => {
      if (alive && result.ok) setHistory(result.value);
    });
    const off = api.on('map.historyChanged', (next) => setHistory(next));
    return () => {
      alive = false;
      off();
    };
  }, [api, site.source]);

  const undoRedo = useCallback(
    async (which: 'map.undo' | 'map.redo') => {
      const result = await latest.current.api.call(which, {});
      if (result.ok) setHistory(result.value.history);
      else say('error', latest.current.t('map.edit.failed', { message: result.error.message }));
    },
    [say],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.target instanceof HTMLTextAreaElement) return;
      if (event.key === 'Escape') {
        setCoverage(null);
        if (editing) setEditing(false);
      }
      if (editing && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        void undoRedo(event.shiftKey ? 'map.redo' : 'map.undo');
      } else if (editing && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'y') {
        event.preventDefault();
        void undoRedo('map.redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing, undoRedo]);

  const sendAll = useCallback(async () => {
    if (!coverage || !screen) return;
    const plan = planSendAll(screen, coverage.cameras.map((c) => c.camera.id));
    if (await dispatchAll(plan.actions)) say('info', t('map.coverage.sent', { count: plan.placed.length, screen: screen.id, layout: plan.preset }));
  }, [coverage, screen, dispatchAll, say, t]);

  const states = live.cameras;
  const readOnly = history?.readOnly ?? null;
  const cameraNumber = (id: string | undefined) => cameras.find((c) => c.id === id)?.number ?? id ?? '';

  return (
    <div className={`map-panel${editing ? ' map-panel--editing' : ''}`} data-panel="map" data-cameras={cameras.length} data-linked-screen={linkedScreen}>
      <div className="map-toolbar" role="toolbar" aria-label={t('map.title')}>
        {screenSelectable ? (
          <label className="map-toolbar__field">
            {t('map.linkedScreen')}{' '}
            <select value={linkedScreen} onChange={(e) => setLinkedScreen(e.target.value)} data-control="linked-screen">
              {wall.screens.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name || t('app.screen', { id: s.id })}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="map-toolbar__field">{t('app.screen', { id: linkedScreen })}</span>
        )}
        {floors.length > 0 ? (
          <div className="map-toolbar__group" role="group" aria-label={t('map.floors')} data-control="floors">
            {[{ id: STREET, name: t('map.streetMap') }, ...floors].map((f) => (
              <button key={f.id} type="button" aria-pressed={surfaceId === f.id} className={surfaceId === f.id ? 'is-active' : ''} data-surface={f.id} onClick={() => setSurfaceId(f.id)}>
                {f.name}
              </button>
            ))}
          </div>
        ) : null}
        <BookmarkLayerControls api={api} view={viewRef} viewGen={viewGen} cameras={cameras} />
        <div className="map-legend" aria-label={t('map.legend.title')}>
          {(['live', 'degraded', 'offline', 'unknown'] as const).map((state) => (
            <span key={state} className={`map-legend__item map-legend__item--${state}`}>
              {t(`map.legend.${state}`)}
            </span>
          ))}
        </div>
        <div className="map-toolbar__spacer" />
        {canEdit ? (
          <div className="map-toolbar__group" data-control="edit">
            <button
              type="button"
              aria-pressed={editing}
              className={editing ? 'is-active' : ''}
              disabled={readOnly !== null}
              title={readOnly ?? t('map.edit.hint')}
              onClick={() => setEditing((e) => !e)}
              data-action="edit"
            >
              {editing ? t('map.edit.done') : t('map.edit.toggle')}
            </button>
            {editing ? (
              <>
                <button
                  type="button"
                  disabled={!history?.undo}
                  title={history?.nextUndo ? t('map.edit.undoHint', { camera: cameraNumber(history.nextUndo.cameraId), actor: history.nextUndo.actor }) : t('map.edit.undo')}
                  onClick={() => void undoRedo('map.undo')}
                  data-action="undo"
                >
                  {t('map.edit.undo')}
                </button>
                <button
                  type="button"
                  disabled={!history?.redo}
                  title={history?.nextRedo ? t('map.edit.redoHint', { camera: cameraNumber(history.nextRedo.cameraId), actor: history.nextRedo.actor }) : t('map.edit.redo')}
                  onClick={() => void undoRedo('map.redo')}
                  data-action="redo"
                >
                  {t('map.edit.redo')}
                </button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="map-panel__body">
        <div className="map-panel__map" ref={containerRef} data-map-surface={surfaceId} />
        {editing ? <div className="map-hint">{t('map.edit.hint')}</div> : null}
        {!screen ? <div className="map-hint map-hint--warning">{t('map.noScreen', { id: linkedScreen })}</div> : null}
        {coverage ? (
          <section className="map-coverage" data-panel="coverage" aria-label={t('map.coverage.title', { count: coverage.cameras.length })}>
            <header className="map-coverage__header">
              <span>{coverage.cameras.length > 0 ? t('map.coverage.title', { count: coverage.cameras.length }) : t('map.coverage.none')}</span>
              <button type="button" className="map-coverage__close" onClick={() => setCoverage(null)} aria-label={t('map.coverage.close')}>
                ×
              </button>
            </header>
            {coverage.cameras.length > 0 ? (
              <>
                <ol className="map-coverage__list">
                  {coverage.cameras.map(({ camera, distance }) => (
                    <li key={camera.id} data-camera-id={camera.id} data-camera-number={camera.number}>
                      <button type="button" onClick={(e) => void sendCamera(camera, e.shiftKey)} title={t('map.coverage.sendOne')}>
                        <span className={`map-dot map-dot--${states[camera.id] ?? 'unknown'}`} />
                        <strong>{camera.number}</strong>
                        <span className="map-coverage__name">{camera.name}</span>
                        <span className="map-coverage__distance">{t('map.coverage.distance', { metres: Math.round(distance) })}</span>
                      </button>
                    </li>
                  ))}
                </ol>
                <button type="button" className="map-coverage__send" data-action="send-all" disabled={!screen} onClick={() => void sendAll()}>
                  {t('map.coverage.sendAll', { screen: linkedScreen, layout: layoutForCount(coverage.cameras.length) })}
                </button>
                {coverage.cameras.length > MAX_SEND ? <p className="map-coverage__note">{t('map.coverage.capped', { max: MAX_SEND })}</p> : null}
              </>
            ) : null}
          </section>
        ) : null}
        {hover && !editing ? <LivePreview key={hover.camera.id} camera={hover.camera} at={hover.at} simulatorBase={site.simulatorBase} bounds={size} /> : null}
        {message ? (
          <div className={`map-message map-message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </div>
        ) : null}
      </div>
    </div>
  );
}
