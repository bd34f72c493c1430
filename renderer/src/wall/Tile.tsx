import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TileStatus } from '../../../common/live/tileStatus';
import { pickStream } from '../../../common/live/qualityLadder';
import type { Camera, Stream } from '../../../common/site/siteSchema';
import { resolveStreamUrl } from '../../../common/site/streamUrl';
import { TilePlayer } from '../player/tilePlayer';

export interface TileProps {
  index: number;
  camera: Camera | undefined;
  /** Set when the tile names a camera the site does not have. */
  missingCameraId?: string;
  simulatorBase: string | null;
  selected: boolean;
  onSelect: (index: number) => void;
}

/** Tracks an element's size in device pixels, for the quality ladder. */
function useDevicePixelSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const ratio = window.devicePixelRatio || 1;
      setSize({ width: Math.round(entry.contentRect.width * ratio), height: Math.round(entry.contentRect.height * ratio) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Renders one cell of the wall: the camera's live picture with its number, name and state. */
export function Tile({ index, camera, missingCameraId, simulatorBase, selected, onSelect }: TileProps) {
  const { t } = useTranslation();
  const frameRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const playerRef = useRef<TilePlayer | null>(null);
  const streamRef = useRef<Stream | undefined>(undefined);
  const [status, setStatus] = useState<TileStatus>({ state: 'idle' });
  const size = useDevicePixelSize(frameRef);

  const stream = camera && size.width > 0 ? pickStream(camera.streams, size.width, size.height, streamRef.current) : undefined;
  streamRef.current = stream;
  const url = stream ? resolveStreamUrl(stream.url, simulatorBase, location.origin) : undefined;
  const engine = camera?.engine ?? 'mpegts';

  // One player per camera on this tile; a change of stream (ladder) reuses it.
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !camera || !url) return;
    if (playerRef.current) {
      playerRef.current.setSource({ url, engine });
      return;
    }
    const player = new TilePlayer(video, { url, engine }, setStatus);
    playerRef.current = player;
    player.start();
  }, [camera, url, engine]);

  useEffect(() => {
    return () => {
      playerRef.current?.destroy();
      playerRef.current = null;
    };
  }, [camera?.id]);

  const state = camera ? status.state : 'idle';
  return (
    <div
      ref={frameRef}
      className={`tile tile--${state}${selected ? ' tile--selected' : ''}`}
      data-tile={index}
      data-camera-number={camera?.number ?? ''}
      data-camera-id={camera?.id ?? ''}
      data-state={state}
      data-quality={stream?.quality ?? ''}
      onMouseDown={() => onSelect(index)}
    >
      {camera ? <video ref={videoRef} className="tile__video" muted playsInline autoPlay /> : null}
      {camera ? (
        <div className="tile__label">
          <span className="tile__number">{camera.number}</span> {camera.name}
        </div>
      ) : (
        <div className="tile__empty">{missingCameraId ? t('tile.unknownCamera', { id: missingCameraId }) : t('tile.empty')}</div>
      )}
      {camera && state !== 'live' ? <TileStateBadge status={status} /> : null}
    </div>
  );
}

function TileStateBadge({ status }: { status: TileStatus }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status.nextAttemptAt === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [status.nextAttemptAt]);
  const seconds = status.nextAttemptAt !== undefined ? Math.max(0, Math.ceil((status.nextAttemptAt - now) / 1000)) : undefined;
  return (
    <div className={`tile__state tile__state--${status.state}`} role="status">
      <strong>{t(`tile.state.${status.state}`)}</strong>
      {status.reason ? <span> · {t(`tile.reason.${status.reason}`)}</span> : null}
      {status.attempt ? <span> · {t('tile.attempt', { attempt: status.attempt })}</span> : null}
      {seconds !== undefined ? <span> · {t('tile.nextTry', { seconds })}</span> : null}
      {status.detail ? <div className="tile__detail">{status.detail}</div> : null}
    </div>
  );
}
