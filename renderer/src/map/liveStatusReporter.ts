import { useEffect } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import { reportedStateOf, type ReportedState } from '../../../common/map/liveStatus';
import type { TileState } from '../../../common/live/tileStatus';

/**
 * This window's side of the cameras' live state (see common/map/liveStatus): every player in the
 * window publishes what it shows, and the window sends the whole set to main — batched, and
 * repeated every 10 s so main can tell a closed window from a quiet one. Install once per window
 * with the window's API: wall tiles are then read from their `data-camera-id` / `data-state` /
 * `data-degraded` attributes (the tile's public face, which other features read too), and the
 * map's hover preview publishes through `usePublishPlayerState`.
 */

const SEND_DELAY_MS = 300;
const HEARTBEAT_MS = 10_000;

// Several players of one camera in one window: the best state speaks for the window.
const RANK: Record<ReportedState, number> = { error: 0, offline: 1, reconnecting: 2, connecting: 3, degraded: 4, live: 5 };

const players = new Map<string, { cameraId: string; state: ReportedState }>();
let api: WallApi | null = null;
let sendTimer: ReturnType<typeof setTimeout> | undefined;
let heartbeat: ReturnType<typeof setInterval> | undefined;
let lastSent = '';

let observer: MutationObserver | undefined;

export function installLiveStatusReporter(windowApi: WallApi, root: HTMLElement | null = document.body): void {
  api = windowApi;
  clearInterval(heartbeat);
  heartbeat = setInterval(() => send(true), HEARTBEAT_MS);
  if (root && !observer) watchTiles(root);
  schedule();
}

const TILE_STATES = new Set<string>(['idle', 'connecting', 'live', 'reconnecting', 'offline', 'error']);
const tileKeys = new WeakMap<Element, string>();
let nextTileKey = 1;
let tileScan: ReturnType<typeof setTimeout> | undefined;
let publishedTiles = new Set<string>();

/** Publishes every `[data-tile]` under `root` and follows their changes. */
function watchTiles(root: HTMLElement): void {
  const scan = () => {
    tileScan = undefined;
    const seen = new Set<string>();
    for (const tile of root.querySelectorAll<HTMLElement>('[data-tile][data-camera-id]')) {
      let key = tileKeys.get(tile);
      if (!key) tileKeys.set(tile, (key = `tile-${nextTileKey++}`));
      const cameraId = tile.dataset.cameraId ?? '';
      const state = tile.dataset.state ?? '';
      const reported = cameraId !== '' && TILE_STATES.has(state) ? reportedStateOf(state as TileState, Number(tile.dataset.degraded ?? 0) > 0) : null;
      publishPlayerState(key, reported ? cameraId : null, reported);
      seen.add(key);
    }
    for (const key of publishedTiles) if (!seen.has(key)) publishPlayerState(key, null, null);
    publishedTiles = seen;
  };
  observer = new MutationObserver(() => {
    tileScan ??= setTimeout(scan, 100);
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-camera-id', 'data-degraded'] });
  scan();
}

/** `state` null: the player is gone or shows nothing (an idle tile). */
export function publishPlayerState(playerKey: string, cameraId: string | null, state: ReportedState | null): void {
  const before = players.get(playerKey);
  if (cameraId === null || state === null) {
    if (!before) return;
    players.delete(playerKey);
  } else {
    if (before && before.cameraId === cameraId && before.state === state) return;
    players.set(playerKey, { cameraId, state });
  }
  schedule();
}

/** For a React player: publishes while mounted, withdraws on unmount or camera change. */
export function usePublishPlayerState(playerKey: string, cameraId: string | null, state: ReportedState | null): void {
  useEffect(() => {
    publishPlayerState(playerKey, cameraId, state);
  }, [playerKey, cameraId, state]);
  useEffect(() => () => publishPlayerState(playerKey, null, null), [playerKey]);
}

export function currentReport(): Record<string, ReportedState> {
  const out: Record<string, ReportedState> = {};
  for (const { cameraId, state } of players.values()) {
    const had = out[cameraId];
    if (had === undefined || RANK[state] > RANK[had]) out[cameraId] = state;
  }
  return out;
}

function schedule(): void {
  if (!api || sendTimer !== undefined) return;
  sendTimer = setTimeout(() => {
    sendTimer = undefined;
    send(false);
  }, SEND_DELAY_MS);
}

function send(always: boolean): void {
  if (!api) return;
  const cameras = currentReport();
  const text = JSON.stringify(cameras);
  // Nothing to say and nothing said before: stay quiet.
  if (!always && text === lastSent) return;
  if (always && text === '{}' && lastSent === '{}') return;
  lastSent = text;
  void api.call('streams.report', { cameras });
}
