import type { Browser } from '@playwright/test';
import { FIRST_FRAME_TARGET_MS, TARGETS } from './matrix';
import { isMeasured, type BenchResults } from './results';

/**
 * The PNG beside the report: glass-to-glass p50 and p95 of every steady cell on a log scale with
 * the issue's targets marked, and, after a soak, memory and latency over time. Drawn as SVG and
 * photographed by the bench's own Chromium (no charting dependency).
 */

const WIDTH = 1100;
const ROW = 26;
const LABEL_W = 300;
const PLOT_W = WIDTH - LABEL_W - 40;
const MIN_MS = 50;
const MAX_MS = 30_000;
const TICKS = [50, 100, 250, 400, 1000, 2500, 10_000, 30_000];

const x = (v: number) => LABEL_W + (PLOT_W * Math.log(Math.min(MAX_MS, Math.max(MIN_MS, v)) / MIN_MS)) / Math.log(MAX_MS / MIN_MS);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

interface Row {
  label: string;
  p50: number | null;
  p95: number | null;
  targetMs: number | undefined;
}

/** One row per steady cell, then the layout-switch first frame (all tiles of a view). */
function rows(r: BenchResults): Row[] {
  const targets = new Map<string, number>(TARGETS.map((t) => [t.id, t.limitMs]));
  const out: Row[] = Object.values(r.cells)
    .filter(isMeasured)
    .map((c) => ({ label: `${c.spec.id} (${c.tiles.presenting}/${c.tiles.expected})`, p50: c.latencyMs.p50, p95: c.latencyMs.p95, targetMs: targets.get(c.spec.id) }));
  if (r.switching) {
    const { p50, p95 } = r.switching.allFirstFrameMs;
    out.push({ label: 'first frame after a switch', p50, p95, targetMs: FIRST_FRAME_TARGET_MS });
  }
  return out;
}

function latencyPanel(r: BenchResults, top: number): { svg: string; height: number } {
  const list = rows(r);
  if (list.length === 0) return { svg: '', height: 0 };
  const plotTop = top + 40;
  const parts = [
    `<text x="${LABEL_W}" y="${top + 20}" class="title">Glass-to-glass latency per cell, and first frame after a layout switch (ms, log scale): p50 dark, p95 light, target red</text>`,
  ];
  const bottom = plotTop + list.length * ROW;
  for (const t of TICKS) {
    parts.push(`<line x1="${x(t)}" y1="${plotTop - 4}" x2="${x(t)}" y2="${bottom}" class="grid"/>`, `<text x="${x(t)}" y="${bottom + 16}" class="tick">${t}</text>`);
  }
  list.forEach(({ label, p50, p95, targetMs }, i) => {
    const y = plotTop + i * ROW;
    parts.push(`<text x="${LABEL_W - 8}" y="${y + 16}" class="label">${esc(label)}</text>`);
    if (p95 !== null) parts.push(`<rect x="${LABEL_W}" y="${y + 4}" width="${x(p95) - LABEL_W}" height="${ROW - 8}" class="p95"/>`);
    if (p50 !== null) parts.push(`<rect x="${LABEL_W}" y="${y + 4}" width="${x(p50) - LABEL_W}" height="${ROW - 8}" class="p50"/>`);
    if (targetMs !== undefined) parts.push(`<line x1="${x(targetMs)}" y1="${y + 1}" x2="${x(targetMs)}" y2="${y + ROW - 1}" class="target"/>`);
    if (p95 !== null) parts.push(`<text x="${x(p95) + 4}" y="${y + 16}" class="value">${Math.round(p95)}</text>`);
  });
  return { svg: parts.join('\n'), height: bottom - top + 30 };
}

/** Memory and p95 latency per dwell over the soak, each on its own axis. */
function soakPanel(r: BenchResults, top: number): { svg: string; height: number } {
  const records = r.soak?.records ?? [];
  if (records.length < 2) return { svg: '', height: 0 };
  const h = 220;
  const plotTop = top + 40;
  const end = Math.max(...records.map((p) => p.atS), 1);
  const px = (s: number) => LABEL_W + (PLOT_W * s) / end;
  const line = (values: number[], max: number, cls: string) =>
    `<polyline class="${cls}" points="${records.map((rec, i) => `${px(rec.atS).toFixed(1)},${(plotTop + h - (h * values[i]!) / max).toFixed(1)}`).join(' ')}"/>`;
  const mem = records.map((p) => p.browserPssMb);
  const p95 = records.map((p) => p.latencyMs.p95 ?? 0);
  const memMax = Math.max(...mem) * 1.1;
  const latMax = Math.max(...p95, 1) * 1.1;
  return {
    svg: [
      `<text x="${LABEL_W}" y="${top + 20}" class="title">Soak (${r.soak!.minutes} min): browser memory (PSS, blue, 0–${Math.round(memMax)} MB) and p95 latency per dwell (orange, 0–${Math.round(latMax)} ms)</text>`,
      `<rect x="${LABEL_W}" y="${plotTop}" width="${PLOT_W}" height="${h}" class="frame"/>`,
      line(mem, memMax, 'mem'),
      line(p95, latMax, 'lat'),
      `<text x="${LABEL_W}" y="${plotTop + h + 16}" class="tick">0 min</text>`,
      `<text x="${LABEL_W + PLOT_W}" y="${plotTop + h + 16}" class="tick">${(end / 60).toFixed(end < 600 ? 1 : 0)} min</text>`,
    ].join('\n'),
    height: h + 70,
  };
}

export function chartSvg(r: BenchResults): string {
  const latency = latencyPanel(r, 10);
  const soak = soakPanel(r, 10 + latency.height);
  const height = 10 + latency.height + soak.height + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">
<style>
  text { font: 13px sans-serif; fill: #222; }
  .title { font-weight: bold; }
  .label { text-anchor: end; }
  .tick { text-anchor: middle; fill: #666; font-size: 11px; }
  .value { font-size: 11px; fill: #444; }
  .grid { stroke: #ddd; }
  .p50 { fill: #1f5f99; }
  .p95 { fill: #9cc3e6; }
  .target { stroke: #d62728; stroke-width: 3; }
  .frame { fill: none; stroke: #ccc; }
  .mem { fill: none; stroke: #1f5f99; stroke-width: 2; }
  .lat { fill: none; stroke: #ff7f0e; stroke-width: 2; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="${height - 8}" class="tick" style="text-anchor:start">Atalaya bench ${esc(r.machine.date)} (${r.mode}), ${r.machine.cores} cores, Chromium ${esc(r.machine.chromium)}</text>
${latency.svg}
${soak.svg}
</svg>`;
}

export async function renderPng(browser: Browser, svg: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    return await page.locator('svg').screenshot();
  } finally {
    await page.close();
  }
}
