import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportedStateOf } from '../../../common/map/liveStatus';
import type { TileStatus } from '../../../common/live/tileStatus';
import type { Camera } from '../../../common/site/siteSchema';
import { resolveStreamUrl, streamsBySize } from '../../../common/site/streamUrl';
import { TilePlayer } from '../player/tilePlayer';
import { usePublishPlayerState } from './liveStatusReporter';

export interface LivePreviewProps {
  camera: Camera;
  /** Where the marker is, in the map container's pixels. */
  at: { x: number; y: number };
  simulatorBase: string | null;
  /** The container's size, to keep the preview inside it. */
  bounds: { width: number; height: number };
}

const WIDTH = 256;
const HEIGHT = 144;

/**
 * A small live picture beside a hovered marker, from the camera's smallest stream (its sub stream):
 * enough to recognise the scene before sending the camera to the wall, at a fraction of the cost.
 * The player is the wall's own (reconnects, watchdog) and is torn down as soon as the pointer leaves.
 */
export function LivePreview({ camera, at, simulatorBase, bounds }: LivePreviewProps) {
  const { t } = useTranslation();
  const boxRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<TileStatus>({ state: 'connecting' });
  const stream = streamsBySize(camera.streams)[0];
  const url = stream ? resolveStreamUrl(stream.url, simulatorBase, location.origin) : undefined;
  usePublishPlayerState('map-preview', camera.id, reportedStateOf(status.state));

  useEffect(() => {
    const box = boxRef.current;
    if (!box || !url) return;
    const player = new TilePlayer(box, { url, engine: camera.engine, config: 'tuned', keyframesOnly: false }, setStatus);
    player.start();
    return () => player.destroy();
  }, [url, camera.engine]);

  // Above the marker when there is room, else below; never past the container's sides.
  const left = Math.min(Math.max(8, at.x - WIDTH / 2), Math.max(8, bounds.width - WIDTH - 8));
  const above = at.y - HEIGHT - 48 >= 0;
  const top = above ? at.y - HEIGHT - 44 : at.y + 22;
  return (
    <div
      className="map-preview"
      data-preview-camera={camera.id}
      data-state={status.state}
      // React sets styles through the CSSOM, which the CSP allows (it forbids style attributes).
      style={{ left, top }}
    >
      <div className="map-preview__video" ref={boxRef} />
      <div className="map-preview__label">
        <strong>{camera.number}</strong> {camera.name}
      </div>
      {status.state !== 'live' ? <div className={`map-preview__state map-preview__state--${status.state}`}>{t(`tile.state.${status.state}`)}</div> : null}
    </div>
  );
}
