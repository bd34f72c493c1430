import { backoffDelayMs, TILE_BACKOFF } from '../../../common/live/backoff';
import { failureState, type TileReason, type TileStatus } from '../../../common/live/tileStatus';
import { DEFAULT_WATCHDOG, KEYFRAME_ONLY_WATCHDOG, LiveWatchdog, startJumpTarget } from '../../../common/live/watchdog';
import { debugCounters } from './debugCounters';
import { createEngine, type EngineName, type EnginePlayer } from './engines';

export interface TileSource {
  url: string;
  engine: EngineName;
  config: 'tuned' | 'defaults';
  keyframesOnly: boolean;
}

const sameSource = (a: TileSource, b: TileSource) => a.url === b.url && a.engine === b.engine && a.config === b.config && a.keyframesOnly === b.keyframesOnly;

export interface TileStats {
  width: number;
  height: number;
  decodedFrames: number;
  droppedFrames: number;
  bufferLatencyS: number | null;
  /** Now minus the simulator's send time of the last clock tag, when the stream carries one. */
  transportLatencyMs: number | null;
  kbps: number | null;
}

/** One engine playing into one video element. */
interface Playback {
  source: TileSource;
  video: HTMLVideoElement;
  engine: EnginePlayer;
  /** Set once the first picture has been shown and the start jump (if any) made. */
  jumpedToEdge?: boolean;
}

const watchdogOptions = (source: TileSource) => (source.keyframesOnly ? KEYFRAME_ONLY_WATCHDOG : DEFAULT_WATCHDOG);

const WATCHDOG_TICK_MS = 500;

/**
 * Plays one live stream into a tile and keeps it live: reconnects with backoff forever (while the
 * tile exists), rebuilds on a frozen picture, jumps to the live edge when behind. A change of
 * stream (quality ladder, governor) is double-buffered: the new stream plays into a hidden video
 * and replaces the old picture only once it has a frame, so the operator never sees black.
 * The policies (backoff, watchdog) are pure and live in common/live; this class applies them.
 */
export class TilePlayer {
  private current: Playback | undefined;
  private pending: Playback | undefined;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private readonly watchdog = new LiveWatchdog();
  private destroyed = false;
  private status: TileStatus = { state: 'idle' };
  private transportLatencyMs: number | null = null;
  private kbps: number | null = null;

  constructor(
    private readonly container: HTMLElement,
    private source: TileSource,
    private readonly onStatus: (status: TileStatus) => void,
  ) {}

  start(): void {
    this.connect();
    this.tickTimer = setInterval(() => this.tick(), WATCHDOG_TICK_MS);
  }

  /** Switches to another stream of the same camera; the old picture stays until the new one shows. */
  setSource(source: TileSource): void {
    if (sameSource(source, this.pending?.source ?? this.source)) return;
    this.source = source;
    if (this.status.state === 'live' && this.current) {
      this.discard(this.pending);
      this.pending = this.startPlayback(source, true);
    } else {
      this.attempt = 0;
      this.reconnectNow();
    }
  }

  getStatus(): TileStatus {
    return this.status;
  }

  stats(): TileStats | null {
    const video = this.current?.video;
    if (!video) return null;
    const quality = video.getVideoPlaybackQuality?.();
    const buffered = video.buffered;
    return {
      width: video.videoWidth,
      height: video.videoHeight,
      decodedFrames: quality?.totalVideoFrames ?? 0,
      droppedFrames: quality?.droppedVideoFrames ?? 0,
      bufferLatencyS: buffered.length > 0 ? buffered.end(buffered.length - 1) - video.currentTime : null,
      transportLatencyMs: this.transportLatencyMs,
      kbps: this.kbps,
    };
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.tickTimer);
    this.discard(this.pending);
    this.discard(this.current);
    this.pending = this.current = undefined;
  }

  private setStatus(status: TileStatus): void {
    this.status = status;
    this.onStatus(status);
  }

  private connect(): void {
    if (this.destroyed) return;
    // A retry keeps saying why the tile is not live (reconnecting / offline / error), now trying.
    this.setStatus(this.attempt === 0 ? { state: 'connecting' } : { ...this.status, nextAttemptAt: undefined });
    this.current = this.startPlayback(this.source, false);
    this.resetWatchdog();
  }

  private resetWatchdog(): void {
    this.watchdog.reset(performance.now(), watchdogOptions(this.current?.source ?? this.source));
  }

  private startPlayback(source: TileSource, hidden: boolean): Playback {
    const video = document.createElement('video');
    video.className = 'tile__video';
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    if (hidden) video.classList.add('tile__video--pending');
    this.container.appendChild(video);
    const { player, events } = createEngine({ engine: source.engine, url: source.url, config: source.config, keyframesOnly: source.keyframesOnly });
    const playback: Playback = { source, video, engine: player };
    debugCounters.playerCreated();
    player.on(events.ERROR, (type, detail, info) => this.failed(playback, classifyError(String(type), String(detail)), describe(detail, info)));
    // A live stream never completes: EOF means the camera or gateway closed it.
    player.on(events.LOADING_COMPLETE, () => this.failed(playback, 'stream_ended', 'the server closed the stream'));
    player.on(events.STATISTICS_INFO, (info) => {
      const speed = (info as { speed?: number }).speed;
      if (playback === this.current) this.kbps = typeof speed === 'number' ? Math.round(speed * 8) : null;
    });
    if (events.SCRIPTDATA_ARRIVED) {
      player.on(events.SCRIPTDATA_ARRIVED, (data) => {
        const clock = (data as { onAtalayaClock?: { sendTimeMs?: unknown } }).onAtalayaClock;
        if (playback === this.current && clock && typeof clock.sendTimeMs === 'number') this.transportLatencyMs = Math.max(0, Date.now() - clock.sendTimeMs);
      });
    }
    video.addEventListener('playing', () => this.presented(playback));
    player.attachMediaElement(video);
    player.load();
    void Promise.resolve(player.play()).catch(() => {
      // Muted autoplay is allowed; a rejection means this load was torn down meanwhile.
    });
    return playback;
  }

  private presented(playback: Playback): void {
    if (this.destroyed) return;
    if (!playback.jumpedToEdge) {
      // First picture of this stream (a GOP-cache start): go straight to the live edge.
      playback.jumpedToEdge = true;
      const { video } = playback;
      const target = startJumpTarget(video.currentTime, video.buffered.length > 0 ? video.buffered.end(video.buffered.length - 1) : null, watchdogOptions(playback.source));
      if (target !== null) video.currentTime = target;
    }
    if (playback === this.pending) {
      // The new stream has a picture: now, and only now, drop the old one.
      this.discard(this.current);
      playback.video.classList.remove('tile__video--pending');
      this.current = playback;
      this.pending = undefined;
      this.resetWatchdog();
      return;
    }
    if (playback !== this.current || this.status.state === 'live') return;
    this.attempt = 0;
    this.setStatus({ state: 'live' });
  }

  private failed(playback: Playback, reason: TileReason, detail: string): void {
    if (this.destroyed) return;
    if (playback === this.pending) {
      // The stream we were switching to failed: keep showing the current one, try again later.
      this.discard(playback);
      this.pending = undefined;
      const target = this.source;
      this.source = this.current?.source ?? target;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.setSource(target), backoffDelayMs(1, TILE_BACKOFF));
      return;
    }
    if (playback !== this.current) return;
    this.discard(this.current);
    this.current = undefined;
    this.attempt += 1;
    const delay = backoffDelayMs(this.attempt - 1, TILE_BACKOFF);
    this.setStatus({ state: failureState(reason, this.attempt), reason, detail, attempt: this.attempt, nextAttemptAt: Date.now() + delay });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private reconnectNow(): void {
    clearTimeout(this.retryTimer);
    this.discard(this.pending);
    this.discard(this.current);
    this.pending = this.current = undefined;
    this.connect();
  }

  private tick(): void {
    const playback = this.current;
    if (!playback || this.destroyed) return;
    const { video } = playback;
    const buffered = video.buffered;
    const verdict = this.watchdog.observe({
      now: performance.now(),
      frames: video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0,
      currentTime: video.currentTime,
      bufferedEnd: buffered.length > 0 ? buffered.end(buffered.length - 1) : null,
    });
    if (verdict.kind === 'seek') video.currentTime = verdict.to;
    else if (verdict.kind === 'rebuild') this.failed(playback, 'stalled', verdict.reason === 'stalled' ? 'no new frames for 2 s' : 'latency kept growing');
    else if (video.paused && this.status.state === 'live') void video.play().catch(() => undefined);
  }

  /** Frees everything a playback holds, in the order that releases the decoder and MediaSource. */
  private discard(playback: Playback | undefined): void {
    if (!playback) return;
    const { engine, video } = playback;
    try {
      engine.pause?.();
      engine.unload();
      engine.detachMediaElement();
      engine.destroy();
    } catch {
      // A half-initialised engine may throw while tearing down; the element reset below still frees it.
    }
    debugCounters.playerDestroyed();
    video.removeAttribute('src');
    video.load();
    video.remove();
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
  const msg = (info as { msg?: unknown } | undefined)?.msg;
  const code = (info as { code?: unknown } | undefined)?.code;
  return [String(detail), typeof code === 'number' && code > 0 ? `HTTP ${code}` : '', typeof msg === 'string' ? msg : ''].filter(Boolean).join(' — ');
}
