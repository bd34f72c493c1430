import { muxCounts } from './streamMuxClient';

/**
 * Live counts of players, MediaSources and stream channels to the web host, exposed as `window.__atalayaDebug` so tests (and a
 * support engineer in DevTools) can see whether layout switches leak decoders.
 */
let players = 0;
let mediaSourcesOpen = 0;

export const debugCounters = {
  playerCreated: () => void players++,
  playerDestroyed: () => void players--,
  snapshot: () => ({
    players,
    mediaSources: mediaSourcesOpen,
    videosWithSource: document.querySelectorAll('video[src]').length,
    /** Open sockets to the web host's stream multiplexer (one per page) and the channels on them. */
    hostStreamSockets: muxCounts().sockets,
    hostStreamChannels: muxCounts().channels,
  }),
};

/**
 * Counts MediaSources between construction and 'sourceclose' (fired when the element lets go of
 * it). Installed once at start, before any player exists.
 */
export function installDebugCounters(): void {
  const Native = window.MediaSource;
  if (!Native || (Native as { __counted?: boolean }).__counted) return;
  class CountedMediaSource extends Native {
    static __counted = true;
    constructor() {
      super();
      let open = false;
      this.addEventListener('sourceopen', () => {
        if (!open) {
          open = true;
          mediaSourcesOpen++;
        }
      });
      this.addEventListener('sourceclose', () => {
        if (open) {
          open = false;
          mediaSourcesOpen--;
        }
      });
    }
  }
  window.MediaSource = CountedMediaSource;
  (window as unknown as { __atalayaDebug: unknown }).__atalayaDebug = debugCounters;
}
