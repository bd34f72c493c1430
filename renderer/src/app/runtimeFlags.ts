import type { EngineName } from '../player/engines';

/**
 * Switches read from the page URL, for benchmarks and diagnosis: `engine=flv` forces an engine,
 * `playerConfig=defaults` uses the engine's own settings instead of the low-latency ones,
 * `governor=off` disables the overload governor, `hud=1` starts with the HUD shown.
 */
export interface RuntimeFlags {
  engine: EngineName | null;
  playerConfig: 'tuned' | 'defaults';
  governor: boolean;
  hud: boolean;
}

export function readRuntimeFlags(search: string): RuntimeFlags {
  const params = new URLSearchParams(search);
  const engine = params.get('engine');
  return {
    engine: engine === 'mpegts' || engine === 'flv' ? engine : null,
    playerConfig: params.get('playerConfig') === 'defaults' ? 'defaults' : 'tuned',
    governor: params.get('governor') !== 'off',
    hud: params.get('hud') === '1',
  };
}
