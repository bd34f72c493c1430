import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../common/site/siteSchema';
import type { WallAction } from '../../../common/wall/wallActions';
import type { Screen, Tour } from '../../../common/wall/wallSchema';
import type { AppSnapshot } from '../app/appStore';
import { dropAction, dropEffectFor, writeTileDrag } from '../wall/dragData';

export interface ScreenSchematicProps {
  screen: Screen;
  cameras: ReadonlyMap<string, Camera>;
  tours: readonly Tour[];
  /** What each tour tile shows now. */
  tourTiles: AppSnapshot['tours'];
  /** 'full' is the console's picture of its target screen; 'mini' the overview of every screen. */
  variant: 'full' | 'mini';
  dispatch: (action: WallAction) => void;
  /** Clicking a mini schematic makes its screen the target. */
  onActivate?: () => void;
  active?: boolean;
}

/**
 * A screen drawn as its grid with the camera number in each cell, so the console drives a wall
 * without seeing it: click selects, double-click maximizes, a camera, tour or tile dropped on a
 * cell goes there (tiles swap), and cells drag onto other cells, other screens or wall windows.
 */
export function ScreenSchematic({ screen, cameras, tours, tourTiles, variant, dispatch, onActivate, active }: ScreenSchematicProps) {
  const { t } = useTranslation();
  const [dropAt, setDropAt] = useState<number | null>(null);
  const { layout } = screen;
  const mini = variant === 'mini';
  return (
    <div
      className={`schematic schematic--${variant}${active ? ' schematic--active' : ''}`}
      data-schematic-screen={screen.id}
      data-schematic={variant}
      style={{ gridTemplateRows: `repeat(${layout.rows}, 1fr)`, gridTemplateColumns: `repeat(${layout.cols}, 1fr)` }}
      onClick={mini ? onActivate : undefined}
    >
      {layout.cells.map((cell, index) => {
        const tile = screen.tiles[index];
        const tour = tile?.kind === 'tour' ? tours.find((x) => x.id === tile.tourId) : undefined;
        const tourShows = tile?.kind === 'tour' ? tourTiles.find((v) => v.screenId === screen.id && v.cell === index) : undefined;
        const cameraId = tile?.kind === 'camera' ? tile.cameraId : tourShows?.cameraId;
        const camera = cameraId !== undefined ? cameras.get(cameraId) : undefined;
        const selected = screen.selected === index;
        const maximized = screen.maximized === index;
        const classes = ['schematic__cell'];
        if (selected) classes.push('schematic__cell--selected');
        if (maximized) classes.push('schematic__cell--maximized');
        if (tile?.kind === 'tour') classes.push('schematic__cell--tour');
        if (!camera && tile?.kind !== 'tour') classes.push('schematic__cell--empty');
        if (dropAt === index) classes.push('schematic__cell--drop');
        const ref = { screenId: screen.id, cell: index };
        return (
          <div
            key={index}
            className={classes.join(' ')}
            style={{ gridRow: `${cell.row + 1} / span ${cell.rowSpan}`, gridColumn: `${cell.col + 1} / span ${cell.colSpan}` }}
            data-cell={index}
            data-camera-number={camera?.number ?? ''}
            data-camera-id={camera?.id ?? ''}
            data-selected={selected ? 'true' : undefined}
            title={camera ? `${camera.number} · ${camera.name}` : tour ? `${t('tours.badge')} ${tour.name}` : t('tile.empty')}
            draggable
            onDragStart={(e) => {
              e.stopPropagation();
              writeTileDrag(e.dataTransfer, ref);
            }}
            onDragOver={(e) => {
              const effect = dropEffectFor(e.dataTransfer.types);
              if (effect === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = effect;
              setDropAt(index);
            }}
            onDragLeave={() => setDropAt((at) => (at === index ? null : at))}
            onDrop={(e) => {
              e.preventDefault();
              setDropAt(null);
              const action = dropAction(e.dataTransfer, ref);
              if (action) dispatch(action);
            }}
            onClick={
              mini
                ? undefined
                : () => {
                    if (!selected) dispatch({ type: 'select', screenId: screen.id, cell: index });
                  }
            }
            onDoubleClick={mini ? undefined : () => dispatch({ type: 'maximize.toggle', screenId: screen.id, cell: index })}
          >
            {mini ? (
              camera ? <span className="schematic__number">{camera.number}</span> : null
            ) : (
              <>
                <span className="schematic__index">{index + 1}</span>
                {camera ? <span className="schematic__number">{camera.number}</span> : null}
                {tile?.kind === 'tour' ? (
                  <span className="schematic__tour">
                    {t('tours.badge')} {tour?.name ?? tile.tourId}
                    {tourShows?.paused ? ` · ${t('tours.paused')}` : ''}
                  </span>
                ) : camera ? (
                  <span className="schematic__name">{camera.name}</span>
                ) : (
                  <span className="schematic__name muted">{t('tile.empty')}</span>
                )}
                {maximized ? <span className="schematic__max">{t('console.wall.maximized')}</span> : null}
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
