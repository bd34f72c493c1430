import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { buildCsp, originOf } from '../../common/csp';
import type { Core } from '../services/core';
import { serveJsonRpc } from './jsonRpcSocket';
import { mapAssetsMount } from './mapAssetsRoute';
import { serveStatic } from './staticFiles';

/** Something else served on the same port (the simulator, the stream relay). */
export interface HttpMount {
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  host: string;
  port: number;
  mounts?: HttpMount[];
}

export interface WebHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * A frame far above the contract's params limit is refused by the socket itself (the connection
 * closes) so a hostile client cannot make the host buffer gigabytes; below it, the dispatcher
 * answers 'payload_too_large' like the IPC transport does.
 */
const MAX_WS_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * Serves the built renderer and the contract (JSON-RPC over WebSocket at /api) to any browser: a
 * display PC can show a wall screen with nothing installed. Binds to 127.0.0.1 unless told otherwise.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const mounts = [mapAssetsMount(opts.core.map.assets), ...(opts.mounts ?? [])];
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_FRAME_BYTES });

  const cspFor = (req: IncomingMessage) => {
    const host = req.headers.host ?? `${opts.host}:${opts.port}`;
    const { site } = opts.core.site.current();
    return buildCsp({
      self: [`ws://${host}`, `wss://${host}`],
      streams: site.cameras.flatMap((c) => c.streams.map((s) => originOf(s.url))),
      images: site.map.basemap.type === 'xyz' || site.map.basemap.type === 'wms' ? [originOf(site.map.basemap.url.replace(/\{[a-z]\}/g, 'a'))] : [],
    });
  };

  const server = createServer((req, res) => {
    void (async () => {
      for (const mount of mounts) if (mount.handleRequest(req, res)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const headers = { 'Content-Security-Policy': cspFor(req), 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
      if (await serveStatic(opts.rendererDir, req, res, headers)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api') {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => ws.terminate());
        const clientId = `ws-${randomUUID()}`;
        serveJsonRpc(ws, opts.core.dispatcher, opts.core.hub, { transport: 'ws', clientId }, () => opts.core.disconnect(clientId));
      });
      return;
    }
    for (const mount of mounts) if (mount.handleUpgrade(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${port}`,
    server,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opts.core.close();
    },
  };
}
