import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DegradeLevel } from '../../../common/live/overloadGovernor';
import type { TilePlayer, TileStats } from '../player/tilePlayer';

export interface TileHudProps {
  player: React.RefObject<TilePlayer | null>;
  engine: string;
  quality: string;
  level: DegradeLevel;
}

/** The engineer's view of a tile (toggled with H): what it plays and how late it is. */
export function TileHud({ player, engine, quality, level }: TileHudProps) {
  const { t } = useTranslation();
  const [stats, setStats] = useState<TileStats | null>(null);
  const [fps, setFps] = useState<number | null>(null);
  const last = useRef<{ at: number; frames: number } | null>(null);
  useEffect(() => {
    const timer = setInterval(() => {
      const next = player.current?.stats() ?? null;
      const now = performance.now();
      if (next && last.current && next.decodedFrames >= last.current.frames) setFps(((next.decodedFrames - last.current.frames) * 1000) / (now - last.current.at));
      last.current = next ? { at: now, frames: next.decodedFrames } : null;
      setStats(next);
    }, 1000);
    return () => clearInterval(timer);
  }, [player]);
  const ms = (s: number | null) => (s === null ? '—' : `${Math.round(s * 1000)} ms`);
  return (
    <dl className="tile__hud" data-hud>
      <dt>{t('hud.resolution')}</dt>
      <dd>{stats ? `${stats.width}×${stats.height}` : '—'}</dd>
      <dt>{t('hud.fps')}</dt>
      <dd>{fps === null ? '—' : fps.toFixed(1)}</dd>
      <dt>{t('hud.bitrate')}</dt>
      <dd>{stats?.kbps == null ? '—' : `${stats.kbps} kbps`}</dd>
      <dt>{t('hud.bufferLatency')}</dt>
      <dd data-hud-buffer>{ms(stats?.bufferLatencyS ?? null)}</dd>
      <dt>{t('hud.transportLatency')}</dt>
      <dd data-hud-transport>{stats?.transportLatencyMs == null ? '—' : `${stats.transportLatencyMs} ms`}</dd>
      <dt>{t('hud.dropped')}</dt>
      <dd>{stats ? stats.droppedFrames : '—'}</dd>
      <dt>{t('hud.engine')}</dt>
      <dd>
        {engine} · {quality}
        {level > 0 ? ` · ${t('hud.degradedLevel', { level })}` : ''}
      </dd>
    </dl>
  );
}
