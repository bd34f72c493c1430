import type { Page } from '@playwright/test';
import { openWall, sleep, sourceStats, type Harness } from './harness';
import { pageQuery, readIntervalFor, sourceFps, viewFor, type CellSpec } from './matrix';
import type { TileWindow, WindowResult } from './page/pageProbe';
import { cpuBetween, machineBusyBetween, sampleMachine, sampleTree, treeMemory, type CpuUse } from './processStats';
import { median, summarize, type Summary } from './stats';

/**
 * One cell of the matrix: a steady wall of N tiles, measured over a fixed window after a
 * warm-up. Everything the report shows for the cell comes from here.
 */

export interface CellTiming {
  warmupS: number;
  measureS: number;
}

export interface CellResult {
  spec: CellSpec;
  /** Each tile's timestamp was read at most this often (see BenchProbe.setReadInterval). */
  readIntervalMs: number;
  windowS: number;
  /** From opening the page until every tile presented frames; null if some had not within allLiveLimitMs. */
  allLiveAfterLoadMs: number | null;
  /** Glass-to-glass over every read frame of every tile. */
  latencyMs: Summary;
  /** The players' buffer at each read (see TileWindow.bufferMs). */
  bufferMs: Summary;
  /** The worst tile's own p95. */
  worstTileP95Ms: number | null;
  tiles: {
    expected: number;
    withVideo: number;
    /** Tiles that presented a frame in the window's last PRESENTING_WITHIN_MS. */
    presenting: number;
    /** Counts of each data-* value of the tiles at the end (state, quality, degraded…). */
    attributes: Record<string, Record<string, number>>;
  };
  fps: {
    source: number;
    /** Per tile, median over tiles, and the slowest tile. */
    presentedMedian: number | null;
    presentedMin: number | null;
    decodedMedian: number | null;
  };
  /** Dropped ÷ decoded frames, all tiles (getVideoPlaybackQuality). */
  droppedPct: number | null;
  unreadablePct: number | null;
  sourceResets: number;
  cpu: { browser: CpuUse; harness: CpuUse; machineBusyPct: number };
  memory: { browserPssMb: number; jsHeapMb: number | null; browserProcesses: number };
  probe: { readsPerS: number; readP50Ms: number | null };
  /** Capture to encoded (ffmpeg out), and how late the source painted frames, in the window. */
  source: { encodeMs: Summary; lateMs: Summary };
  debug: unknown;
  /** Set when the first attempt at the cell failed outright and this is the second. */
  retriedAfter?: string;
}

/** Longer than the 1 s GOP, so a tile the governor cut to keyframes only still counts as presenting. */
const PRESENTING_WITHIN_MS = 2000;

/** Attributes that name a tile rather than describe its state. */
const IDENTITY_ATTRS = new Set(['tile', 'cameraId', 'cameraNumber']);

export function countAttributes(tiles: TileWindow[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const { attrs } of tiles) {
    for (const [name, value] of Object.entries(attrs)) {
      if (IDENTITY_ATTRS.has(name)) continue;
      out[name] ??= {};
      out[name][value] = (out[name][value] ?? 0) + 1;
    }
  }
  return out;
}

/** Twice the warm-up (at least 5 s): long enough to see a slow start, short enough for a wall that never completes. */
export const allLiveLimitMs = (timing: CellTiming): number => Math.max(5000, 2000 * timing.warmupS);

/**
 * The probe reports per video; a tile can hold two while its player swaps streams (the old
 * picture stays until the new one has a frame), so figures per tile add its videos up.
 */
export function mergeByTile(videos: TileWindow[]): TileWindow[] {
  const byTile = new Map<string, TileWindow>();
  for (const v of videos) {
    const key = v.attrs.tile ?? '';
    const seen = byTile.get(key);
    if (!seen) {
      byTile.set(key, { ...v });
      continue;
    }
    const main = v.presentedFrames > seen.presentedFrames ? v : seen;
    byTile.set(key, {
      attrs: main.attrs,
      latencyMs: [...seen.latencyMs, ...v.latencyMs],
      bufferMs: [...seen.bufferMs, ...v.bufferMs],
      presentedFrames: seen.presentedFrames + v.presentedFrames,
      unreadable: seen.unreadable + v.unreadable,
      decodedFrames: seen.decodedFrames + v.decodedFrames,
      droppedFrames: seen.droppedFrames + v.droppedFrames,
      sourceResets: seen.sourceResets + v.sourceResets,
      width: main.width,
      height: main.height,
    });
  }
  return [...byTile.values()];
}

const probeWindow = (page: Page) => page.evaluate(() => window.__benchProbe!.end());

/** Waits until every tile presents frames, up to `limitMs`; returns the time taken or null. */
async function waitAllLive(page: Page, tiles: number, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const { live } = await page.evaluate((within) => window.__benchProbe!.liveTiles(within), PRESENTING_WITHIN_MS);
    if (live >= tiles) return performance.now() - started;
    await sleep(100);
  }
  return null;
}

export async function runSteadyCell(harness: Harness, spec: CellSpec, timing: CellTiming): Promise<CellResult> {
  await harness.wall.show(viewFor(spec));
  const opened = performance.now();
  const { context, page } = await openWall(harness, pageQuery(spec));
  try {
    const readIntervalMs = readIntervalFor(spec);
    await page.evaluate((ms) => window.__benchProbe!.setReadInterval(ms), readIntervalMs);
    // A wall that never goes fully live still gets measured: that is a result too.
    const allLive = await waitAllLive(page, spec.tiles, allLiveLimitMs(timing));
    const allLiveAfterLoadMs = allLive === null ? null : performance.now() - opened;
    await sleep(timing.warmupS * 1000 - (performance.now() - opened));

    await sourceStats(harness); // starts the source's figures afresh
    await page.evaluate(() => window.__benchProbe!.begin());
    const browser0 = sampleTree([harness.bench.pid]);
    const harness0 = sampleTree(harness.harnessPids);
    const machine0 = sampleMachine();
    await sleep(timing.measureS * 1000);
    const probed: WindowResult = await probeWindow(page);
    const browser1 = sampleTree([harness.bench.pid]);
    const harness1 = sampleTree(harness.harnessPids);
    const machine1 = sampleMachine();
    const source = await sourceStats(harness);
    const live = await page.evaluate((within) => window.__benchProbe!.liveTiles(within), PRESENTING_WITHIN_MS);
    const memory = treeMemory([harness.bench.pid]);

    const seconds = probed.durationMs / 1000;
    const tiles = mergeByTile(probed.tiles);
    const decoded = tiles.reduce((s, t) => s + t.decodedFrames, 0);
    const dropped = tiles.reduce((s, t) => s + t.droppedFrames, 0);
    const reads = tiles.reduce((s, t) => s + t.latencyMs.length + t.unreadable, 0);
    const unreadable = tiles.reduce((s, t) => s + t.unreadable, 0);
    const tileP95s = tiles.map((t) => summarize(t.latencyMs).p95).filter((v): v is number => v !== null);
    const quality = spec.cameras === 'sub' ? 'sub' : 'main';
    return {
      spec,
      readIntervalMs,
      windowS: seconds,
      allLiveAfterLoadMs,
      latencyMs: summarize(tiles.flatMap((t) => t.latencyMs)),
      bufferMs: summarize(tiles.flatMap((t) => t.bufferMs)),
      worstTileP95Ms: tileP95s.length > 0 ? Math.max(...tileP95s) : null,
      tiles: { expected: spec.tiles, withVideo: live.videos, presenting: live.live, attributes: countAttributes(tiles) },
      fps: {
        source: sourceFps(spec),
        presentedMedian: median(tiles.map((t) => t.presentedFrames / seconds)),
        presentedMin: tiles.length > 0 ? Math.min(...tiles.map((t) => t.presentedFrames / seconds)) : null,
        decodedMedian: median(tiles.map((t) => t.decodedFrames / seconds)),
      },
      droppedPct: decoded > 0 ? (100 * dropped) / decoded : null,
      unreadablePct: reads > 0 ? (100 * unreadable) / reads : null,
      sourceResets: tiles.reduce((s, t) => s + t.sourceResets, 0),
      cpu: { browser: cpuBetween(browser0, browser1), harness: cpuBetween(harness0, harness1), machineBusyPct: machineBusyBetween(machine0, machine1) },
      memory: { browserPssMb: memory.pssMb, jsHeapMb: probed.jsHeapBytes === null ? null : probed.jsHeapBytes / 2 ** 20, browserProcesses: memory.processes },
      probe: { readsPerS: reads / seconds, readP50Ms: median(probed.readMs) },
      source: { encodeMs: summarize(source[quality].encodeMs), lateMs: summarize(source[quality].lateMs) },
      debug: probed.debug,
    };
  } finally {
    await context.close();
  }
}
