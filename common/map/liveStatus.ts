import { z } from 'zod';
import type { TileState } from '../live/tileStatus';

/**
 * Live state of each camera, for the map's marker colours. Only a player knows whether a stream
 * is live, and players run in the renderer windows (wall tiles, map previews) — each a different
 * window from the console's map. So every window reports what its players show, main combines the
 * reports per camera, and pushes the result to every window (`streams.report` → `streams.changed`).
 * A camera nobody is watching is `unknown`: the map shows it grey rather than guess.
 */

/** What one player says about its camera. `degraded`: live, but on a lighter stream (overload). */
export const REPORTED_STATES = ['connecting', 'live', 'degraded', 'reconnecting', 'offline', 'error'] as const;
export const ReportedStateSchema = z.enum(REPORTED_STATES);
export type ReportedState = z.infer<typeof ReportedStateSchema>;

/** What the map shows: the three colours the issue asks for, and grey. */
export const MAP_LIVE_STATES = ['live', 'degraded', 'offline', 'unknown'] as const;
export const MapLiveStateSchema = z.enum(MAP_LIVE_STATES);
export type MapLiveState = z.infer<typeof MapLiveStateSchema>;

/** A tile's state as a report; an idle tile (no camera, not started) reports nothing. */
export function reportedStateOf(state: TileState, degraded = false): ReportedState | null {
  if (state === 'idle') return null;
  if (state === 'live') return degraded ? 'degraded' : 'live';
  return state;
}

/**
 * One camera's state from every report about it. The best picture anyone has wins: if any window
 * shows it live the camera is up (a failing tile elsewhere is that tile's problem, not the
 * camera's). Connecting or reconnecting is "degraded": not known to be down yet.
 */
export function combineReports(states: Iterable<ReportedState>): MapLiveState {
  let best: MapLiveState = 'unknown';
  const rank: Record<MapLiveState, number> = { unknown: 0, offline: 1, degraded: 2, live: 3 };
  for (const state of states) {
    const shown: MapLiveState = state === 'live' ? 'live' : state === 'offline' || state === 'error' ? 'offline' : 'degraded';
    if (rank[shown] > rank[best]) best = shown;
  }
  return best;
}
