import { useMemo } from 'react';
import type { LoadedSite } from '../../../common/contract/contract';
import type { Camera } from '../../../common/site/siteSchema';
import type { Screen } from '../../../common/wall/wallSchema';
import type { AppSnapshot } from '../app/appStore';
import { Tile } from './Tile';

export interface WallScreenProps {
  screen: Screen;
  site: LoadedSite;
  tours: AppSnapshot['tours'];
  onSelect: (cell: number) => void;
}

/** One screen of the wall: its layout's grid, each cell a live tile. */
export function WallScreen({ screen, site, tours, onSelect }: WallScreenProps) {
  const cameras = useMemo(() => new Map<string, Camera>(site.site.cameras.map((c) => [c.id, c])), [site]);
  const { layout } = screen;
  const maximized = screen.maximized;
  return (
    <div
      className="wall-grid"
      data-screen={screen.id}
      style={{ gridTemplateRows: `repeat(${layout.rows}, 1fr)`, gridTemplateColumns: `repeat(${layout.cols}, 1fr)` }}
    >
      {layout.cells.map((cell, index) => {
        const tile = screen.tiles[index];
        // A tour tile shows whichever camera main's tour runner says it shows now.
        const cameraId = tile?.kind === 'camera' ? tile.cameraId : tile?.kind === 'tour' ? tours.find((v) => v.screenId === screen.id && v.cell === index)?.cameraId : undefined;
        const camera = cameraId ? cameras.get(cameraId) : undefined;
        const hidden = maximized !== null && maximized !== index;
        const area =
          maximized === index
            ? { gridRow: `1 / span ${layout.rows}`, gridColumn: `1 / span ${layout.cols}` }
            : { gridRow: `${cell.row + 1} / span ${cell.rowSpan}`, gridColumn: `${cell.col + 1} / span ${cell.colSpan}` };
        return (
          // Draggable so a tile can be dropped on another to swap them (see useTileDragDrop).
          <div key={index} className="wall-cell" draggable style={{ ...area, display: hidden ? 'none' : undefined }}>
            <Tile
              id={`${screen.id}:${index}`}
              index={index}
              camera={camera}
              missingCameraId={cameraId && !camera ? cameraId : undefined}
              simulatorBase={site.simulatorBase}
              selected={screen.selected === index}
              maximized={maximized === index}
              onSelect={onSelect}
            />
          </div>
        );
      })}
    </div>
  );
}
