import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseStreamRef } from '../../common/site/streamUrl';
import type { Site } from '../../common/site/siteSchema';
import { credentialsFor, openUpstream, upstreamOf, type ProxyTarget, type SecretLookup } from '../services/streams/streamProxy';
import type { HttpMount } from './webHost';

export interface StreamRelayOptions {
  site: () => Site;
  /** May this token watch this camera? (the session check; see AuthGate.canWatch) */
  canWatch: (token: string | null, camera: Site['cameras'][number]) => boolean;
  /** Stream credentials, from main's secret store. */
  secrets: SecretLookup;
  /** Unsent bytes one viewer may queue before it is dropped (a stalled tab must not hold memory). */
  maxBufferedBytes?: number;
}

const RELAY_PREFIX = '/relay/';

/**
 * A browser opens at most 6 HTTP/1.1 connections per host, so a wall of HTTP-FLV cameras behind
 * one gateway would stall at the 7th tile. The web host therefore relays each HTTP stream of the
 * site over a WebSocket (`/relay/<cameraId>/<streamIndex>`): Node fetches upstream (no per-host
 * cap) and forwards the bytes as binary messages.
 */
export function createStreamRelay(opts: StreamRelayOptions): HttpMount & { close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  const maxBuffered = opts.maxBufferedBytes ?? 4 * 1024 * 1024;

  const relay = async (ws: WebSocket, target: ProxyTarget, keyframesOnly: boolean) => {
    const abort = new AbortController();
    ws.on('close', () => abort.abort());
    ws.on('error', () => abort.abort());
    try {
      const credentials = await credentialsFor(target, opts.secrets);
      const upstream = await openUpstream(target.url, { signal: abort.signal, keyframesOnly, ...(credentials ? { credentials } : {}) });
      const reader = upstream.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (ws.readyState !== ws.OPEN) break;
        if (ws.bufferedAmount > maxBuffered) {
          ws.terminate();
          break;
        }
        ws.send(value);
      }
      await reader.cancel().catch(() => undefined);
      // The camera ended the stream: close normally so the player sees an end of stream.
      if (ws.readyState === ws.OPEN) ws.close(1000, 'upstream ended');
    } catch (err) {
      // 1011: server error; the reason tells the operator what the camera said (≤123 bytes).
      if (ws.readyState === ws.OPEN) ws.close(1011, (err as Error).message.slice(0, 120));
    }
  };

  return {
    handleRequest(req: IncomingMessage, res: ServerResponse) {
      if (!(req.url ?? '').startsWith(RELAY_PREFIX)) return false;
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' }).end('the stream relay speaks WebSocket');
      return true;
    },
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(req.url ?? '/', 'http://x');
      if (!url.pathname.startsWith(RELAY_PREFIX)) return false;
      const ref = parseStreamRef(url.pathname.slice(RELAY_PREFIX.length));
      const site = opts.site();
      const camera = ref ? site.cameras.find((c) => c.id === ref.cameraId) : undefined;
      const upstream = ref ? upstreamOf(site, ref.cameraId, ref.index) : undefined;
      if (!camera || !upstream) {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return true;
      }
      if (!opts.canWatch(url.searchParams.get('token'), camera)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => void relay(ws, upstream, url.searchParams.get('keyframes') === '1'));
      return true;
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
