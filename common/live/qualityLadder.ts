import type { Stream } from '../site/siteSchema';
import { streamsBySize } from '../site/streamUrl';

/**
 * Picks the stream a tile should play: the smallest one at least as large as the tile's on-screen
 * size in device pixels (what commercial clients do; decoding 640×360 into a 300-pixel tile wastes
 * the CPU that 60 other tiles need).
 *
 * Hysteresis, so resizing does not flap: a tile keeps its current stream while that stream is
 * within LADDER_UPSCALE_SLACK of the tile's size (a slight upscale is invisible) and no smaller
 * stream would fit; it goes down as soon as a smaller stream fits, and up once the current one is
 * clearly too small. A tile restored from maximized therefore returns to the substream at once.
 */
export const LADDER_UPSCALE_SLACK = 1.25;

export function pickStream(streams: readonly Stream[], tileWidthPx: number, tileHeightPx: number, current?: Stream): Stream {
  const ordered = streamsBySize(streams);
  const fits = (s: Stream, slack = 1) => s.width * slack >= tileWidthPx && s.height * slack >= tileHeightPx;
  const wanted = ordered.find((s) => fits(s)) ?? ordered[ordered.length - 1]!;
  if (!current || !ordered.includes(current) || current === wanted) return wanted;
  const smallerFits = ordered.indexOf(wanted) < ordered.indexOf(current);
  if (!smallerFits && fits(current, LADDER_UPSCALE_SLACK)) return current;
  return wanted;
}
