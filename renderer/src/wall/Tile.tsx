import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVEL_KEYFRAMES, LEVEL_NORMAL, type DegradeLevel } from '../../../common/live/overloadGovernor';
import { pickStream } from '../../../common/live/qualityLadder';
import type { TileStatus } from '../../../common/live/tileStatus';
import type { Camera, Stream } from '../../../common/site/siteSchema';
import { playableStreamUrl, STREAM_SCHEME, streamsBySize } from '../../../common/site/streamUrl';
import { usePlayback } from '../app/playbackContext';
import { canDropInterFrames } from '../player/engines';
import { TilePlayer } from '../player/tilePlayer';
import type { GovernedTile } from '../player/wallGovernor';
import { PrivacyMaskOverlay } from './PrivacyMaskOverlay';
import { TileHud } from './TileHud';

export interface TileProps {
  /** Unique per window: `<screen>:<cell>`. */
  id: string;
  index: number;
  camera: Camera | undefined;
  /** Set when the tile names a camera the site does not have. */
  missingCameraId?: string;
  simulatorBase: string | null;
  selected: boolean;
  maximized: boolean;
  onSelect: (index: number) => void;
}

/**
 * Tracks an element's size in device pixels, for the quality ladder. Measured once before the
 * first paint (a layout effect), not only when ResizeObserver first reports a frame later: a tile
 * added by a layout switch would otherwise start its player ~30–50 ms late, and a tile given a
 * new camera by a switch would pick its stream by its size in the previous layout.
 */
function useDevicePixelSize(ref: React.RefObject<HTMLElement | null>, remeasureOn: unknown): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (width: number, height: number) => {
      const ratio = window.devicePixelRatio || 1;
      const next = { width: Math.round(width * ratio), height: Math.round(height * ratio) };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    };
    const rect = element.getBoundingClientRect();
    update(rect.width, rect.height);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) update(entry.contentRect.width, entry.contentRect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
    // Re-measured when the tile gets another camera: that is when a layout switch resized it.
  }, [ref, remeasureOn]);
  return size;
}

/** One cell of the wall: the camera's live picture with its number, name and state. */
export function Tile({ id, index, camera, missingCameraId, simulatorBase, selected, maximized, onSelect }: TileProps) {
  const { t } = useTranslation();
  const { flags, governor, hud, masks, streams } = usePlayback();
  const frameRef = useRef<HTMLDivElement>(null);
  const videoBoxRef = useRef<HTMLDivElement>(null);
  const playerRef = useRef<TilePlayer | null>(null);
  const streamRef = useRef<Stream | undefined>(undefined);
  const [status, setStatus] = useState<TileStatus>({ state: 'idle' });
  const [governed, setLevel] = useState<DegradeLevel>(LEVEL_NORMAL);
  const level = Math.max(governed, flags.degrade) as DegradeLevel;
  const size = useDevicePixelSize(frameRef, camera?.id);

  const ladder = camera && size.width > 0 ? pickStream(camera.streams, size.width, size.height, streamRef.current) : undefined;
  // The governor's first step forces the smallest stream whatever the tile's size.
  const stream = camera && ladder && level > LEVEL_NORMAL ? streamsBySize(camera.streams)[0] : ladder;
  streamRef.current = ladder;
  const aspect = stream ? stream.width / stream.height : 16 / 9;
  const keyframesOnly = level === LEVEL_KEYFRAMES;
  const baseUrl = camera && stream ? playableStreamUrl(camera.id, camera.streams.indexOf(stream), stream, { simulatorBase, pageOrigin: location.origin, ...streams }) : undefined;
  // Through Electron's stream scheme main drops the inter frames; over WebSocket the player's loader does.
  const url = baseUrl && keyframesOnly && baseUrl.startsWith(`${STREAM_SCHEME}:`) ? `${baseUrl}?keyframes=1` : baseUrl;
  const engine = flags.engine ?? camera?.engine ?? 'mpegts';

  // One player per camera on this tile; a change of stream (ladder, governor) reuses it.
  useEffect(() => {
    const box = videoBoxRef.current;
    if (!box || !camera || !url) return;
    const source = { url, engine, config: flags.playerConfig, keyframesOnly };
    if (playerRef.current) {
      playerRef.current.setSource(source);
      return;
    }
    const player = new TilePlayer(box, source, setStatus);
    playerRef.current = player;
    player.start();
  }, [camera, url, engine, flags.playerConfig, keyframesOnly]);

  useEffect(() => {
    return () => {
      playerRef.current?.destroy();
      playerRef.current = null;
      setLevel(LEVEL_NORMAL);
    };
  }, [camera?.id]);

  // Tell the governor what this tile is worth and let it degrade or restore it.
  const describeRef = useRef<GovernedTile['describe']>(() => null);
  describeRef.current = () =>
    camera && stream && url
      ? {
          important: selected || maximized,
          areaPx: size.width * size.height,
          sourceFps: stream.fps,
          hasSubstream: streamsBySize(camera.streams)[0] !== ladder,
          keyframeCapable: canDropInterFrames(url),
        }
      : null;
  useEffect(() => {
    if (!governor || !camera) return;
    return governor.register({ id, describe: () => describeRef.current(), stats: () => playerRef.current?.stats() ?? null, setLevel });
  }, [governor, camera, id]);

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
      data-degraded={level}
      onMouseDown={() => onSelect(index)}
    >
      {/* The video box has the picture's aspect ratio, so masks in picture coordinates line up. */}
      <div ref={videoBoxRef} className="tile__videos" style={{ '--aspect': aspect } as React.CSSProperties}>
        {camera ? <PrivacyMaskOverlay polygons={masks.masks[camera.id] ?? []} liftedUntil={masks.lifts[camera.id]?.until} /> : null}
      </div>
      {camera ? (
        <div className="tile__label">
          <span className="tile__number">{camera.number}</span> {camera.name}
          {level > LEVEL_NORMAL ? (
            <span className="tile__degraded" title={t('tile.degradedHint')}>
              {level === LEVEL_KEYFRAMES ? t('tile.degradedKeyframes') : t('tile.degradedSub')}
            </span>
          ) : null}
        </div>
      ) : (
        <div className="tile__empty">{missingCameraId ? t('tile.unknownCamera', { id: missingCameraId }) : t('tile.empty')}</div>
      )}
      {camera && state !== 'live' ? <TileStateBadge status={status} /> : null}
      {camera && hud ? <TileHud player={playerRef} engine={engine} quality={stream?.quality ?? ''} level={level} /> : null}
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
