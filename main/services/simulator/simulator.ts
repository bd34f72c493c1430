// The built-in camera simulator: every demo camera as an endless live H.264 stream,
// HTTP-FLV and WS-FLV, main and sub quality, at /live/<cameraId>/<main|sub>.flv.
// It can run on its own port (listen) or be mounted on another http.Server
// (handleRequest / handleUpgrade), as the web host does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { QUALITIES, loadScenes, type Quality, type Scene } from './clipLibrary';
import { LiveChannel } from './liveChannel';
import { Pacer } from './pacer';
import { HttpViewer, WsViewer } from './viewer';

export { CLOCK_TAG_NAME, type ClockTag } from './liveChannel';
export type { Quality } from './clipLibrary';

export interface SimulatorCamera {
  id: string;
  /** Index into the clip set, 0-based (0 plays scene-01-*.flv). Default: camera index mod scene count. */
  scene?: number;
}

export type FaultMode = 'down' | 'garbage' | null;

export interface SimulatorOptions {
  cameras: SimulatorCamera[];
  /** Folder with scene-NN-main.flv / scene-NN-sub.flv (resources/demo/clips). */
  clipsDir: string;
  /** Serve POST /sim/cameras/<id>/fault (for tests; off by default). */
  control?: boolean;
  /** Clock for pacing and the clock tags; Date.now by default. */
  now?: () => number;
  /** Unsent bytes a viewer may have queued before it is dropped. Default 2 MiB. */
  maxBufferedBytes?: number;
}

export interface SimulatorStats {
  viewers: number;
  bytesSent: number;
}

export interface Simulator {
  /** Handles /live/... (and /sim/... with control); false if the path is not the simulator's. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Same for WebSocket upgrades; a refused upgrade is answered and counts as handled. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Serves on its own HTTP server; resolves to the base URL, e.g. http://127.0.0.1:8090. */
  listen(port: number, host?: string): Promise<string>;
  /** Disconnects every viewer, stops pacing, and closes the own server if listening. */
  close(): Promise<void>;
  setFault(cameraId: string, mode: FaultMode): void;
  stats(): SimulatorStats;
}

/** Demo camera ids: cam-01 … cam-64 (at least two digits). */
export function demoCameraIds(count: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`camera count must be a whole number, got ${count}`);
  return Array.from({ length: count }, (_, i) => `cam-${String(i + 1).padStart(2, '0')}`);
}

export const liveStreamPath = (cameraId: string, quality: Quality): string =>
  `/live/${encodeURIComponent(cameraId)}/${quality}.flv`;

const DEFAULT_MAX_BUFFERED = 2 * 1024 * 1024;
const LIVE_PREFIX = '/live/';
const LIVE_PATH = /^\/live\/([^/]+)\/(main|sub)\.flv$/;
const FAULT_PATH = /^\/sim\/cameras\/([^/]+)\/fault$/;
const FaultBody = z.object({ mode: z.enum(['down', 'garbage']).nullable() }).strict();
const MAX_CONTROL_BODY = 1024;
const CLOSE_GRACE_MS = 500;

const CORS = { 'Access-Control-Allow-Origin': '*' };
const STREAM_HEADERS = {
  ...CORS,
  'Content-Type': 'video/x-flv',
  'Cache-Control': 'no-cache, no-store',
};

interface CameraState {
  channels: Record<Quality, LiveChannel>;
  fault: FaultMode;
}

type StreamLookup = { camera: CameraState; channel: LiveChannel } | { status: 404 | 503; message: string };

export function createSimulator(opts: SimulatorOptions): Simulator {
  const now = opts.now ?? Date.now;
  const maxBufferedBytes = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  const scenes = loadScenes(opts.clipsDir);
  const pacer = new Pacer(now);
  const startMs = now();
  let bytesSent = 0;
  let closed = false;

  const sceneOf = opts.cameras.map((cam, i) => {
    const scene = cam.scene ?? i % scenes.length;
    if (!Number.isInteger(scene) || scene < 0 || scene >= scenes.length) {
      throw new RangeError(`camera ${cam.id}: scene ${scene} is not in 0..${scenes.length - 1}`);
    }
    return scene;
  });

  const cameras = new Map<string, CameraState>();
  opts.cameras.forEach((cam, i) => {
    if (cam.id === '' || cam.id.includes('/')) throw new Error(`camera id ${JSON.stringify(cam.id)} cannot be a URL path segment`);
    if (cameras.has(cam.id)) throw new Error(`camera id ${cam.id} is listed twice`);
    const sceneIndex = sceneOf[i]!;
    const scene = scenes[sceneIndex]!;
    // Cameras sharing a scene start evenly spread through its loop, so they differ.
    const sharing = sceneOf.filter((s) => s === sceneIndex).length;
    const rank = sceneOf.slice(0, i).filter((s) => s === sceneIndex).length;
    const offsetMs = Math.round((scene.main.loopMs * rank) / sharing);
    cameras.set(cam.id, { channels: channelsFor(scene, startMs - offsetMs), fault: null });
  });

  function channelsFor(scene: Scene, originMs: number): Record<Quality, LiveChannel> {
    const make = (quality: Quality): LiveChannel =>
      new LiveChannel({
        clip: scene[quality],
        originMs,
        now,
        onActiveChange: (channel, active) => pacer.setActive(channel, active),
        onBytesSent: (n) => {
          bytesSent += n;
        },
      });
    return { main: make('main'), sub: make('sub') };
  }

  function lookup(pathname: string): StreamLookup {
    const m = LIVE_PATH.exec(pathname);
    const camera = m ? cameras.get(safeDecode(m[1]!)) : undefined;
    if (!m || !camera) return { status: 404, message: 'no such camera or quality' };
    if (closed) return { status: 503, message: 'simulator stopped' };
    if (camera.fault === 'down') return { status: 503, message: 'camera is down' };
    return { camera, channel: camera.channels[m[2] as Quality] };
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const { pathname } = requestUrl(req);
    if (opts.control && FAULT_PATH.test(pathname)) {
      handleFaultRequest(req, res, safeDecode(FAULT_PATH.exec(pathname)![1]!));
      return true;
    }
    if (!pathname.startsWith(LIVE_PREFIX)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*' }).end();
      return true;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { ...CORS, Allow: 'GET, OPTIONS' }).end();
      return true;
    }
    const found = lookup(pathname);
    if ('status' in found) {
      res.writeHead(found.status, { ...CORS, 'Content-Type': 'text/plain' }).end(`${found.message}\n`);
      return true;
    }
    res.writeHead(200, STREAM_HEADERS);
    res.socket?.setNoDelay(true);
    found.channel.join((onGone) => new HttpViewer(res, maxBufferedBytes, onGone));
    return true;
  }

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 4096 });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const { pathname } = requestUrl(req);
    if (!pathname.startsWith(LIVE_PREFIX)) return false;
    const found = lookup(pathname);
    if ('status' in found) {
      const reason = found.status === 404 ? 'Not Found' : 'Service Unavailable';
      socket.end(`HTTP/1.1 ${found.status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return true;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // The camera may have gone down while the handshake was in flight.
      if (found.camera.fault === 'down') {
        ws.terminate();
        return;
      }
      found.channel.join((onGone) => new WsViewer(ws, maxBufferedBytes, onGone));
    });
    return true;
  }

  function setFault(cameraId: string, mode: FaultMode): void {
    const camera = cameras.get(cameraId);
    if (!camera) throw new Error(`no camera ${cameraId}`);
    const was = camera.fault;
    camera.fault = mode;
    for (const quality of QUALITIES) {
      const channel = camera.channels[quality];
      channel.garbage = mode === 'garbage';
      // Down: the connection drops. Garbage cleared: those players were fed noise and
      // must reconnect to get a decodable stream again.
      if (mode === 'down' || (was === 'garbage' && mode !== 'garbage')) channel.abortViewers();
    }
  }

  function handleFaultRequest(req: IncomingMessage, res: ServerResponse, cameraId: string): void {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, { error: 'use POST' });
    let body = '';
    let tooLarge = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_CONTROL_BODY && !tooLarge) {
        tooLarge = true;
        reply(413, { error: 'body too large' });
        req.destroy();
      }
    });
    req.on('end', () => {
      if (tooLarge) return;
      let parsed: z.infer<typeof FaultBody>;
      try {
        parsed = FaultBody.parse(JSON.parse(body));
      } catch {
        return reply(400, { error: 'expected {"mode":"down"|"garbage"|null}' });
      }
      if (!cameras.has(cameraId)) return reply(404, { error: `no camera ${cameraId}` });
      setFault(cameraId, parsed.mode);
      reply(200, { id: cameraId, mode: parsed.mode });
    });
  }

  let server: Server | undefined;

  async function listen(port: number, host = '127.0.0.1'): Promise<string> {
    if (server) throw new Error('simulator is already listening');
    const own = createServer((req, res) => {
      if (!handleRequest(req, res)) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    });
    own.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!handleUpgrade(req, socket, head)) socket.destroy();
    });
    server = own;
    await new Promise<void>((resolve, reject) => {
      own.once('error', reject);
      own.listen(port, host, () => {
        own.off('error', reject);
        resolve();
      });
    });
    const { address, port: bound } = own.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
  }

  async function close(): Promise<void> {
    closed = true;
    pacer.stop();
    for (const camera of cameras.values()) for (const q of QUALITIES) camera.channels[q].endViewers();
    wss.close();
    // Players answer the close frame at once; one that does not is cut after a grace period.
    const grace = setTimeout(() => {
      for (const ws of wss.clients) ws.terminate();
    }, CLOSE_GRACE_MS);
    const own = server;
    server = undefined;
    if (own) {
      await new Promise<void>((resolve) => {
        own.close(() => resolve());
        own.closeAllConnections();
      });
      clearTimeout(grace);
    } else {
      grace.unref();
    }
  }

  function stats(): SimulatorStats {
    let viewers = 0;
    for (const camera of cameras.values()) for (const q of QUALITIES) viewers += camera.channels[q].viewerCount;
    return { viewers, bytesSent };
  }

  return { handleRequest, handleUpgrade, listen, close, setFault, stats };
}

function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://simulator.invalid');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
