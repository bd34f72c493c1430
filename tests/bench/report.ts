import { BENCH_STREAMS } from './liveSource';
import { FIRST_FRAME_TARGET_MS, TARGETS } from './matrix';
import { isMeasured, type BenchResults } from './results';
import { allLiveLimitMs, type CellResult } from './steadyCell';
import { LIVE_EDGE_MS, type SwitchingResult } from './switching';

/** The readable summary: bench/results/<date>.md. */

const SOAK_MEMORY_TARGET_PCT = 5;

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v)} ms`);
const num = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} %`);
const ratio = (v: number | null | undefined, base: number | null | undefined) =>
  v === null || v === undefined || !base ? '—' : `×${(v / base).toFixed(2)}`;
const met = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? '**met**' : '**missed**');

function describeCell(c: CellResult): string {
  const { spec } = c;
  const stream = spec.cameras === 'ladder' ? 'main+sub' : spec.cameras === 'sub' ? '320×180@15' : '640×360@25';
  const engine = spec.engine === 'flv' ? 'flv.js' : spec.playerConfig === 'defaults' ? 'mpegts.js defaults' : 'mpegts.js tuned';
  return `${spec.tiles} × ${stream}, ${engine}, governor ${spec.governor ? 'on' : 'off'}`;
}

/** "state: live 60, stalled 4 · quality: sub 64 · degraded: 0 60, 2 4" */
function attributes(c: CellResult): string {
  return Object.entries(c.tiles.attributes)
    .map(([name, values]) => `${name}: ${Object.entries(values).map(([v, n]) => `${v || '(empty)'} ${n}`).join(', ')}`)
    .join(' · ');
}

function targetRows(r: BenchResults): string[] {
  const rows = TARGETS.map((t) => {
    const cell = r.cells[t.id];
    if (!isMeasured(cell)) return `| ${t.what} ≤ ${t.limitMs} ms | not measured in this run | — |`;
    const p95 = cell.latencyMs.p95;
    const allLive = cell.tiles.presenting === cell.tiles.expected;
    const ok = p95 !== null && p95 <= t.limitMs && (t.id !== 'n64-sub' || allLive);
    return `| ${t.what} ≤ ${t.limitMs} ms | p95 ${ms(p95)} (p50 ${ms(cell.latencyMs.p50)}), ${cell.tiles.presenting}/${cell.tiles.expected} tiles presenting | ${met(ok)} |`;
  });
  const sw = r.switching;
  rows.push(
    sw
      ? `| First frame after a layout switch, p95 ≤ ${FIRST_FRAME_TARGET_MS} ms | every tile of the new view: p95 ${ms(sw.allFirstFrameMs.p95)} over ${sw.allFirstFrameMs.n} switches (${sw.failedSwitches} with a tile still dark after ${ms(sw.firstFrameTimeoutMs)}); single tiles: p95 ${ms(sw.tileFirstFrameMs.p95)} | ${met(sw.allFirstFrameMs.p95 !== null && sw.allFirstFrameMs.p95 <= FIRST_FRAME_TARGET_MS && sw.failedSwitches === 0)} |`
      : `| First frame after a layout switch, p95 ≤ ${FIRST_FRAME_TARGET_MS} ms | not measured in this run | — |`,
  );
  const soak = r.soak;
  rows.push(
    soak
      ? `| ${soak.minutes}-minute switching soak: memory within ±${SOAK_MEMORY_TARGET_PCT} % of its level after the first minute, no latency drift | worst memory deviation ${pct(soak.verdict.memoryMaxDeviationPct)}; p50 slope ${num(soak.verdict.latencySlopeMsPer10Min)} ms per 10 min; p95 ${ms(soak.verdict.firstFiveMinP95Ms)} first 5 min → ${ms(soak.verdict.lastFiveMinP95Ms)} last 5 min | ${met(soak.verdict.memoryMaxDeviationPct !== null && Math.abs(soak.verdict.memoryMaxDeviationPct) <= SOAK_MEMORY_TARGET_PCT)} (memory) |`
      : `| 30-minute switching soak: memory ±${SOAK_MEMORY_TARGET_PCT} %, no latency drift | not run (\`npm run bench -- --only soak --soak-minutes 30\`) | — |`,
  );
  return ['| Target (issue 3) | Measured | |', '|---|---|---|', ...rows];
}

function comparisonTable(r: BenchResults, title: string, ids: string[]): string[] {
  const cells = ids.map((id) => r.cells[id]);
  const base = cells.find(isMeasured);
  const lines = [
    `### ${title}`,
    '',
    '| Cell | Tiles presenting | p50 | p95 | p99 | worst tile p95 | player buffer p50 | fps shown / decoded (source) | dropped | browser CPU | machine busy | browser memory (PSS) | JS heap | p50 ratio | p95 ratio | CPU ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const notes: string[] = [];
  for (const [i, cell] of cells.entries()) {
    if (!cell) continue;
    if (!isMeasured(cell)) {
      lines.push(`| \`${ids[i]}\` | failed: ${cell.error.replace(/\|/g, '/').slice(0, 200)} ||||||||||||||| `);
      continue;
    }
    lines.push(
      `| \`${cell.spec.id}\` ${describeCell(cell)} | ${cell.tiles.presenting}/${cell.tiles.expected} | ${ms(cell.latencyMs.p50)} | ${ms(cell.latencyMs.p95)} | ${ms(cell.latencyMs.p99)} | ${ms(cell.worstTileP95Ms)} | ${ms(cell.bufferMs.p50)} | ${num(cell.fps.presentedMedian, 1)} / ${num(cell.fps.decodedMedian, 1)} (${cell.fps.source}) | ${pct(cell.droppedPct)} | ${num(cell.cpu.browser.total)} % | ${num(cell.cpu.machineBusyPct)} % | ${num(cell.memory.browserPssMb)} MB | ${num(cell.memory.jsHeapMb)} MB | ${ratio(cell.latencyMs.p50, base?.latencyMs.p50)} | ${ratio(cell.latencyMs.p95, base?.latencyMs.p95)} | ${ratio(cell.cpu.browser.total, base?.cpu.browser.total)} |`,
    );
    notes.push(
      `- \`${cell.spec.id}\`: ${attributes(cell)}; slowest tile ${num(cell.fps.presentedMin, 1)} fps shown; ${cell.sourceResets} source resets; ${pct(cell.unreadablePct)} unreadable reads (${cell.latencyMs.n} frames read, at most one per tile every ${Math.round(cell.readIntervalMs)} ms); all tiles presenting ${cell.allLiveAfterLoadMs === null ? `not within ${allLiveLimitMs(r.timing) / 1000} s` : `${(cell.allLiveAfterLoadMs / 1000).toFixed(1)} s after opening the page`}; harness CPU ${num(cell.cpu.harness.total)} %; source encode p95 ${ms(cell.source.encodeMs.p95)}${cell.retriedAfter ? `; second attempt, the first failed: ${cell.retriedAfter}` : ''}.`,
    );
  }
  return [...lines, '', ...notes, ''];
}

/** The product's multiplexed streams against a WebSocket per tile, same switches, same run. */
function switchComparison(host: SwitchingResult, direct: SwitchingResult): string[] {
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || a === 0 ? '—' : `×${(b / a).toFixed(2)}`);
  const row = (what: string, pick: (s: SwitchingResult) => { p50: number | null; p95: number | null }) =>
    `| ${what} | ${ms(pick(host).p50)} / ${ms(pick(host).p95)} | ${ms(pick(direct).p50)} / ${ms(pick(direct).p95)} | ${ratio(pick(host).p50, pick(direct).p50)} / ${ratio(pick(host).p95, pick(direct).p95)} |`;
  return [
    "### Through the web host's multiplexer vs a WebSocket per tile",
    '',
    '| Measure (p50 / p95) | one WebSocket per page (default) | a WebSocket per tile | per tile ÷ per page |',
    '|---|---|---|---|',
    row('Every tile of the new view shows a frame', (s) => s.allFirstFrameMs),
    row("One tile's first frame", (s) => s.tileFirstFrameMs),
    row('One tile at the live edge', (s) => s.tileLiveEdgeMs),
    '',
  ];
}

function switchingSection(s: SwitchingResult, heading: string): string[] {
  return [
    `### ${heading}`,
    '',
    `${s.records.length} switches, one every ${s.dwellS} s, cycling 16 → 9 → 16 → 4 tiles of main+sub cameras (every tile changes camera), tuned mpegts.js, governor on, ${s.streams === 'direct' ? 'every tile on its own WebSocket to the source (`streams=direct`)' : "streams through the web host's multiplexer (one WebSocket per page)"}.`,
    '',
    '| Measure | n | p50 | p95 | max |',
    '|---|---|---|---|---|',
    `| Every tile of the new view shows a frame (per switch; a failed switch counts as ${ms(s.firstFrameTimeoutMs)}) | ${s.allFirstFrameMs.n} | ${ms(s.allFirstFrameMs.p50)} | ${ms(s.allFirstFrameMs.p95)} | ${ms(s.allFirstFrameMs.max)} |`,
    `| One tile's first frame | ${s.tileFirstFrameMs.n} | ${ms(s.tileFirstFrameMs.p50)} | ${ms(s.tileFirstFrameMs.p95)} | ${ms(s.tileFirstFrameMs.max)} |`,
    ...(s.tileVideoCreatedMs && s.tileMetadataMs
      ? [
          `| … of which: until the wall created the tile's new video (contract, event, render, old player torn down) | ${s.tileVideoCreatedMs.n} | ${ms(s.tileVideoCreatedMs.p50)} | ${ms(s.tileVideoCreatedMs.p95)} | ${ms(s.tileVideoCreatedMs.max)} |`,
          `| … of which: until its stream's metadata was in (connect, GOP cache, demux) | ${s.tileMetadataMs.n} | ${ms(s.tileMetadataMs.p50)} | ${ms(s.tileMetadataMs.p95)} | ${ms(s.tileMetadataMs.max)} |`,
        ]
      : []),
    `| Glass-to-glass of that first frame (GOP-cache start) | ${s.tileFirstLatencyMs.n} | ${ms(s.tileFirstLatencyMs.p50)} | ${ms(s.tileFirstLatencyMs.p95)} | ${ms(s.tileFirstLatencyMs.max)} |`,
    `| One tile at the live edge (a frame ≤ ${LIVE_EDGE_MS} ms old) | ${s.tileLiveEdgeMs.n} | ${ms(s.tileLiveEdgeMs.p50)} | ${ms(s.tileLiveEdgeMs.p95)} | ${ms(s.tileLiveEdgeMs.max)} |`,
    '',
    `Switches with a tile still dark after ${ms(s.firstFrameTimeoutMs)}: ${s.failedSwitches} (tiles: ${s.tilesWithoutFrame}).`,
    '',
  ];
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [
    `# Glass-to-glass benchmark, ${m.date} (${r.mode})`,
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, Linux ${m.kernel}; load average at start ${m.loadAverage.join(' / ')}.`,
    `Software: Chromium ${m.chromium} headless (software decode and compositing), ${m.ffmpeg}, Node ${m.node}.`,
    `Code: commit ${m.git.commit}${m.git.dirty ? ' with uncommitted changes in the tree' : ''}; renderer build (out/renderer) from ${m.rendererBuiltAt ?? 'unknown'}.`,
    `Clocks: the page's clock (timeOrigin + now) read ${r.clockCheck.pageMinusNodeMs.toFixed(1)} ms ± ${(r.clockCheck.rttMs / 2).toFixed(1)} ms from Node's, set the same way in the source (one system clock; any offset is in every latency).`,
    `Run: ${m.startedAt} → ${r.finishedAt}; each cell warms up ${r.timing.warmupS} s, then is measured for ${r.timing.measureS} s. Source: ${BENCH_STREAMS.main.width}×${BENCH_STREAMS.main.height}@${BENCH_STREAMS.main.fps} ${BENCH_STREAMS.main.kbps} kbps and ${BENCH_STREAMS.sub.width}×${BENCH_STREAMS.sub.height}@${BENCH_STREAMS.sub.fps} ${BENCH_STREAMS.sub.kbps} kbps, libx264 ultrafast/zerolatency, 1 s GOP${r.sourceNice === null ? '' : `, at nice ${r.sourceNice}`}.`,
    '',
    'Latency is glass-to-glass per presented frame: the compositor\'s expected display time minus the capture time painted into the picture, pooled over all read frames of all tiles. CPU is percent of one core (200 % = both cores). Ratios are against the first row of each table. How it is measured and what it cannot see: [bench/README.md](../README.md).',
    r.mode === 'quick' ? '\n**Quick run**: short windows on a subset of the matrix; a smoke test of the harness, not figures to quote.' : '',
    '',
    '## Targets',
    '',
    ...targetRows(r),
    '',
    '## Steady walls',
    '',
  ];
  for (const c of r.comparisons) out.push(...comparisonTable(r, c.title, c.cellIds));
  out.push('## Layout switches', '');
  out.push(...(r.switching ? switchingSection(r.switching, 'First frame after a layout switch') : ['Not measured in this run.', '']));
  if (r.switching && r.switchingDirect) out.push(...switchComparison(r.switching, r.switchingDirect), ...switchingSection(r.switchingDirect, 'First frame after a layout switch, a WebSocket per tile'));
  if (r.soak) {
    const v = r.soak.verdict;
    out.push(
      ...switchingSection(r.soak, `Soak: ${r.soak.minutes} minutes`),
      `Memory (browser process tree, PSS) against each view's first level after the first minute: worst deviation ${pct(v.memoryMaxDeviationPct)} (references: ${Object.entries(v.memoryReferenceMb).map(([view, mb]) => `${view} ${mb.toFixed(0)} MB`).join(', ')}).`,
      `Latency: p50 slope ${num(v.latencySlopeMsPer10Min, 1)} ms per 10 minutes; median dwell p95 ${ms(v.firstFiveMinP95Ms)} over the first five minutes, ${ms(v.lastFiveMinP95Ms)} over the last five.`,
      '',
    );
  }
  out.push('## Source and harness', '');
  if (r.sourceCheck) {
    out.push(`- Source check before the run (ffmpeg decoding the bench source): main ${r.sourceCheck.main.readable}/${r.sourceCheck.main.frames} frames with a readable timestamp, sub ${r.sourceCheck.sub.readable}/${r.sourceCheck.sub.frames}.`);
  }
  out.push(
    r.simulatorCpu
      ? `- Camera simulator (tests/bench/simulatorCpu.ts): ${r.simulatorCpu.cpuPercentMedian} % of one core serving ${r.simulatorCpu.cameras} cameras × 2 qualities (${r.simulatorCpu.streams} streams, one WS viewer each, ${r.simulatorCpu.mbitsPerSecond} Mbit/s).`
      : '- Camera simulator CPU: not measured in this run.',
    '- Harness CPU per cell (web host + bench source + its two ffmpeg encoders) is in each cell\'s note; the source\'s capture-to-encoded time is the part of glass-to-glass that is not the browser\'s.',
    '',
  );
  return out.join('\n');
}
