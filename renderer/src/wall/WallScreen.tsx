import { useMemo } from 'react';
import type { LoadedSite } from '../../../common/contract/contract';
import type { Camera } from '../../../common/site/siteSchema';
import type { Screen } from '../../../common/wall/wallSchema';
import { Tile } from './Tile';

export interface WallScreenProps {
  screen: Screen;
  site: LoadedSite;
  onSelect: (cell: number) => void;
}

/** One screen of the wall: its layout's grid, each cell a live tile. */
export function WallScreen({ screen, site, onSelect }: WallScreenProps) {
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
        const cameraId = tile?.kind === 'camera' ? tile.cameraId : undefined;
        const camera = cameraId ? cameras.get(cameraId) : undefined;
        const hidden = maximized !== null && maximized !== index;
        const area =
          maximized === index
            ? { gridRow: `1 / span ${layout.rows}`, gridColumn: `1 / span ${layout.cols}` }
            : { gridRow: `${cell.row + 1} / span ${cell.rowSpan}`, gridColumn: `${cell.col + 1} / span ${cell.colSpan}` };
        return (
          <div key={index} className="wall-cell" style={{ ...area, display: hidden ? 'none' : undefined }}>
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
