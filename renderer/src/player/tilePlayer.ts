import { backoffDelayMs, TILE_BACKOFF } from '../../../common/live/backoff';
import { failureState, type TileReason, type TileStatus } from '../../../common/live/tileStatus';
import { LiveWatchdog } from '../../../common/live/watchdog';
import { debugCounters } from './debugCounters';
import { createEngine, type EngineName, type EnginePlayer } from './engines';

export interface TileSource {
  url: string;
  engine: EngineName;
}

export interface TileStats {
  width: number;
  height: number;
  decodedFrames: number;
  droppedFrames: number;
  bufferLatencyS: number | null;
  /** Wall-clock now minus the simulator's send time of the last clock tag, when the stream has one. */
  transportLatencyMs: number | null;
  kbps: number | null;
}

const WATCHDOG_TICK_MS = 500;

/**
 * Plays one live stream into one video element and keeps it live: reconnects with backoff forever
 * (while the tile exists), rebuilds on a frozen picture, jumps to the live edge when behind.
 * The policies (backoff, watchdog) are pure and live in common/live; this class only applies them.
 */
export class TilePlayer {
  private engine: EnginePlayer | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private readonly watchdog = new LiveWatchdog();
  private destroyed = false;
  private status: TileStatus = { state: 'idle' };
  private transportLatencyMs: number | null = null;
  private kbps: number | null = null;
  private readonly onPlaying = () => this.markLive();

  constructor(
    private readonly video: HTMLVideoElement,
    private source: TileSource,
    private readonly onStatus: (status: TileStatus) => void,
  ) {
    video.muted = true;
    video.playsInline = true;
    video.addEventListener('playing', this.onPlaying);
  }

  start(): void {
    this.connect();
    this.tickTimer = setInterval(() => this.tick(), WATCHDOG_TICK_MS);
  }

  /** Switches to another stream of the same camera (e.g. the quality ladder). */
  setSource(source: TileSource): void {
    if (source.url === this.source.url && source.engine === this.source.engine) return;
    this.source = source;
    this.attempt = 0;
    this.reconnectNow();
  }

  getStatus(): TileStatus {
    return this.status;
  }

  stats(): TileStats {
    const quality = this.video.getVideoPlaybackQuality?.();
    const buffered = this.video.buffered;
    return {
      width: this.video.videoWidth,
      height: this.video.videoHeight,
      decodedFrames: quality?.totalVideoFrames ?? 0,
      droppedFrames: quality?.droppedVideoFrames ?? 0,
      bufferLatencyS: buffered.length > 0 ? buffered.end(buffered.length - 1) - this.video.currentTime : null,
      transportLatencyMs: this.transportLatencyMs,
      kbps: this.kbps,
    };
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.tickTimer);
    this.video.removeEventListener('playing', this.onPlaying);
    this.teardownEngine();
  }

  private setStatus(status: TileStatus): void {
    this.status = status;
    this.onStatus(status);
  }

  private connect(): void {
    if (this.destroyed) return;
    // A retry keeps saying why the tile is not live (reconnecting / offline / error), now trying.
    this.setStatus(this.attempt === 0 ? { state: 'connecting' } : { ...this.status, nextAttemptAt: undefined });
    const { player, events } = createEngine({ engine: this.source.engine, url: this.source.url });
    this.engine = player;
    debugCounters.playerCreated();
    player.on(events.ERROR, (type, detail, info) => this.fail(classifyError(String(type), String(detail)), describe(detail, info)));
    // A live stream never completes: EOF means the camera or gateway closed it.
    player.on(events.LOADING_COMPLETE, () => this.fail('stream_ended', 'the server closed the stream'));
    player.on(events.STATISTICS_INFO, (info) => {
      const speed = (info as { speed?: number }).speed;
      this.kbps = typeof speed === 'number' ? Math.round(speed * 8) : null;
    });
    if (events.SCRIPTDATA_ARRIVED) {
      player.on(events.SCRIPTDATA_ARRIVED, (data) => {
        const clock = (data as { onAtalayaClock?: { sendTimeMs?: unknown } }).onAtalayaClock;
        if (clock && typeof clock.sendTimeMs === 'number') this.transportLatencyMs = Math.max(0, Date.now() - clock.sendTimeMs);
      });
    }
    player.attachMediaElement(this.video);
    player.load();
    this.watchdog.reset(performance.now());
    void Promise.resolve(player.play()).catch(() => {
      // Autoplay of a muted video is allowed; a rejection here means the load was torn down.
    });
  }

  private markLive(): void {
    if (this.destroyed || this.status.state === 'live') return;
    this.attempt = 0;
    this.setStatus({ state: 'live' });
  }

  private fail(reason: TileReason, detail: string): void {
    if (this.destroyed) return;
    this.teardownEngine();
    this.attempt += 1;
    const delay = backoffDelayMs(this.attempt - 1, TILE_BACKOFF);
    this.setStatus({ state: failureState(reason, this.attempt), reason, detail, attempt: this.attempt, nextAttemptAt: Date.now() + delay });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private reconnectNow(): void {
    clearTimeout(this.retryTimer);
    this.teardownEngine();
    this.connect();
  }

  private tick(): void {
    if (!this.engine || this.destroyed) return;
    const buffered = this.video.buffered;
    const verdict = this.watchdog.observe({
      now: performance.now(),
      frames: this.video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0,
      currentTime: this.video.currentTime,
      bufferedEnd: buffered.length > 0 ? buffered.end(buffered.length - 1) : null,
    });
    if (verdict.kind === 'seek') this.video.currentTime = verdict.to;
    else if (verdict.kind === 'rebuild') this.fail('stalled', verdict.reason === 'stalled' ? 'no new frames for 2 s' : 'latency kept growing');
    if (this.video.paused && this.status.state === 'live') void this.video.play().catch(() => undefined);
  }

  /** Frees everything the engine holds, in the order that releases the decoder and MediaSource. */
  private teardownEngine(): void {
    const engine = this.engine;
    if (!engine) return;
    this.engine = undefined;
    try {
      engine.pause?.();
      engine.unload();
      engine.detachMediaElement();
      engine.destroy();
    } catch {
      // A half-initialised engine may throw while tearing down; the element reset below still frees it.
    }
    debugCounters.playerDestroyed();
    this.video.removeAttribute('src');
    this.video.load();
  }
}

function classifyError(type: string, detail: string): TileReason {
  if (type === 'MediaError') {
    if (detail === 'CodecUnsupported' || detail === 'FormatUnsupported') return 'unsupported';
    if (detail === 'MediaMSEError') return 'media_decode';
    return 'media_format';
  }
  if (detail === 'HttpStatusCodeInvalid') return 'http_status';
  if (detail === 'UnrecoverableEarlyEof') return 'stream_ended';
  return 'network';
}

function describe(detail: unknown, info: unknown): string {
  const msg = (info as { msg?: unknown; code?: unknown } | undefined)?.msg;
  const code = (info as { code?: unknown } | undefined)?.code;
  return [String(detail), typeof code === 'number' && code > 0 ? `HTTP ${code}` : '', typeof msg === 'string' ? msg : ''].filter(Boolean).join(' — ');
}
