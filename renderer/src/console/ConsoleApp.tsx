import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import type { WallAction } from '../../../common/wall/wallActions';
import type { Screen } from '../../../common/wall/wallSchema';
import type { AppStore } from '../app/appStore';
import { LanguagePicker } from '../app/LanguagePicker';
import { ViewLinks } from '../app/ViewLinks';
import { IncidentsPanel } from '../bookmarks/IncidentsPanel';
import { WallBookmarks } from '../bookmarks/WallBookmarks';
import { KeyboardOverlay } from '../keyboard/KeyboardOverlay';
import { currentPreset } from '../keyboard/layoutSteps';
import { useWallKeyboard } from '../keyboard/useWallKeyboard';
import { MapPanel } from '../map/MapPanel';
import { CameraList } from './CameraList';
import { usePermissions } from './consoleSupport';
import { LayoutEditor } from './LayoutEditor';
import { LayoutsPanel } from './LayoutsPanel';
import { PresetBar } from './PresetBar';
import { ScreenSchematic } from './ScreenSchematic';
import { ShortcutEditor } from './ShortcutEditor';
import { ToursPanel } from './ToursPanel';

type Tab = 'layouts' | 'editor' | 'tours' | 'shortcuts';
const TABS: readonly Tab[] = ['layouts', 'editor', 'tours', 'shortcuts'];

/**
 * The operator console (`?view=console&screen=N`): drives the wall without showing video.
 * Camera list on the left; in the middle every screen in miniature, the target screen's
 * schematic (click, double-click, drop targets), its layout presets and the layout, tour and
 * shortcut tools; on the right the map and the incidents. The keyboard works here as on a wall
 * window, on the target screen; `*` and `/` (or a click on a miniature) change the target.
 */
export function ConsoleApp({ api, store, screenId }: { api: WallApi; store: AppStore; screenId: string }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const searchRef = useRef<HTMLInputElement>(null);
  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  const keyboard = useWallKeyboard({ api, store, context: 'console', homeScreenId: screenId, focusSearch });
  const permissions = usePermissions(api);
  const [tab, setTab] = useState<Tab>('layouts');
  const { dispatch: dispatchAction, target, targetId } = keyboard;
  const dispatch = useCallback((action: WallAction) => void dispatchAction(action), [dispatchAction]);

  // The address names the target screen, so a reload or a bookmark comes back to it.
  useEffect(() => {
    const url = new URL(location.href);
    if (url.searchParams.get('screen') === targetId) return;
    url.searchParams.set('screen', targetId);
    history.replaceState(history.state, '', url);
  }, [targetId]);

  useEffect(() => {
    document.title = `${t('app.title')} — ${t('console.title')}`;
  }, [t]);

  const cameras = useMemo(() => new Map<string, Camera>(snapshot.site?.site.cameras.map((c) => [c.id, c]) ?? []), [snapshot.site]);
  const screens = useMemo(() => [...(snapshot.wall?.state.screens ?? [])].sort((a, b) => Number(a.id) - Number(b.id)), [snapshot.wall]);

  if (!snapshot.site || !snapshot.wall) return <div className="app-message">{t('app.loading')}</div>;
  const wall = snapshot.wall.state;
  const canShare = permissions?.has('layout.shared.write') ?? false;
  const canSavePersonal = permissions?.has('layout.personal.write') ?? false;
  const screenLabel = (s: Screen) => (s.name.trim() !== '' ? s.name : t('app.screen', { id: s.id }));

  return (
    <div className="console" data-console data-target-screen={targetId}>
      <header className="console__header">
        <span className="brand">{t('app.title')}</span>
        <span className="console__title">{t('console.title')}</span>
        <nav className="screen-picker" aria-label={t('console.target.label')}>
          <span className="screen-picker__label">{t('console.target.label')}</span>
          <select className="select" value={targetId} onChange={(e) => keyboard.setTarget(e.target.value)} aria-label={t('console.target.label')} data-target-select>
            {screens.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} · {screenLabel(s)}
              </option>
            ))}
          </select>
        </nav>
        <span className="console__spacer" />
        {snapshot.site.demo ? (
          <span className="console__demo" title={t('app.demoHint')}>
            {t('app.demo')}
          </span>
        ) : null}
        <ViewLinks api={api} screenId={targetId} />
        <LanguagePicker api={api} store={store} />
        <span className={`conn ${snapshot.connected ? 'conn--ok' : 'conn--lost'}`} role="status">
          {snapshot.connected ? t('console.connected') : t('app.connectionLost')}
        </span>
        <button type="button" className="btn" onClick={() => keyboard.setHelpOpen(!keyboard.helpOpen)} title={t('keyboard.commands.help.toggle.description')} data-help-button>
          <kbd>?</kbd> {t('keyboard.help.title')}
        </button>
      </header>

      {snapshot.notices.length > 0 ? (
        <div className="console__notices">
          {snapshot.notices.map((notice) => (
            <div key={notice.at} className={`notice-inline notice-inline--${notice.level}`} role="alert">
              <pre>{notice.message}</pre>
              <button type="button" className="btn btn--small" onClick={() => store.dismissNotice(notice.at)}>
                {t('notice.dismiss')}
              </button>
            </div>
          ))}
        </div>
      ) : null}

      <CameraList cameras={snapshot.site.site.cameras} target={target} searchRef={searchRef} onAssign={(cameraId) => target && dispatch({ type: 'tile.assign', screenId: target.id, cell: target.selected, tile: { kind: 'camera', cameraId } })} />

      <main className="console__wall" aria-label={t('console.wall.title')}>
        <div className="screens-strip" role="list" aria-label={t('console.wall.screens')}>
          {screens.map((s) => (
            <div key={s.id} role="listitem" className={`screens-strip__item${s.id === targetId ? ' screens-strip__item--active' : ''}`} data-strip-screen={s.id}>
              <button type="button" className="screens-strip__label" onClick={() => keyboard.setTarget(s.id)} aria-pressed={s.id === targetId}>
                {screenLabel(s)}
              </button>
              <ScreenSchematic screen={s} cameras={cameras} tours={wall.tours} tourTiles={snapshot.tours} variant="mini" dispatch={dispatch} active={s.id === targetId} onActivate={() => keyboard.setTarget(s.id)} />
            </div>
          ))}
        </div>

        {target ? (
          <>
            <div className="target-bar">
              <h2 className="target-bar__title" data-target-title>
                {screenLabel(target)}
              </h2>
              <span className="target-bar__meta">
                {t('console.wall.layoutInfo', { layout: currentPreset(target.layout) ?? target.layout.name ?? `${target.layout.rows}×${target.layout.cols}`, tiles: target.layout.cells.length })}
                {target.layoutCycle ? ` · ${t('layouts.cycle.running', { count: target.layoutCycle.layoutIds.length, seconds: target.layoutCycle.dwellS })}` : ''}
              </span>
              <PresetBar screen={target} dispatch={dispatch} />
            </div>
            <ScreenSchematic screen={target} cameras={cameras} tours={wall.tours} tourTiles={snapshot.tours} variant="full" dispatch={dispatch} />
            <SelectionBar screen={target} cameras={cameras} dispatch={dispatch} />
          </>
        ) : (
          <div className="app-message">{t('app.noScreen', { id: targetId })}</div>
        )}

        <div className="tabs" role="tablist" aria-label={t('console.tools')}>
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} className={`tab${tab === id ? ' tab--active' : ''}`} onClick={() => setTab(id)} data-tab={id}>
              {t(`console.tabs.${id}`)}
              {(id === 'editor' || id === 'tours') && canShare ? <span className="tab__role">{t('console.supervisor')}</span> : null}
            </button>
          ))}
        </div>
        <div className="tab-panel" role="tabpanel">
          {tab === 'layouts' && target ? <LayoutsPanel api={api} screen={target} layouts={wall.layouts} canShare={canShare} canSavePersonal={canSavePersonal} /> : null}
          {tab === 'editor' && target ? <LayoutEditor key={target.id} api={api} screen={target} canShare={canShare} /> : null}
          {tab === 'tours' ? <ToursPanel api={api} screen={target} tours={wall.tours} cameras={snapshot.site.site.cameras} canEdit={canShare} /> : null}
          {tab === 'shortcuts' ? <ShortcutEditor api={api} overrides={snapshot.settings?.shortcuts ?? {}} /> : null}
        </div>
      </main>

      <aside className="console__side">
        <section className="panel console__map" aria-label={t('console.map')}>
          <MapPanel api={api} site={snapshot.site} wall={wall} screenId={targetId} />
        </section>
        <IncidentsPanel api={api} store={store} screenId={targetId} />
      </aside>

      <KeyboardOverlay keyboard={keyboard} showTarget={false} />
      <WallBookmarks api={api} store={store} screenId={targetId} context="console" />
    </div>
  );
}

/** The target screen's selected tile and what can be done to it. */
function SelectionBar({ screen, cameras, dispatch }: { screen: Screen; cameras: ReadonlyMap<string, Camera>; dispatch: (action: WallAction) => void }) {
  const { t } = useTranslation();
  const tile = screen.tiles[screen.selected];
  const camera = tile?.kind === 'camera' ? cameras.get(tile.cameraId) : undefined;
  const maximized = screen.maximized === screen.selected;
  return (
    <div className="selection-bar" data-selection-bar>
      <span className="selection-bar__tile">{t('console.wall.tile', { tile: screen.selected + 1 })}</span>
      <span className="selection-bar__what">
        {camera ? (
          <>
            <span className="camera-row__number">{camera.number}</span> {camera.name}
          </>
        ) : tile?.kind === 'tour' ? (
          t('console.wall.tourTile')
        ) : (
          <span className="muted">{t('tile.empty')}</span>
        )}
      </span>
      <button type="button" className="btn btn--small" onClick={() => dispatch({ type: 'maximize.toggle', screenId: screen.id, cell: screen.selected })}>
        {maximized ? t('console.wall.restore') : t('console.wall.maximize')}
      </button>
      <button type="button" className="btn btn--small" disabled={tile?.kind === 'empty'} onClick={() => dispatch({ type: 'tile.clear', screenId: screen.id, cell: screen.selected })}>
        {t('console.wall.clear')}
      </button>
    </div>
  );
}
