import { useEffect } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import type { ReportedState } from '../../../common/map/liveStatus';

/**
 * This window's side of the cameras' live state (see common/map/liveStatus): every player in the
 * window (wall tiles, the map's hover preview) publishes what it shows, and the window sends the
 * whole set to main — batched, and repeated every 10 s so main can tell a closed window from a
 * quiet one. Install once per window with the window's API.
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

export function installLiveStatusReporter(windowApi: WallApi): void {
  api = windowApi;
  clearInterval(heartbeat);
  heartbeat = setInterval(() => send(true), HEARTBEAT_MS);
  schedule();
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
