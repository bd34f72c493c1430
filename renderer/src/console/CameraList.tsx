import { useDeferredValue, useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../common/site/siteSchema';
import type { Screen } from '../../../common/wall/wallSchema';
import { writeCameraDrag } from '../wall/dragData';
import { searchCameras } from './cameraSearch';

/** Rows drawn at once; a city site may have thousands of cameras, and a search narrows them. */
const MAX_ROWS = 300;

export interface CameraListProps {
  cameras: readonly Camera[];
  target: Screen | undefined;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Double-click or Enter on a camera: show it in the target screen's selected tile. */
  onAssign: (cameraId: string) => void;
}

/** The camera list: search by number, name or tag; drag a camera onto a tile, or double-click it. */
export function CameraList({ cameras, target, searchRef, onAssign }: CameraListProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const results = useMemo(() => searchCameras(cameras, deferred), [cameras, deferred]);
  const shownAt = useMemo(() => {
    const at = new Map<string, number[]>();
    target?.tiles.forEach((tile, i) => {
      if (tile.kind === 'camera') at.set(tile.cameraId, [...(at.get(tile.cameraId) ?? []), i]);
    });
    return at;
  }, [target]);

  return (
    <section className="panel camera-list" data-panel="cameras" aria-label={t('console.cameras.title')}>
      <header className="panel__header">
        <h2>{t('console.cameras.title')}</h2>
        <span className="panel__count">{t('console.cameras.count', { shown: results.length, total: cameras.length })}</span>
      </header>
      <div className="camera-list__search">
        <input
          ref={searchRef}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter in the search shows the best match; Esc clears the search and hands the keyboard back.
            if (e.key === 'Enter' && results[0]) onAssign(results[0].id);
            if (e.key === 'Escape') {
              setQuery('');
              e.currentTarget.blur();
            }
          }}
          placeholder={t('console.cameras.search')}
          aria-label={t('console.cameras.search')}
          data-camera-search
          spellCheck={false}
        />
      </div>
      <ul className="camera-list__rows" role="listbox" aria-label={t('console.cameras.title')}>
        {results.slice(0, MAX_ROWS).map((camera) => {
          const cells = shownAt.get(camera.id);
          return (
            <li
              key={camera.id}
              className="camera-row"
              role="option"
              aria-selected={false}
              draggable
              data-camera-id={camera.id}
              data-camera-number={camera.number}
              title={t('console.cameras.rowHint')}
              onDragStart={(e) => writeCameraDrag(e.dataTransfer, camera)}
              onDoubleClick={() => onAssign(camera.id)}
            >
              <span className="camera-row__number">{camera.number}</span>
              <span className="camera-row__main">
                <span className="camera-row__name">{camera.name}</span>
                {camera.tags.length > 0 ? (
                  <span className="camera-row__tags">
                    {camera.tags.map((tag) => (
                      <span key={tag} className="tag">
                        {tag}
                      </span>
                    ))}
                  </span>
                ) : null}
              </span>
              {cells ? (
                <span className="camera-row__shown" title={t('console.cameras.shownHint', { tiles: cells.map((c) => c + 1).join(', ') })}>
                  {cells.map((c) => c + 1).join(',')}
                </span>
              ) : null}
            </li>
          );
        })}
        {results.length === 0 ? <li className="camera-list__empty">{t('console.cameras.none')}</li> : null}
        {results.length > MAX_ROWS ? <li className="camera-list__empty">{t('console.cameras.more', { count: results.length - MAX_ROWS })}</li> : null}
      </ul>
    </section>
  );
}
