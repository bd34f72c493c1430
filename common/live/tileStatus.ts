/** What a tile tells the operator about its stream. Mirrored in the tile's `data-state`. */
export type TileState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline' | 'error';

export interface TileStatus {
  state: TileState;
  /** Why the tile is not live (a short machine code, translated by the UI). */
  reason?: TileReason;
  /** Detail from the engine or network, shown under the translated reason. */
  detail?: string;
  attempt?: number;
  /** When the next connection attempt happens (epoch ms). */
  nextAttemptAt?: number;
}

export type TileReason =
  | 'network'
  | 'http_status'
  | 'stream_ended'
  | 'media_format'
  | 'media_decode'
  | 'stalled'
  | 'unsupported';

/**
 * After this many failed attempts in a row a tile says "offline" instead of "reconnecting": the
 * camera is probably down, not blipping. It keeps retrying while shown either way.
 */
export const OFFLINE_AFTER_ATTEMPTS = 3;

export function failureState(reason: TileReason, attempt: number): TileState {
  if (reason === 'media_format' || reason === 'media_decode' || reason === 'unsupported') return 'error';
  return attempt >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting';
}
