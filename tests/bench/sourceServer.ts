import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { WebSocketServer } from 'ws';
import { WsViewer } from '../../main/services/simulator/viewer';
import { FlvFanOut } from './flvFanOut';
import { BENCH_STREAMS, LiveEncoder, type EncoderStats, type Quality } from './liveSource';

/**
 * The benchmark's camera gateway, run as its own process (see run.ts) so its CPU can be told
 * apart from the browser's and it can be given priority over the browser under test, as a real
 * camera is a separate device. WS-FLV at ws://HOST:PORT/live/<cameraId>/<main|sub>.flv, the
 * simulator's URL shape; every camera id gets the same picture over its own connection (the
 * point is N decoders in the browser, not N encoders on this machine).
 * GET /stats returns the encoders' figures since the previous GET, as JSON.
 */

const LIVE_PATH = /^\/live\/[A-Za-z0-9_-]{1,64}\/(main|sub)\.flv$/;
/** As the simulator: a viewer this far behind has stopped reading and is dropped. */
const MAX_BUFFERED_BYTES = 2 * 1024 * 1024;

export type SourceStats = Record<Quality, EncoderStats & { viewers: number }>;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } }, strict: true });
  const fanOuts = { main: new FlvFanOut(), sub: new FlvFanOut() };
  const fail = (message: string) => {
    console.error(`bench source: ${message}`);
    process.exit(1);
  };
  const encoders = (['main', 'sub'] as const).map((q) => new LiveEncoder(BENCH_STREAMS[q], (tag) => fanOuts[q].push(tag), fail));

  const server = createServer((req, res) => {
    if (req.url !== '/stats') return void res.writeHead(404).end();
    const stats = Object.fromEntries(encoders.map((e) => [e.spec.quality, { ...e.takeStats(), viewers: fanOuts[e.spec.quality].viewerCount }]));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(stats));
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = LIVE_PATH.exec(new URL(req.url ?? '/', 'http://source.invalid').pathname);
    if (!match) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    const fanOut = fanOuts[match[1] as Quality];
    wss.handleUpgrade(req, socket, head, (ws) => fanOut.join((onGone) => new WsViewer(ws, MAX_BUFFERED_BYTES, onGone)));
  });
  await new Promise<void>((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
  for (const encoder of encoders) encoder.start();

  // Ready once both streams have a keyframe, so the first viewer never waits for one.
  while (!fanOuts.main.ready || !fanOuts.sub.ready) await new Promise((r) => setTimeout(r, 50));
  const { port } = server.address() as AddressInfo;
  console.log(`Bench source: ws://127.0.0.1:${port} ffmpeg pids ${encoders.map((e) => e.pid).join(' ')}`);

  const stop = async () => {
    for (const fanOut of Object.values(fanOuts)) fanOut.closeAll();
    await Promise.all(encoders.map((e) => e.stop()));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
