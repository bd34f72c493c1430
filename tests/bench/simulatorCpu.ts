// CPU cost of the camera simulator serving every demo camera at both qualities, each
// stream with one WS-FLV viewer.
//
//   npx tsx tests/bench/simulatorCpu.ts [--cameras 64] [--seconds 20]
//
// The simulator runs in a child process so that process.cpuUsage() measures it alone,
// not the 128 clients. The child reports its CPU once a second; the figure is the median
// of those one-second samples after a warm-up, in percent of one core.
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { createSimulator, demoCameraIds, liveStreamPath } from '../../main/services/simulator/simulator';

export interface SimulatorCpuOptions {
  cameras?: number;
  /** Measured time, after the warm-up. */
  durationMs?: number;
  warmupMs?: number;
}

export interface SimulatorCpuResult {
  cameras: number;
  streams: number;
  cpuPercentMedian: number;
  mbitsPerSecond: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIPS_DIR = fileURLToPath(new URL('../../resources/demo/clips/', import.meta.url));
const CHILD_FLAG = '--simulator-child';
const SAMPLE_MS = 1000;

type ChildMessage = { kind: 'ready'; base: string } | { kind: 'cpu'; cpuMicros: number; wallMs: number };

/** Child side: serve, and report CPU time used once a second. */
async function serveAndReport(cameras: number): Promise<void> {
  const sim = createSimulator({ cameras: demoCameraIds(cameras).map((id) => ({ id })), clipsDir: CLIPS_DIR });
  const base = await sim.listen(0);
  const send = (m: ChildMessage): void => void process.send?.(m);
  send({ kind: 'ready', base });
  let last = process.cpuUsage();
  let lastWall = performance.now();
  setInterval(() => {
    const cpu = process.cpuUsage(last);
    const wall = performance.now();
    send({ kind: 'cpu', cpuMicros: cpu.user + cpu.system, wallMs: wall - lastWall });
    last = process.cpuUsage();
    lastWall = wall;
  }, SAMPLE_MS);
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export async function runSimulatorCpuBench(opts: SimulatorCpuOptions = {}): Promise<SimulatorCpuResult> {
  const cameras = opts.cameras ?? 64;
  const durationMs = opts.durationMs ?? 20_000;
  const warmupMs = opts.warmupMs ?? 3000;

  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, String(cameras)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const sockets: WebSocket[] = [];
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.on('message', (m: ChildMessage) => {
        if (m.kind === 'ready') resolve(m.base);
      });
      child.once('exit', (code) => reject(new Error(`simulator child exited with ${code}`)));
    });

    let bytes = 0;
    const wsBase = base.replace('http:', 'ws:');
    await Promise.all(
      demoCameraIds(cameras).flatMap((id) =>
        (['main', 'sub'] as const).map(
          (quality) =>
            new Promise<void>((resolve, reject) => {
              const ws = new WebSocket(`${wsBase}${liveStreamPath(id, quality)}`);
              sockets.push(ws);
              ws.on('message', (data: Buffer) => {
                bytes += data.length;
              });
              ws.once('open', () => resolve());
              ws.once('error', reject);
            }),
        ),
      ),
    );

    await new Promise((r) => setTimeout(r, warmupMs));
    const samples: number[] = [];
    const onSample = (m: ChildMessage): void => {
      if (m.kind === 'cpu') samples.push((m.cpuMicros / 1000 / m.wallMs) * 100);
    };
    child.on('message', onSample);
    const bytesAtStart = bytes;
    const started = performance.now();
    await new Promise((r) => setTimeout(r, durationMs));
    const elapsedS = (performance.now() - started) / 1000;
    child.off('message', onSample);
    if (samples.length === 0) throw new Error('no CPU samples from the simulator');

    return {
      cameras,
      streams: cameras * 2,
      cpuPercentMedian: Math.round(median(samples) * 10) / 10,
      mbitsPerSecond: Math.round((((bytes - bytesAtStart) * 8) / elapsedS / 1e6) * 100) / 100,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    child.disconnect();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly && process.argv[2] === CHILD_FLAG) {
  void serveAndReport(Number(process.argv[3]));
} else if (invokedDirectly) {
  const { values } = parseArgs({ options: { cameras: { type: 'string', default: '64' }, seconds: { type: 'string', default: '20' } } });
  const result = await runSimulatorCpuBench({ cameras: Number(values.cameras), durationMs: Number(values.seconds) * 1000 });
  console.log(JSON.stringify(result));
}
