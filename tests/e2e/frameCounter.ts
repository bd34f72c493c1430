import type { Page } from '@playwright/test';

/**
 * Counts decoded frames per tile across stream switches: a tile may replace its <video> (quality
 * ladder, overload governor, reconnect), which resets totalVideoFrames, so the page accumulates
 * each element's getVideoPlaybackQuality().totalVideoFrames deltas under its tile index.
 */
export async function installFrameCounter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const perTile = new Map<string, number>();
    const lastSeen = new WeakMap<HTMLVideoElement, number>();
    setInterval(() => {
      for (const video of document.querySelectorAll<HTMLVideoElement>('[data-tile] video')) {
        const tile = video.closest('[data-tile]')?.getAttribute('data-tile');
        if (tile == null) continue;
        const frames = video.getVideoPlaybackQuality().totalVideoFrames;
        const before = lastSeen.get(video) ?? 0;
        lastSeen.set(video, frames);
        if (frames > before) perTile.set(tile, (perTile.get(tile) ?? 0) + frames - before);
      }
    }, 100);
    (window as unknown as { __tileFrames: () => Record<string, number> }).__tileFrames = () => Object.fromEntries(perTile);
  });
}

/** Frames decoded so far by each of `count` tiles, in tile order. */
export async function tileFrames(page: Page, count: number): Promise<number[]> {
  const counts = await page.evaluate(() => (window as unknown as { __tileFrames: () => Record<string, number> }).__tileFrames());
  return Array.from({ length: count }, (_, i) => counts[String(i)] ?? 0);
}
