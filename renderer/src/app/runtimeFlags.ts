import type { EngineName } from '../player/engines';

/**
 * Switches read from the page URL, for benchmarks and diagnosis: `engine=flv` forces an engine,
 * `playerConfig=defaults` uses the engine's own settings instead of the low-latency ones,
 * `governor=off` disables the overload governor, `hud=1` starts with the HUD shown,
 * `degrade=1|2` holds every tile at a governor level (substream / keyframes only) for measurement,
 * `streams=direct` (or `http=direct`) opens each stream directly, one connection per tile, instead
 * of through the web host's multiplexer / Electron's stream scheme (to show what Chromium's
 * 6-connections-per-host cap and one-at-a-time WebSocket handshakes do to a wall).
 */
export interface RuntimeFlags {
  engine: EngineName | null;
  playerConfig: 'tuned' | 'defaults';
  governor: boolean;
  hud: boolean;
  degrade: 0 | 1 | 2;
  streamsDirect: boolean;
}

export function readRuntimeFlags(search: string): RuntimeFlags {
  const params = new URLSearchParams(search);
  const engine = params.get('engine');
  return {
    engine: engine === 'mpegts' || engine === 'flv' ? engine : null,
    playerConfig: params.get('playerConfig') === 'defaults' ? 'defaults' : 'tuned',
    governor: params.get('governor') !== 'off',
    hud: params.get('hud') === '1',
    degrade: params.get('degrade') === '2' ? 2 : params.get('degrade') === '1' ? 1 : 0,
    streamsDirect: params.get('streams') === 'direct' || params.get('http') === 'direct',
  };
}
