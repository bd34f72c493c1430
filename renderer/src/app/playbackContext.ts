import { createContext, useContext } from 'react';
import type { MasksState } from '../../../common/contract/methods/masks';
import type { StreamRoute } from '../../../common/site/streamUrl';
import type { WallGovernor } from '../player/wallGovernor';
import type { RuntimeFlags } from './runtimeFlags';

export interface Playback {
  flags: RuntimeFlags;
  /** Null when `governor=off`. */
  governor: WallGovernor | null;
  hud: boolean;
  /** Privacy masks of every camera; tiles draw them over the picture. */
  masks: MasksState;
  /** How this window reaches streams (Electron scheme, the web host's multiplexer, or directly). */
  streams: { route: StreamRoute; token: string | null };
}

export const PlaybackContext = createContext<Playback | null>(null);

export function usePlayback(): Playback {
  const value = useContext(PlaybackContext);
  if (!value) throw new Error('usePlayback outside PlaybackContext');
  return value;
}
