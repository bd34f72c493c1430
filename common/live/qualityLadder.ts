import type { Stream } from '../site/siteSchema';
import { streamsBySize } from '../site/streamUrl';

/**
 * Picks the stream a tile should play: the smallest one at least as large as the tile's on-screen
 * size in device pixels (what commercial clients do; decoding 640×360 into a 300-pixel tile wastes
 * the CPU that 60 other tiles need). Hysteresis: a tile already on a larger stream keeps it until
 * the tile shrinks below `keepRatio` of what the smaller stream covers, so resizing does not flap.
 */
export const LADDER_KEEP_RATIO = 0.8;

export function pickStream(streams: readonly Stream[], tileWidthPx: number, tileHeightPx: number, current?: Stream): Stream {
  const ordered = streamsBySize(streams);
  const fits = (s: Stream, slack = 1) => s.width >= tileWidthPx * slack && s.height >= tileHeightPx * slack;
  const wanted = ordered.find((s) => fits(s)) ?? ordered[ordered.length - 1]!;
  if (current && ordered.includes(current) && current !== wanted) {
    const currentIndex = ordered.indexOf(current);
    const wantedIndex = ordered.indexOf(wanted);
    // Going down: only once the tile is clearly smaller than the smaller stream.
    if (wantedIndex < currentIndex && !fits(wanted, 1 / LADDER_KEEP_RATIO)) return current;
  }
  return wanted;
}
