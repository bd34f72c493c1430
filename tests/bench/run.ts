import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_ADMIN, startBenchHost } from './benchHost';
import { launchBrowser, type BenchBrowser } from './browser';
import { chartSvg, renderPng } from './chart';
import { checkClocks, type Harness } from './harness';
import { BENCH_STREAMS } from './liveSource';
import { machineFacts } from './machineFacts';
import { comparisons, uniqueCells, type CellSpec } from './matrix';
import { renderMarkdown } from './report';
import { mergeWithExisting, writeResults, type BenchResults } from './results';
import { runAnalyticsBench, writeAnalyticsResults } from './analyticsBench';
import { runSimulatorCpuBench } from './simulatorCpu';
import { checkSource } from './sourceCheck';
import { startSourceProcess, type SourceProcess } from './sourceProcess';
import { runSteadyCell, type CellResult, type CellTiming } from './steadyCell';
import { runSwitching, soakVerdict } from './switching';
import { WallControl } from './wallControl';
import type { HostProcess } from '../support/webHostProcess';

const ROOT = resolve(import.meta.dirname, '..', '..');

const USAGE = `Usage: npm run bench -- [options]

Glass-to-glass latency of the wall in headless Chromium (see bench/README.md).
  --quick               smoke run (~2 min): a subset of the matrix, short windows
  --warmup S            seconds before each cell is measured (default 10, quick 3)
  --measure S           seconds each cell is measured (default 20, quick 5)
  --switches N          layout switches for the first-frame measurement (default 24, quick 8)
  --soak-minutes N      also run the switching soak (a layout switch every 10 s) for N minutes
  --only LIST           comma-separated: cell ids (e.g. n36-sub), matrix, switch, simulator, analytics, soak
  --chromium PATH       browser binary (default /usr/bin/chromium, or $CHROMIUM_PATH)
  --out DIR             where results go (default bench/results)`;

interface Options {
  quick: boolean;
  warmupS: number;
  measureS: number;
  switches: number;
  soakMinutes: number;
  only: Set<string> | null;
  chromium: string;
  out: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      warmup: { type: 'string' },
      measure: { type: 'string' },
      switches: { type: 'string' },
      'soak-minutes': { type: 'string' },
      only: { type: 'string' },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results') },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: string, raw: string | undefined, fallback: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) {
      console.error(`bench: --${name} must be a non-negative number, not "${raw}"\n\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const quick = values.quick;
  return {
    quick,
    warmupS: number('warmup', values.warmup, quick ? 3 : 10),
    measureS: number('measure', values.measure, quick ? 5 : 20),
    switches: number('switches', values.switches, quick ? 8 : 24),
    soakMinutes: number('soak-minutes', values['soak-minutes'], 0),
    only: values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null,
    chromium: values.chromium,
    out: resolve(values.out),
  };
}

/**
 * A cell that fails outright (the page did not come up, the sign-in form never appeared) is
 * tried once more on this busy machine; the first failure stays in the result.
 */
async function runSteadyCellWithRetry(harness: Harness, spec: CellSpec, timing: CellTiming): Promise<CellResult> {
  try {
    return await runSteadyCell(harness, spec, timing);
  } catch (err) {
    console.log(`failed (${(err as Error).message.split('\n')[0]}), retrying … `);
    return { ...(await runSteadyCell(harness, spec, timing)), retriedAfter: (err as Error).message.split('\n')[0] };
  }
}

const wanted = (opts: Options, part: string) => (opts.only ? opts.only.has(part) : part !== 'soak' || opts.soakMinutes > 0);
const round = (v: number | null) => (v === null ? '—' : String(Math.round(v)));

async function main(): Promise<void> {
  const opts = parseOptions();
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    console.error('bench: no renderer build in out/renderer; run `npx electron-vite build` first.');
    process.exit(2);
  }
  const plan = comparisons(opts.quick);
  const cells = uniqueCells(plan).filter((c) => wanted(opts, 'matrix') || opts.only?.has(c.id));
  const soakMinutes = wanted(opts, 'soak') ? opts.soakMinutes || 30 : 0;
  // Each switch leaves 2 s of its dwell for the latency tail; the rest is the first-frame timeout.
  const switchDwellS = opts.quick ? 4 : 6;

  let source: SourceProcess | undefined;
  let host: HostProcess | undefined;
  let wall: WallControl | undefined;
  let bench: BenchBrowser | undefined;
  try {
    bench = await launchBrowser(opts.chromium);
    const machine = machineFacts(ROOT, bench.version);
    const clockCheck = await checkClocks(bench.browser);
    // Before the source and the wall run, so its figure is the simulator's alone.
    let simulatorCpu: BenchResults['simulatorCpu'] = null;
    if (wanted(opts, 'simulator')) {
      console.log('bench: simulator CPU (64 cameras × 2 qualities)…');
      simulatorCpu = await runSimulatorCpuBench({ cameras: 64, durationMs: opts.measureS * 1000, warmupMs: opts.warmupS * 1000 });
    }

    source = await startSourceProcess();
    const sourceCheck = {
      main: await checkSource(`${source.base}/live/check/main.flv`, BENCH_STREAMS.main, 2000),
      sub: await checkSource(`${source.base}/live/check/sub.flv`, BENCH_STREAMS.sub, 2000),
    };
    for (const [quality, check] of Object.entries(sourceCheck)) {
      // A few frames at the start of a decode may be partial; most must read back.
      if (check.readable < check.frames * 0.9) throw new Error(`the ${quality} stream's timestamps do not survive encoding: ${check.readable}/${check.frames} readable`);
    }
    host = await startBenchHost(source.base);
    wall = await WallControl.connect(host.url);
    await wall.login(BENCH_ADMIN);
    const harness: Harness = {
      bench,
      hostUrl: host.url,
      wall,
      sourceHttp: source.base.replace(/^ws:/, 'http:'),
      harnessPids: [host.child.pid!, source.pid],
    };

    const results: BenchResults['cells'] = {};
    for (const [i, spec] of cells.entries()) {
      process.stdout.write(`bench: [${i + 1}/${cells.length}] ${spec.id} … `);
      try {
        const r = await runSteadyCellWithRetry(harness, spec, { warmupS: opts.warmupS, measureS: opts.measureS });
        results[spec.id] = r;
        console.log(
          `p50 ${round(r.latencyMs.p50)} ms, p95 ${round(r.latencyMs.p95)} ms, ${r.tiles.presenting}/${r.tiles.expected} tiles, ${r.fps.presentedMedian?.toFixed(1)} fps shown, browser CPU ${round(r.cpu.browser.total)} %`,
        );
      } catch (err) {
        results[spec.id] = { spec, error: (err as Error).message };
        console.log(`failed: ${(err as Error).message}`);
      }
    }

    let switching: BenchResults['switching'] = null;
    let switchingDirect: BenchResults['switchingDirect'] = null;
    if (wanted(opts, 'switch')) {
      console.log(`bench: ${opts.switches} layout switches…`);
      switching = await runSwitching(harness, { dwellS: switchDwellS, tailS: 2, switches: opts.switches, durationMs: Infinity });
      console.log(`bench: first frame after a switch, all tiles p50 ${round(switching.allFirstFrameMs.p50)} ms, p95 ${round(switching.allFirstFrameMs.p95)} ms`);
      console.log(`bench: ${opts.switches} layout switches, a WebSocket per tile…`);
      switchingDirect = await runSwitching(harness, { dwellS: switchDwellS, tailS: 2, switches: opts.switches, durationMs: Infinity, streams: 'direct' });
      console.log(`bench: … all tiles p50 ${round(switchingDirect.allFirstFrameMs.p50)} ms, p95 ${round(switchingDirect.allFirstFrameMs.p95)} ms`);
    }

    let soak: BenchResults['soak'] = null;
    if (soakMinutes > 0) {
      console.log(`bench: soak, ${soakMinutes} minutes…`);
      let lastReport = 0;
      const run = await runSwitching(harness, {
        dwellS: 10,
        tailS: 5,
        switches: Infinity,
        durationMs: soakMinutes * 60_000,
        onRecord: (rec) => {
          if (rec.atS - lastReport < 60) return;
          lastReport = rec.atS;
          console.log(`bench: soak ${(rec.atS / 60).toFixed(0)} min: ${rec.browserPssMb.toFixed(0)} MB, p95 ${round(rec.latencyMs.p95)} ms, first frames ${round(rec.allFirstFrameMs)} ms`);
        },
      });
      soak = { ...run, minutes: soakMinutes, verdict: soakVerdict(run.records) };
    }

    const fresh: BenchResults = {
      version: 1,
      mode: opts.quick ? 'quick' : 'full',
      machine,
      finishedAt: new Date().toISOString(),
      timing: { warmupS: opts.warmupS, measureS: opts.measureS, switchDwellS },
      sourceNice: source.nice,
      clockCheck,
      sourceCheck,
      simulatorCpu,
      comparisons: plan
        .map((c) => ({ title: c.title, cellIds: c.cells.map((s) => s.id).filter((id) => id in results) }))
        .filter((c) => c.cellIds.length > 0),
      cells: results,
      switching,
      switchingDirect,
      soak,
    };
    const merged = mergeWithExisting(join(opts.out, `${machine.date}.json`), fresh);
    const png = await renderPng(bench.browser, chartSvg(merged));
    for (const file of writeResults(opts.out, merged, renderMarkdown(merged), png)) console.log(`bench: wrote ${file}`);
  } finally {
    wall?.close();
    await bench?.close();
    await host?.stop();
    await source?.stop();
  }
  // Geo-analytics on 100,000 incidents (issue 9): its own files, bench/results/analytics-<date>.*
  if (wanted(opts, 'analytics')) {
    console.log('bench: analytics, 100,000 incidents…');
    const analytics = await runAnalyticsBench({ browser: true, ...(opts.quick ? { rounds: 3 } : {}), log: (line) => console.log(`bench: ${line}`) });
    for (const file of Object.values(writeAnalyticsResults(analytics))) console.log(`bench: wrote ${file}`);
  }
}

main().catch((err: unknown) => {
  console.error(`bench: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
