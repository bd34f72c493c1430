import type { Browser, BrowserContext, Page } from '@playwright/test';
import { openSignedIn } from './benchHost';
import type { BenchBrowser } from './browser';
import { clockMs } from './liveSource';
import { VIEWPORT } from './matrix';
import { probeScript } from './pageScript';
import type { SourceStats } from './sourceServer';
import type { WallControl } from './wallControl';

/** What every measurement shares: the browser under test, the wall's host and the bench source. */
export interface Harness {
  bench: BenchBrowser;
  hostUrl: string;
  wall: WallControl;
  /** http://127.0.0.1:PORT of the bench source, for /stats. */
  sourceHttp: string;
  /** Roots of the harness's own processes (web host, bench source with its ffmpegs). */
  harnessPids: number[];
}

export async function sourceStats(harness: Harness): Promise<SourceStats> {
  const res = await fetch(`${harness.sourceHttp}/stats`);
  return (await res.json()) as SourceStats;
}

/** A fresh browser context (no state from an earlier cell) with the probe installed, signed in to the wall. */
export async function openWall(harness: Harness, query: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.bench.browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript({ content: probeScript() });
  await openSignedIn(page, `${harness.hostUrl}/${query}`);
  return { context, page };
}

export interface ClockCheck {
  /** The page's clock (timeOrigin + now) minus this process's, at the best round trip. */
  pageMinusNodeMs: number;
  /** That round trip: the offset is known to ± half of it. */
  rttMs: number;
}

/**
 * Latency subtracts a time painted by the source process from one read in the page; both read
 * the system clock, but each fixes its time origin once, so check they agree.
 */
export async function checkClocks(browser: Browser): Promise<ClockCheck> {
  const page = await browser.newPage();
  try {
    let best: ClockCheck = { pageMinusNodeMs: 0, rttMs: Infinity };
    for (let i = 0; i < 20; i++) {
      const before = clockMs();
      const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
      const after = clockMs();
      if (after - before < best.rttMs) best = { pageMinusNodeMs: pageNow - (before + after) / 2, rttMs: after - before };
    }
    return best;
  } finally {
    await page.close();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
