// Real network clients for the simulator tests: an HTTP-FLV reader, a WS-FLV reader and
// raw sockets that connect and then never read (a stuck player).
import { get, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import {
  FlvStreamParser,
  TAG_SCRIPT,
  decodeScriptData,
  type AmfValue,
  type FlvTag,
} from '../../../../../main/services/simulator/flv';

export const CLIPS_DIR = fileURLToPath(new URL('../../../../../resources/demo/clips/', import.meta.url));

/** Collects a stream's bytes and the FLV tags in them. */
export class StreamReader {
  readonly chunks: Buffer[] = [];
  readonly tags: FlvTag[] = [];
  /** Date.now() at each chunk's arrival. */
  readonly arrivals: number[] = [];
  bytes = 0;
  closed = false;
  parseError: Error | undefined;
  private readonly parser = new FlvStreamParser();

  take(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.arrivals.push(Date.now());
    this.bytes += chunk.length;
    if (this.parseError) return;
    try {
      this.tags.push(...this.parser.push(chunk));
    } catch (err) {
      this.parseError = err as Error;
    }
  }

  get all(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Picture tags (AVC NALU), in order. */
  get frames(): FlvTag[] {
    return this.tags.filter((t) => t.type === 9 && t.data[1] === 1);
  }

  lastFrameTs(): number {
    return this.frames.at(-1)?.timestamp ?? -1;
  }
}

export interface HttpStream {
  status: number;
  reader: StreamReader;
  res: IncomingMessage;
}

export function openHttp(url: string): Promise<HttpStream> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      const reader = new StreamReader();
      res.on('data', (c: Buffer) => reader.take(c));
      res.on('close', () => {
        reader.closed = true;
      });
      res.on('error', () => {
        reader.closed = true;
      });
      resolve({ status: res.statusCode ?? 0, reader, res });
    });
    req.on('error', reject);
  });
}

export interface WsStream {
  ws: WebSocket;
  reader: StreamReader;
  messages: Buffer[];
}

export function openWs(url: string): Promise<WsStream> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const reader = new StreamReader();
    const messages: Buffer[] = [];
    ws.on('message', (data: Buffer) => {
      messages.push(data);
      reader.take(data);
    });
    ws.on('close', () => {
      reader.closed = true;
    });
    ws.on('open', () => resolve({ ws, reader, messages }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on('error', (err) => reject(err));
  });
}

/** Status code of a refused WebSocket upgrade, or 101 if it was accepted. */
export function wsUpgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', reject);
  });
}

/** Connects, sends a request (plain GET or WebSocket upgrade) and never reads a byte. */
export function stuckClient(port: number, path: string, kind: 'http' | 'ws'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.pause();
      const upgrade =
        kind === 'ws'
          ? 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n`
          : '';
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${upgrade}\r\n`, () => resolve(socket));
    });
    socket.on('error', reject);
  });
}

export async function waitFor(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function scriptOf(tag: FlvTag): { name: string; value: AmfValue } | undefined {
  return tag.type === TAG_SCRIPT ? decodeScriptData(tag.data) : undefined;
}
