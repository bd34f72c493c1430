import flvjs from 'flv.js';
import mpegts from 'mpegts.js';
import { parseMuxStreamUrl } from '../../../common/live/streamMux';
import { STREAM_SCHEME } from '../../../common/site/streamUrl';
import type { AtalayaLoaderConfig } from './loaderBase';
import { MuxStreamLoader } from './muxStreamLoader';
import { WebSocketFlvLoader } from './webSocketFlvLoader';

/** The two engines behind one shape: both descend from flv.js and keep its player API. */
export type EngineName = 'mpegts' | 'flv';

export interface EnginePlayer {
  attachMediaElement(video: HTMLMediaElement): void;
  detachMediaElement(): void;
  load(): void;
  unload(): void;
  play(): Promise<void> | void;
  pause?(): void;
  destroy(): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  readonly statisticsInfo?: { speed?: number; decodedFrames?: number; droppedFrames?: number };
}

export interface EngineEvents {
  ERROR: string;
  LOADING_COMPLETE: string;
  MEDIA_INFO: string;
  STATISTICS_INFO: string;
  SCRIPTDATA_ARRIVED?: string;
}

/** Live, low-latency settings; the benchmark compares them with the engines' defaults. */
export const LOW_LATENCY_CONFIG = {
  enableWorker: false,
  // Open the stream while the MediaSource is still opening (≈50 ms on a 16-tile switch), not after.
  deferLoadAfterSourceOpen: false,
  // No stash: hand every received chunk to the demuxer at once instead of batching 384 KB.
  enableStashBuffer: false,
  stashInitialSize: 64 * 1024,
  lazyLoad: false,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 8,
  autoCleanupMinBackwardDuration: 4,
  // mpegts.js only: speed up slightly when behind, and jump if far behind.
  // The bench showed the buffer resting at 200–280 ms with a 0.4 s trigger: speed up earlier.
  liveSync: true,
  liveSyncTargetLatency: 0.12,
  liveSyncMaxLatency: 0.25,
  liveSyncPlaybackRate: 1.2,
  liveBufferLatencyChasing: true,
  liveBufferLatencyMaxLatency: 0.6,
  liveBufferLatencyMinRemain: 0.1,
};

export interface CreateEngineOptions {
  engine: EngineName;
  url: string;
  /** 'tuned' = LOW_LATENCY_CONFIG; 'defaults' = the engine's own (for benchmarks only). */
  config?: 'tuned' | 'defaults';
  /** Drop inter frames before the demuxer (overload governor; WebSocket URLs only, see canDropInterFrames). */
  keyframesOnly?: boolean;
}

const isWebSocketUrl = (url: string) => /^wss?:/.test(url);

/**
 * Whether keyframes-only can be honoured: over WebSocket our loader drops inter frames (either
 * engine), through Electron's stream scheme main drops them.
 */
export const canDropInterFrames = (url: string): boolean => isWebSocketUrl(url) || url.startsWith(`${STREAM_SCHEME}:`);

/**
 * Which loader fetches the stream: the web host's multiplexer for its own stream URLs; for other
 * WebSockets ours (queued handshakes, keyframes only), except that 'defaults' keeps the engine's
 * own loader, as the benchmark's baseline; anything else (HTTP, Electron's scheme) the engine's.
 */
function loaderFor(opts: CreateEngineOptions): AtalayaLoaderConfig & { customLoader?: typeof MuxStreamLoader | typeof WebSocketFlvLoader } {
  const keyframes = { atalayaKeyframesOnly: opts.keyframesOnly === true };
  if (isHostMuxUrl(opts.url)) return { customLoader: MuxStreamLoader, ...keyframes };
  if (isWebSocketUrl(opts.url) && (opts.config !== 'defaults' || opts.keyframesOnly)) return { customLoader: WebSocketFlvLoader, ...keyframes };
  return {};
}

const isHostMuxUrl = (url: string): boolean => parseMuxStreamUrl(url) !== null && new URL(url).host === location.host;

export function createEngine(opts: CreateEngineOptions): { player: EnginePlayer; events: EngineEvents } {
  const source = { type: 'flv', isLive: true, hasAudio: false, hasVideo: true, url: opts.url };
  const base = opts.config === 'defaults' ? { isLive: true } : LOW_LATENCY_CONFIG;
  const config = { ...base, ...loaderFor(opts) };
  if (opts.engine === 'flv') {
    return { player: flvjs.createPlayer(source, config as flvjs.Config) as unknown as EnginePlayer, events: flvjs.Events as unknown as EngineEvents };
  }
  return { player: mpegts.createPlayer(source, config as mpegts.Config) as unknown as EnginePlayer, events: mpegts.Events as unknown as EngineEvents };
}

/** Silences the engines' own console logging (tens of tiles × reconnects flood the console). */
export function quietEngineLogs(): void {
  mpegts.LoggingControl.enableAll = false;
  flvjs.LoggingControl.enableAll = false;
}
