import mpegts from 'mpegts.js';
import type { ClipFormat } from '../../../common/training/exerciseSchema';
import { decideTileSync, STUCK_ERROR_S, updateSeekLatency, type TileSyncAction } from '../../../common/training/tileSync';

/** What a tile shows besides the picture. */
export type ClipStatus = { kind: 'loading' } | { kind: 'ok' } | { kind: 'blank'; reason: 'before' | 'after' } | { kind: 'error'; detail: string };

/** Rate changes smaller than this are not applied (setting playbackRate is not free). */
const RATE_EPSILON = 0.002;

/**
 * A recorded clip on a tile, kept on the exercise clock. MP4 plays in a plain <video> (the web host
 * serves byte ranges, so seeking fetches only what it needs); FLV and MPEG-TS go through mpegts.js
 * in its non-live mode (FLV seeks by its keyframe index over ranges; MPEG-TS has no index, so it
 * seeks within what is buffered). The sync decisions are common/training/tileSync.ts.
 */
export class ClipPlayer {
  readonly video: HTMLVideoElement;
  private engine: mpegts.Player | null = null;
  private seekStartedAt: number | null = null;
  private lastSeekDoneAt = Number.NEGATIVE_INFINITY;
  private seekLatencyS = 0.15;
  /** Since when (performance.now) the error has been above STUCK_ERROR_S; null when it is not. */
  private offSince: number | null = null;
  private status: ClipStatus = { kind: 'loading' };
  private destroyed = false;
  /** The last decision, for tests and the debug readout. */
  lastAction: TileSyncAction | null = null;

  constructor(
    container: HTMLElement,
    readonly url: string,
    readonly format: ClipFormat,
    readonly offsetS: number,
    private readonly onStatus: (status: ClipStatus) => void,
  ) {
    const video = document.createElement('video');
    video.className = 'exercise-tile__video';
    video.muted = true;
    video.playsInline = true;
    video.preload = 'auto';
    video.disablePictureInPicture = true;
    video.setAttribute('data-offset', String(offsetS));
    video.addEventListener('seeked', this.onSeeked);
    video.addEventListener('loadeddata', this.onLoaded);
    video.addEventListener('error', this.onError);
    container.appendChild(video);
    this.video = video;
    if (format === 'mp4') {
      video.src = url;
    } else {
      this.engine = mpegts.createPlayer(
        { type: format === 'flv' ? 'flv' : 'mpegts', isLive: false, hasAudio: false, hasVideo: true, url },
        { enableWorker: false, lazyLoad: false, seekType: 'range', accurateSeek: true, autoCleanupSourceBuffer: true },
      );
      this.engine.on(mpegts.Events.ERROR, (_type: unknown, detail: unknown) => this.setStatus({ kind: 'error', detail: String(detail) }));
      this.engine.attachMediaElement(video);
      this.engine.load();
    }
  }

  private setStatus(status: ClipStatus): void {
    if (this.status.kind === status.kind && (status.kind !== 'blank' || (this.status.kind === 'blank' && this.status.reason === status.reason))) return;
    this.status = status;
    this.onStatus(status);
  }

  private readonly onSeeked = () => {
    if (this.seekStartedAt !== null) this.seekLatencyS = updateSeekLatency(this.seekLatencyS, (performance.now() - this.seekStartedAt) / 1000);
    this.seekStartedAt = null;
    this.lastSeekDoneAt = performance.now();
  };

  private readonly onLoaded = () => {
    if (this.status.kind === 'loading') this.setStatus({ kind: 'ok' });
  };

  private readonly onError = () => {
    const error = this.video.error;
    this.setStatus({ kind: 'error', detail: error ? `${error.code}${error.message ? `: ${error.message}` : ''}` : 'unknown' });
  };

  /** Media time this tile shows as exercise time (current time − the clip's offset). */
  exerciseTime(): number {
    return this.video.currentTime - this.offsetS;
  }

  /** One step of the sync loop: the exercise clock says `positionS`, playing or not, at `speed`. */
  tick(positionS: number, playing: boolean, speed: number): void {
    if (this.destroyed || this.status.kind === 'error') return;
    const v = this.video;
    const targetS = positionS + this.offsetS;
    if (targetS < 0) {
      this.apply({ kind: 'blank', reason: 'before' });
      return;
    }
    if (v.readyState < HTMLMediaElement.HAVE_METADATA) return;
    const now = performance.now();
    const off = playing && !v.seeking && Math.abs(v.currentTime - targetS) > STUCK_ERROR_S;
    this.offSince = off ? (this.offSince ?? now) : null;
    const action = decideTileSync({
      targetS,
      currentS: v.currentTime,
      playing,
      speed,
      seeking: v.seeking,
      seekPendingS: this.seekStartedAt !== null ? (now - this.seekStartedAt) / 1000 : 0,
      sinceSeekS: (now - this.lastSeekDoneAt) / 1000,
      seekLatencyS: this.seekLatencyS,
      offForS: this.offSince !== null ? (now - this.offSince) / 1000 : 0,
      mediaDurationS: Number.isFinite(v.duration) ? v.duration : null,
    });
    this.apply(action);
  }

  private apply(action: TileSyncAction): void {
    this.lastAction = action;
    const v = this.video;
    switch (action.kind) {
      case 'blank':
        if (!v.paused) v.pause();
        this.setStatus({ kind: 'blank', reason: action.reason });
        return;
      case 'wait':
        return;
      case 'seek':
        this.setRate(action.rate);
        this.seekStartedAt = performance.now();
        this.offSince = null;
        v.currentTime = action.toS;
        this.setPlaying(action.play);
        if (this.status.kind === 'blank') this.setStatus({ kind: 'ok' });
        return;
      case 'run':
        this.setRate(action.rate);
        this.setPlaying(action.play);
        if (this.status.kind === 'blank') this.setStatus({ kind: 'ok' });
        return;
    }
  }

  private setRate(rate: number): void {
    if (Math.abs(this.video.playbackRate - rate) > RATE_EPSILON) this.video.playbackRate = rate;
  }

  private setPlaying(play: boolean): void {
    const v = this.video;
    if (play && v.paused) void v.play().catch(() => undefined);
    else if (!play && !v.paused) v.pause();
  }

  /** Frees the decoder: engine first, then the element (the order that releases a media element). */
  destroy(): void {
    this.destroyed = true;
    const v = this.video;
    v.removeEventListener('seeked', this.onSeeked);
    v.removeEventListener('loadeddata', this.onLoaded);
    v.removeEventListener('error', this.onError);
    if (this.engine) {
      try {
        this.engine.unload();
        this.engine.detachMediaElement();
        this.engine.destroy();
      } catch {
        // Already torn down.
      }
      this.engine = null;
    }
    v.pause();
    v.removeAttribute('src');
    v.load();
    v.remove();
  }
}
