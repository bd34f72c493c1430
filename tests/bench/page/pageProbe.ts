// Runs in the page (pageScript.ts transpiles it in); tsconfig.bench.json type-checks the bench
// with the DOM library, as the e2e config does for the tests' page callbacks.
import { decodeTimestamp, TIMESTAMP_CELLS, TIMESTAMP_COLS, TIMESTAMP_ROWS } from '../timestampCode';

/**
 * The in-page half of the benchmark. It follows every <video> the wall creates, and for each
 * presented frame (requestVideoFrameCallback) reads the capture time painted into the picture
 * and records glass-to-glass latency: when the compositor expects to show the frame, minus when
 * the source painted it — both on this machine's wall clock (performance.timeOrigin + now here,
 * the same in Node). Node drives it through `window.__benchProbe` (see BenchProbe).
 */

export interface TileWindow {
  /** The tile element's data-* attributes at the end of the window (data-tile, data-state…). */
  attrs: Record<string, string>;
  /** Glass-to-glass latency of each presented frame whose timestamp read back, ms. */
  latencyMs: number[];
  /**
   * The player's buffer (buffered end − currentTime) at each read, ms: the part of the latency
   * the player chose to hold; the rest is source, network, demux, decode and compositing.
   */
  bufferMs: number[];
  /** Presented frames, from the compositor's own counter (includes frames no callback saw). */
  presentedFrames: number;
  /** Reads that found no valid timestamp (a frame partly decoded, a tile mid-switch…). */
  unreadable: number;
  /** From getVideoPlaybackQuality, over the window. */
  decodedFrames: number;
  droppedFrames: number;
  /** Times the element was given a new source (player rebuilt or restarted) in the window. */
  sourceResets: number;
  width: number;
  height: number;
}

export interface WindowResult {
  durationMs: number;
  tiles: TileWindow[];
  /** Main-thread time of each timestamp read in the window: the probe's own cost to the page. */
  readMs: number[];
  jsHeapBytes: number | null;
  /** window.__atalayaDebug.snapshot(), when the renderer exposes it. */
  debug: unknown;
}

export interface ExpectedTile {
  tile: number;
  cameraId: string;
  /** The tile showed another camera before the switch: its first frame must follow a new source. */
  changed: boolean;
}

export interface FirstFrame {
  tile: number;
  /** From the switch to the first presented frame of the expected camera, ms; null if none came. */
  firstFrameMs: number | null;
  /** Glass-to-glass latency of that first frame (a GOP-cache start shows an old frame). */
  firstLatencyMs: number | null;
  /** From the switch until a frame within `liveWithinMs` of capture was shown, ms. */
  liveEdgeMs: number | null;
  /**
   * Where the first frame's time went, for the video that showed it: from the switch until the
   * wall created that video (contract, event, React, teardown of the old player), and until its
   * stream's metadata was in (connection, GOP cache, demux); the rest is decode and compositing.
   */
  videoCreatedMs: number | null;
  metadataMs: number | null;
}

export interface BenchProbe {
  /**
   * Read the timestamp of a video's presented frame only if its last read is at least this old
   * (0 = every frame). Reading costs main-thread time; bounding reads per second keeps the
   * probe's share of a 64-tile page that of a 16-tile one, and spacing them in time (not every
   * k-th frame) still reads every frame of a tile cut to keyframes only. Frame counts always
   * cover every frame, and the first frame of a new source is always read. With
   * `everyFrameUntilWithinMs`, a video is read at every frame from its new source until a frame
   * that close to capture has been read (so a switch's first frame and its arrival at the live
   * edge are both seen exactly), then at the interval: reading all 16 tiles at every frame would
   * cost the page ~12 % of its main thread while it is starting those very tiles.
   */
  setReadInterval(ms: number, everyFrameUntilWithinMs?: number): void;
  begin(): void;
  end(): WindowResult;
  /** Resolves when every expected tile has shown a frame (and reached the live edge) after `sinceMs`, or at the timeout. */
  firstFrames(sinceMs: number, expected: ExpectedTile[], liveWithinMs: number, timeoutMs: number): Promise<FirstFrame[]>;
  /** Tiles that presented a frame in the last `withinMs`, and tiles with a video (a tile may hold two while it swaps streams). */
  liveTiles(withinMs: number): { live: number; videos: number };
}

declare global {
  interface Window {
    __benchProbe?: BenchProbe;
  }
}

interface Track {
  video: HTMLVideoElement;
  callbackId: number;
  /** Display time of the last frame presented, and of the last one read. */
  lastFrameAt: number;
  lastReadAt: number;
  lastPresented: number;
  /** Absolute ms the video was added to the page, of the last new source ('loadstart'), of its metadata. */
  createdAt: number;
  sourceAt: number;
  metadataAt: number | null;
  /** A frame within everyFrameUntilWithinMs of capture has been read since the last new source. */
  reachedEdge: boolean;
  /** Absolute display time of each readable frame since the source, with its latency, for firstFrames. */
  shown: { at: number; latencyMs: number; track: Track }[];
  window: { latencyMs: number[]; bufferMs: number[]; presented: number; unreadable: number; resets: number; decoded0: number; dropped0: number };
}

/** Frame times jitter; a read due within this share of the interval is not put off a whole frame. */
const READ_INTERVAL_SLACK = 0.9;
/** Cells are sampled over the middle half of each block, away from edges the codec blurs. */
const SAMPLES_PER_CELL = 4;
/** Recent readable frames kept per video for firstFrames (a few seconds' worth). */
const SHOWN_MEMORY = 200;

export function installProbe(): void {
  const now = () => performance.timeOrigin + performance.now();
  const tracks = new Map<HTMLVideoElement, Track>();
  let readIntervalMs = 0;
  let everyFrameUntilWithinMs: number | null = null;
  let readMs: number[] = [];
  let windowStart = now();
  const waiters = new Set<() => void>();

  const canvas = new OffscreenCanvas(TIMESTAMP_COLS * SAMPLES_PER_CELL, TIMESTAMP_ROWS * SAMPLES_PER_CELL);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const levels = new Float64Array(TIMESTAMP_CELLS);

  /** Draws only the band, scaled to 4×4 pixels a cell, and averages each cell's middle 2×2. */
  function readCaptureMs(video: HTMLVideoElement): number | null {
    const width = video.videoWidth;
    if (width === 0) return null;
    const band = (width / TIMESTAMP_COLS) * TIMESTAMP_ROWS;
    ctx.drawImage(video, 0, 0, width, band, 0, 0, canvas.width, canvas.height);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    for (let cell = 0; cell < TIMESTAMP_CELLS; cell++) {
      const x0 = (cell % TIMESTAMP_COLS) * SAMPLES_PER_CELL + 1;
      const y0 = Math.floor(cell / TIMESTAMP_COLS) * SAMPLES_PER_CELL + 1;
      let sum = 0;
      for (let y = y0; y < y0 + 2; y++) {
        for (let x = x0; x < x0 + 2; x++) {
          const i = (y * canvas.width + x) * 4;
          sum += data[i]! + data[i + 1]! + data[i + 2]!;
        }
      }
      levels[cell] = sum / 12;
    }
    return decodeTimestamp(levels);
  }

  function playbackQuality(video: HTMLVideoElement): { decoded: number; dropped: number } {
    const q = video.getVideoPlaybackQuality();
    return { decoded: q.totalVideoFrames, dropped: q.droppedVideoFrames };
  }

  function freshWindow(video: HTMLVideoElement): Track['window'] {
    const q = playbackQuality(video);
    return { latencyMs: [], bufferMs: [], presented: 0, unreadable: 0, resets: 0, decoded0: q.decoded, dropped0: q.dropped };
  }

  function onFrame(track: Track, metadata: VideoFrameCallbackMetadata): void {
    track.callbackId = track.video.requestVideoFrameCallback((_, m) => onFrame(track, m));
    // The compositor's expected display time is the closest this page can get to "glass".
    const shownAt = performance.timeOrigin + metadata.expectedDisplayTime;
    track.window.presented += track.lastPresented > 0 ? Math.max(1, metadata.presentedFrames - track.lastPresented) : 1;
    track.lastPresented = metadata.presentedFrames;
    track.lastFrameAt = shownAt;
    const everyFrame = everyFrameUntilWithinMs !== null && !track.reachedEdge;
    if (!everyFrame && shownAt - track.lastReadAt < readIntervalMs * READ_INTERVAL_SLACK) return;
    track.lastReadAt = shownAt;
    const started = performance.now();
    const captured = readCaptureMs(track.video);
    readMs.push(performance.now() - started);
    if (captured === null) {
      track.window.unreadable++;
    } else {
      const latencyMs = shownAt - captured;
      if (everyFrameUntilWithinMs !== null && latencyMs <= everyFrameUntilWithinMs) track.reachedEdge = true;
      track.window.latencyMs.push(latencyMs);
      const { buffered, currentTime } = track.video;
      if (buffered.length > 0) track.window.bufferMs.push(1000 * (buffered.end(buffered.length - 1) - currentTime));
      track.shown.push({ at: shownAt, latencyMs, track });
      if (track.shown.length > SHOWN_MEMORY) track.shown.splice(0, track.shown.length - SHOWN_MEMORY);
      for (const wake of waiters) wake();
    }
  }

  function follow(video: HTMLVideoElement): void {
    if (tracks.has(video)) return;
    const track: Track = {
      video,
      callbackId: 0,
      lastFrameAt: 0,
      lastReadAt: 0,
      lastPresented: 0,
      reachedEdge: false,
      createdAt: now(),
      sourceAt: now(),
      metadataAt: null,
      shown: [],
      window: freshWindow(video),
    };
    tracks.set(video, track);
    track.callbackId = video.requestVideoFrameCallback((_, m) => onFrame(track, m));
    video.addEventListener('loadstart', () => {
      track.sourceAt = now();
      track.metadataAt = null;
      track.reachedEdge = false;
      track.shown = [];
      track.lastPresented = 0;
      track.lastReadAt = 0;
      track.window.resets++;
      // The playback-quality counters restart with the new source.
      track.window.decoded0 = 0;
      track.window.dropped0 = 0;
    });
    video.addEventListener('loadedmetadata', () => {
      track.metadataAt = now();
    });
    // A reset element may forget a pending callback; re-arm so exactly one is pending.
    video.addEventListener('emptied', () => {
      video.cancelVideoFrameCallback(track.callbackId);
      track.callbackId = video.requestVideoFrameCallback((_, m) => onFrame(track, m));
    });
  }

  const scan = (node: Node) => {
    if (node instanceof HTMLVideoElement) follow(node);
    else if (node instanceof Element) node.querySelectorAll('video').forEach(follow);
  };
  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(scan);
    // Removed videos stop presenting frames; forget them so they are not reported.
    for (const video of tracks.keys()) if (!video.isConnected) tracks.delete(video);
  }).observe(document, { childList: true, subtree: true });

  const tileOf = (video: HTMLVideoElement) => video.closest<HTMLElement>('[data-tile]');

  const probe: BenchProbe = {
    setReadInterval(ms, untilWithinMs) {
      readIntervalMs = Math.max(0, ms);
      everyFrameUntilWithinMs = untilWithinMs ?? null;
    },

    begin() {
      windowStart = now();
      readMs = [];
      for (const track of tracks.values()) track.window = freshWindow(track.video);
    },

    end() {
      const tiles: TileWindow[] = [];
      for (const track of tracks.values()) {
        const tile = tileOf(track.video);
        if (!tile) continue;
        const q = playbackQuality(track.video);
        tiles.push({
          attrs: { ...tile.dataset } as Record<string, string>,
          latencyMs: track.window.latencyMs,
          bufferMs: track.window.bufferMs,
          presentedFrames: track.window.presented,
          unreadable: track.window.unreadable,
          decodedFrames: Math.max(0, q.decoded - track.window.decoded0),
          droppedFrames: Math.max(0, q.dropped - track.window.dropped0),
          sourceResets: track.window.resets,
          width: track.video.videoWidth,
          height: track.video.videoHeight,
        });
      }
      const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
      const debug = (window as Window & { __atalayaDebug?: { snapshot(): unknown } }).__atalayaDebug?.snapshot() ?? null;
      return { durationMs: now() - windowStart, tiles, readMs, jsHeapBytes: memory?.usedJSHeapSize ?? null, debug };
    },

    firstFrames(sinceMs, expected, liveWithinMs, timeoutMs) {
      const measure = (): { results: FirstFrame[]; done: boolean } => {
        const results = expected.map(({ tile, cameraId, changed }): FirstFrame => {
          const none = { tile, firstFrameMs: null, firstLatencyMs: null, liveEdgeMs: null, videoCreatedMs: null, metadataMs: null };
          const element = document.querySelector<HTMLElement>(`[data-tile="${tile}"]`);
          if (!element || element.dataset.cameraId !== cameraId) return none;
          // A player may keep its old video up until a new one has a frame, so look at every video
          // of the tile; one that changed camera may still present the old camera's frames until
          // its player is rebuilt, so only videos given a source after the switch count.
          const after = Array.from(element.querySelectorAll('video'))
            .map((video) => tracks.get(video))
            .filter((track): track is Track => track !== undefined && (!changed || track.sourceAt >= sinceMs))
            .flatMap((track) => track.shown.filter((s) => s.at >= sinceMs))
            .sort((a, b) => a.at - b.at);
          const first = after[0];
          const live = after.find((s) => s.latencyMs <= liveWithinMs);
          const firstTrack = first?.track;
          return {
            tile,
            firstFrameMs: first ? first.at - sinceMs : null,
            firstLatencyMs: first?.latencyMs ?? null,
            liveEdgeMs: live ? live.at - sinceMs : null,
            videoCreatedMs: firstTrack ? Math.max(0, firstTrack.createdAt - sinceMs) : null,
            metadataMs: firstTrack?.metadataAt != null ? firstTrack.metadataAt - sinceMs : null,
          };
        });
        return { results, done: results.every((r) => r.liveEdgeMs !== null) };
      };
      return new Promise((resolve) => {
        const finish = (results: FirstFrame[]) => {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(results);
        };
        const check = () => {
          const { results, done } = measure();
          if (done) finish(results);
        };
        const timer = setTimeout(() => finish(measure().results), timeoutMs);
        waiters.add(check);
        check();
      });
    },

    liveTiles(withinMs) {
      const since = now() - withinMs;
      const withVideo = new Set<string>();
      const live = new Set<string>();
      for (const track of tracks.values()) {
        const tile = tileOf(track.video)?.dataset.tile;
        if (tile === undefined) continue;
        withVideo.add(tile);
        if (track.lastFrameAt >= since) live.add(tile);
      }
      return { live: live.size, videos: withVideo.size };
    },
  };
  window.__benchProbe = probe;
}
