import { WebSocket } from 'ws';
import { FlvKeyframeFilter } from '../../../common/live/flvKeyframeFilter';
import { openUpstream, UpstreamError, type UpstreamOptions } from './streamProxy';

const UPSTREAM_QUEUE_BYTES = 1024 * 1024;

/**
 * Opens a WS-FLV upstream from Node (a media gateway's WebSocket stream, or the simulator's) and
 * returns its messages as a byte stream, like openUpstream does for HTTP-FLV. Rejects with the
 * status the server answered the handshake with, or the connection error.
 */
export function openWebSocketUpstream(url: string, opts: UpstreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (opts.credentials) headers.Authorization = `Basic ${Buffer.from(opts.credentials, 'utf8').toString('base64')}`;
    const ws = new WebSocket(url, { handshakeTimeout: opts.connectTimeoutMs ?? 10_000, headers, perMessageDeflate: false });
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let settled = false;
    const filter = opts.keyframesOnly ? new FlvKeyframeFilter() : null;
    // Backpressure: when the reader falls 1 MB behind (Electron's renderer busy), stop reading
    // the socket, so TCP slows the server instead of this queue growing without bound.
    const body = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          controller = c;
        },
        pull: () => {
          if (ws.readyState === WebSocket.OPEN && ws.isPaused) ws.resume();
        },
        cancel: () => ws.terminate(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: UPSTREAM_QUEUE_BYTES }),
    );
    const fail = (err: Error) => {
      if (!settled) {
        settled = true;
        reject(err);
        return;
      }
      try {
        controller.error(err);
      } catch {
        // Already closed or errored.
      }
    };
    const onAbort = () => {
      ws.terminate();
      fail(new Error('aborted'));
    };
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      ws.terminate();
      fail(new UpstreamError(res.statusCode ?? 502, `upstream answered ${res.statusCode ?? '?'} ${res.statusMessage ?? ''}`.trim()));
    });
    ws.on('open', () => {
      settled = true;
      resolve(body);
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return;
      const bytes = filter ? filter.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (bytes.length === 0) return;
      try {
        controller.enqueue(bytes);
        if ((controller.desiredSize ?? 1) <= 0) ws.pause();
      } catch {
        ws.terminate();
      }
    });
    ws.on('error', (err) => fail(err));
    ws.on('close', () => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (!settled) return fail(new Error('the upstream closed before it opened'));
      try {
        controller.close();
      } catch {
        // Already errored or cancelled.
      }
    });
    // Only now: terminating emits 'error', which must find the listener above.
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Opens an HTTP-FLV or WS-FLV upstream, whichever the URL names. */
export async function openStreamUpstream(url: string, opts: UpstreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  if (/^wss?:/i.test(url)) return openWebSocketUpstream(url, opts);
  if (/^https?:/i.test(url)) return (await openUpstream(url, opts)).body;
  throw new UpstreamError(400, `cannot open "${url.split(':')[0]}:" streams`);
}
