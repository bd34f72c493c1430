import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { encodeMuxFrame, MUX_MAX_CHANNELS, MUX_MAX_CLIENT_MESSAGE_BYTES, MUX_PATH, parseMuxClientMessage, type MuxClientMessage, type MuxEndCode, type MuxServerMessage } from '../../common/live/streamMux';
import type { Site } from '../../common/site/siteSchema';
import { credentialsFor, upstreamOf, type SecretLookup } from '../services/streams/streamProxy';
import { openStreamUpstream } from '../services/streams/webSocketUpstream';
import type { HttpMount } from './webHost';

export interface StreamMuxOptions {
  site: () => Site;
  /** May this token watch this camera? (the session check; see AuthGate.canWatch) */
  canWatch: (token: string | null, camera: Site['cameras'][number]) => boolean;
  /** Stream credentials, from main's secret store. */
  secrets: SecretLookup;
  /** Where `sim://` streams are served: the simulator's origin (this host's own when it mounts the simulator). */
  simulatorOrigin: () => string;
  /** Unsent bytes one page may queue before it is dropped (a stalled tab must not hold memory). */
  maxBufferedBytes?: number;
  /** How long an upstream may take to answer. */
  connectTimeoutMs?: number;
}

export interface StreamMux extends HttpMount {
  /** Open sockets and channels, for tests and the leak checks. */
  stats(): { sockets: number; channels: number };
  close(): void;
}

/**
 * One WebSocket per page carries every stream it plays (see common/live/streamMux.ts for why and
 * the format). Each channel names a camera and stream of the site, never a URL, so a page can
 * only reach streams the site lists and its session may watch; the host opens the upstream from
 * Node (HTTP-FLV, WS-FLV, the simulator) with no per-host cap, and forwards its bytes.
 */
export function createStreamMux(opts: StreamMuxOptions): StreamMux {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MUX_MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false });
  const maxBuffered = opts.maxBufferedBytes ?? 16 * 1024 * 1024;
  let channelCount = 0;

  const serve = (ws: WebSocket, token: string | null) => {
    const channels = new Map<number, AbortController>();
    const send = (message: MuxServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const end = (ch: number, code: MuxEndCode, message: string) => send({ op: 'end', ch, code, message });
    const drop = (ch: number) => {
      const abort = channels.get(ch);
      if (!abort) return;
      channels.delete(ch);
      channelCount--;
      abort.abort();
    };

    const open = async (msg: Extract<MuxClientMessage, { op: 'open' }>) => {
      if (channels.has(msg.ch)) return end(msg.ch, 'in_use', `channel ${msg.ch} is already open`);
      if (channels.size >= MUX_MAX_CHANNELS) return end(msg.ch, 'too_many', `at most ${MUX_MAX_CHANNELS} streams per connection`);
      const site = opts.site();
      const camera = site.cameras.find((c) => c.id === msg.camera);
      const target = upstreamOf(site, msg.camera, msg.stream, opts.simulatorOrigin());
      if (!camera || !target) return end(msg.ch, 'not_found', `the site has no stream ${msg.stream} for camera "${msg.camera}"`);
      if (!opts.canWatch(token, camera)) return end(msg.ch, 'forbidden', `not allowed to watch camera "${msg.camera}"`);
      const abort = new AbortController();
      channels.set(msg.ch, abort);
      channelCount++;
      try {
        const credentials = await credentialsFor(target, opts.secrets);
        const body = await openStreamUpstream(target.url, {
          signal: abort.signal,
          keyframesOnly: msg.keyframes === true,
          ...(opts.connectTimeoutMs ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
          ...(credentials ? { credentials } : {}),
        });
        const reader = body.getReader();
        abort.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
        for (;;) {
          const { done, value } = await reader.read();
          if (done || abort.signal.aborted || ws.readyState !== ws.OPEN) break;
          if (ws.bufferedAmount > maxBuffered) {
            ws.terminate();
            break;
          }
          ws.send(encodeMuxFrame(msg.ch, value));
        }
        if (!abort.signal.aborted) end(msg.ch, 'ended', 'the camera closed the stream');
      } catch (err) {
        if (!abort.signal.aborted) end(msg.ch, 'upstream', (err as Error).message);
      } finally {
        // Whatever ended the loop (the camera, the page closing its socket, a full send buffer),
        // the upstream goes with it: once the channel leaves the map nothing else would close it.
        abort.abort();
        if (channels.get(msg.ch) === abort) {
          channels.delete(msg.ch);
          channelCount--;
        }
      }
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return send({ op: 'error', message: 'the host takes text messages only' });
      const parsed = parseMuxClientMessage(data.toString());
      if (!parsed.ok) return send({ op: 'error', message: `bad message: ${parsed.error}` });
      if (parsed.message.op === 'close') drop(parsed.message.ch);
      else void open(parsed.message);
    });
    ws.on('close', () => {
      for (const ch of [...channels.keys()]) drop(ch);
    });
    ws.on('error', () => ws.terminate());
  };

  return {
    handleRequest(req: IncomingMessage, res: ServerResponse) {
      if (new URL(req.url ?? '/', 'http://x').pathname !== MUX_PATH) return false;
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' }).end('the stream multiplexer speaks WebSocket');
      return true;
    },
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== MUX_PATH) return false;
      // Sessions are checked per channel (a page may sign in after its first tile asks).
      wss.handleUpgrade(req, socket, head, (ws) => serve(ws, url.searchParams.get('token')));
      return true;
    },
    stats: () => ({ sockets: wss.clients.size, channels: channelCount }),
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
