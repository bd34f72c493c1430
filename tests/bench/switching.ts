import { benchCameraId } from './benchSite';
import { openWall, sleep, type Harness } from './harness';
import { clockMs } from './liveSource';
import { pageQuery, readIntervalFor } from './matrix';
import type { ExpectedTile, FirstFrame } from './page/pageProbe';
import { treeMemory } from './processStats';
import { median, slope, summarize, type Summary } from './stats';
import type { View } from './wallControl';

/**
 * Layout switches, as an operator makes them: a saved view (grid + cameras) put on the screen
 * through the contract, every `dwellS` seconds, cycling through views whose cameras all differ
 * from the previous view's, so every tile needs a new stream. For each switch: time until every
 * tile shows a frame of its new camera, and until it is at the live edge; then, over the last
 * `tailS` of the dwell, latency, and at its end, memory. The short run is the first-frame
 * measurement; the long one (--soak-minutes) is the soak.
 */

/** A frame this close to capture counts as "at the live edge" (the 36-tile p95 target). */
export const LIVE_EDGE_MS = 400;

export const SWITCH_VIEWS: View[] = [
  { name: 'Bench switch A', preset: '16', cameraIds: ladder(0, 16) },
  { name: 'Bench switch B', preset: '9', cameraIds: ladder(16, 9) },
  { name: 'Bench switch C', preset: '16', cameraIds: ladder(32, 16) },
  { name: 'Bench switch D', preset: '4', cameraIds: ladder(48, 4) },
];

function ladder(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => benchCameraId('ladder', from + i));
}

export interface SwitchRecord {
  /** Seconds since the first switch. */
  atS: number;
  view: string;
  tiles: number;
  /** Until the last tile showed its first frame; null if a tile showed none before the dwell's tail. */
  allFirstFrameMs: number | null;
  allLiveEdgeMs: number | null;
  tilesWithoutFrame: number;
  perTile: FirstFrame[];
  /** Over the dwell's last tailS. */
  latencyMs: Summary;
  presentedFpsMedian: number | null;
  browserPssMb: number;
  jsHeapMb: number | null;
  debug: unknown;
}

export interface SwitchingOptions {
  dwellS: number;
  tailS: number;
  /** Stop after this many switches, or when `durationMs` has passed, whichever is first. */
  switches: number;
  durationMs: number;
  /** How tiles reach their streams: the web host's multiplexer (the product's default) or a WebSocket each. */
  streams?: 'host' | 'direct';
  onRecord?: (record: SwitchRecord) => void;
}

export interface SwitchingResult {
  dwellS: number;
  streams?: 'host' | 'direct';
  /** How long a switch was given to show its first frames before it counted as failed. */
  firstFrameTimeoutMs: number;
  records: SwitchRecord[];
  /**
   * Over switches: until every tile showed a frame. A switch where a tile showed none counts
   * as the timeout (a lower bound), so failures raise the percentiles instead of vanishing.
   */
  allFirstFrameMs: Summary;
  /** Switches where some tile showed no frame within the timeout. */
  failedSwitches: number;
  /** Over every tile of every switch. */
  tileFirstFrameMs: Summary;
  /** Where a tile's first-frame time went: until its video existed, until its metadata was in. */
  tileVideoCreatedMs?: Summary;
  tileMetadataMs?: Summary;
  tileFirstLatencyMs: Summary;
  tileLiveEdgeMs: Summary;
  tilesWithoutFrame: number;
}

const nonNull = (values: Array<number | null>): number[] => values.filter((v): v is number => v !== null);

export async function runSwitching(harness: Harness, opts: SwitchingOptions): Promise<SwitchingResult> {
  for (const view of SWITCH_VIEWS) await harness.wall.save(view);
  let current = SWITCH_VIEWS[0]!;
  await harness.wall.show(current);
  const { context, page } = await openWall(harness, pageQuery({ engine: 'mpegts', playerConfig: 'tuned', governor: true, streams: opts.streams ?? 'host' }));
  const records: SwitchRecord[] = [];
  try {
    // Every frame of a tile is read from its new source until it reaches the live edge (its first
    // frame is never skipped), then at the steady cells' budget for a 16-tile wall.
    const interval = readIntervalFor({ tiles: 16, cameras: 'ladder', engine: 'mpegts', playerConfig: 'tuned', governor: true, id: 'n16-ladder' });
    await page.evaluate(([ms, edge]) => window.__benchProbe!.setReadInterval(ms, edge), [interval, LIVE_EDGE_MS] as const);
    await sleep(opts.dwellS * 1000);
    const started = clockMs();
    for (let i = 0; i < opts.switches && clockMs() - started < opts.durationMs; i++) {
      const next = SWITCH_VIEWS[(i + 1) % SWITCH_VIEWS.length]!;
      const expected: ExpectedTile[] = next.cameraIds.map((cameraId, tile) => ({ tile, cameraId, changed: current.cameraIds[tile] !== cameraId }));
      const t0 = clockMs();
      await harness.wall.show(next);
      const tailStart = (opts.dwellS - opts.tailS) * 1000;
      const perTile = await page.evaluate(([since, exp, edge, timeout]) => window.__benchProbe!.firstFrames(since, exp, edge, timeout), [t0, expected, LIVE_EDGE_MS, tailStart - (clockMs() - t0)] as const);
      await sleep(t0 + tailStart - clockMs());
      await page.evaluate(() => window.__benchProbe!.begin());
      await sleep(t0 + opts.dwellS * 1000 - clockMs());
      const tail = await page.evaluate(() => window.__benchProbe!.end());
      const firsts = perTile.map((t) => t.firstFrameMs);
      const edges = perTile.map((t) => t.liveEdgeMs);
      const record: SwitchRecord = {
        atS: (t0 - started) / 1000,
        view: next.name,
        tiles: next.cameraIds.length,
        allFirstFrameMs: firsts.includes(null) ? null : Math.max(...nonNull(firsts)),
        allLiveEdgeMs: edges.includes(null) ? null : Math.max(...nonNull(edges)),
        tilesWithoutFrame: firsts.filter((f) => f === null).length,
        perTile,
        latencyMs: summarize(tail.tiles.flatMap((t) => t.latencyMs)),
        presentedFpsMedian: median(tail.tiles.map((t) => t.presentedFrames / (tail.durationMs / 1000))),
        browserPssMb: treeMemory([harness.bench.pid]).pssMb,
        jsHeapMb: tail.jsHeapBytes === null ? null : tail.jsHeapBytes / 2 ** 20,
        debug: tail.debug,
      };
      records.push(record);
      opts.onRecord?.(record);
      current = next;
    }
  } finally {
    await context.close();
  }
  const tiles = records.flatMap((r) => r.perTile);
  const timeoutMs = (opts.dwellS - opts.tailS) * 1000;
  return {
    dwellS: opts.dwellS,
    streams: opts.streams ?? 'host',
    firstFrameTimeoutMs: timeoutMs,
    records,
    allFirstFrameMs: summarize(records.map((r) => r.allFirstFrameMs ?? timeoutMs)),
    failedSwitches: records.filter((r) => r.allFirstFrameMs === null).length,
    tileFirstFrameMs: summarize(nonNull(tiles.map((t) => t.firstFrameMs))),
    tileVideoCreatedMs: summarize(nonNull(tiles.map((t) => t.videoCreatedMs ?? null))),
    tileMetadataMs: summarize(nonNull(tiles.map((t) => t.metadataMs ?? null))),
    tileFirstLatencyMs: summarize(nonNull(tiles.map((t) => t.firstLatencyMs))),
    tileLiveEdgeMs: summarize(nonNull(tiles.map((t) => t.liveEdgeMs))),
    tilesWithoutFrame: records.reduce((s, r) => s + r.tilesWithoutFrame, 0),
  };
}

export interface SoakVerdict {
  /** Memory of each sample against the first sample of the same view after the first minute, %. */
  memoryMaxDeviationPct: number | null;
  memoryReferenceMb: Record<string, number>;
  /** Least-squares slope of the per-dwell p50 latency, ms per 10 minutes. */
  latencySlopeMsPer10Min: number | null;
  /** Median per-dwell p95 over the first and the last five minutes. */
  firstFiveMinP95Ms: number | null;
  lastFiveMinP95Ms: number | null;
}

/**
 * Views differ in tile count, so memory is compared view by view: each against that view's first
 * sample after the first minute (the "level after the first minute").
 */
export function soakVerdict(records: SwitchRecord[]): SoakVerdict {
  const reference: Record<string, number> = {};
  let worst: number | null = null;
  for (const r of records) {
    if (r.atS < 60) continue;
    const ref = (reference[r.view] ??= r.browserPssMb);
    const deviation = (100 * (r.browserPssMb - ref)) / ref;
    if (worst === null || Math.abs(deviation) > Math.abs(worst)) worst = deviation;
  }
  const p50s = records.flatMap((r) => (r.latencyMs.p50 === null ? [] : [{ x: r.atS / 600, y: r.latencyMs.p50 }]));
  const end = records.at(-1)?.atS ?? 0;
  return {
    memoryMaxDeviationPct: worst,
    memoryReferenceMb: reference,
    latencySlopeMsPer10Min: slope(p50s),
    firstFiveMinP95Ms: median(nonNull(records.filter((r) => r.atS < 300).map((r) => r.latencyMs.p95))),
    lastFiveMinP95Ms: median(nonNull(records.filter((r) => r.atS >= end - 300).map((r) => r.latencyMs.p95))),
  };
}
