import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Duplex } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ClipFormat } from '../../../common/training/exerciseSchema';
import { REPORT_HTML, REPORT_PDF } from './reportFiles';

/**
 * HTTP for training, mounted on the web host (and servable on its own loopback port for the
 * Electron shell):
 *
 *   GET/HEAD /training/media/<token>            an exercise clip, with byte ranges (seeking)
 *   GET      /training/reports/<runId>/report.html|report.pdf
 *
 * Clips are addressed by random tokens registered by the training service, never by path, so
 * nothing outside the loaded exercise's clips is reachable. A clip given as a URL is relayed
 * (Range passed through) so the page needs no extra origin in its security policy.
 */

export const MEDIA_PREFIX = '/training/media/';
export const REPORTS_PREFIX = '/training/reports/';
const RUN_ID = /^[0-9]{8}-[0-9]{6}-[0-9a-f]{4,8}$/;

const MEDIA_TYPES: Record<ClipFormat, string> = { mp4: 'video/mp4', flv: 'video/x-flv', mpegts: 'video/mp2t' };
/** Time allowed for a relayed clip's server to answer with headers. */
const UPSTREAM_TIMEOUT_MS = 10_000;

export interface MediaEntry {
  location: string;
  format: ClipFormat;
}

/** A parsed single `Range: bytes=` header, or 'unsatisfiable', or null to send the whole file. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Multiple ranges or another unit: answering with the whole file is allowed (RFC 9110 §14.2).
  if (!match) return null;
  const [, a, b] = match;
  if (a === '' && b === '') return null;
  let start: number;
  let end: number;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export class TrainingRoutes {
  private readonly media = new Map<string, MediaEntry>();

  constructor(private readonly runsDir: string) {}

  /** A new unguessable URL path for a clip. */
  register(entry: MediaEntry): string {
    const token = randomBytes(12).toString('hex');
    this.media.set(token, entry);
    return `${MEDIA_PREFIX}${token}`;
  }

  /** Forget clips (e.g. when another exercise is loaded); `keep` survive. */
  clear(keep: ReadonlySet<string> = new Set()): void {
    for (const token of [...this.media.keys()]) if (!keep.has(`${MEDIA_PREFIX}${token}`)) this.media.delete(token);
  }

  handleRequest = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/training/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return true;
    }
    const done = (p: Promise<void>) =>
      p.catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    if (path.startsWith(MEDIA_PREFIX)) {
      const entry = this.media.get(path.slice(MEDIA_PREFIX.length));
      if (!entry) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('no such clip');
      else void done(/^https?:\/\//i.test(entry.location) ? this.relay(entry, req, res) : this.serveFile(entry.location, MEDIA_TYPES[entry.format], req, res));
      return true;
    }
    if (path.startsWith(REPORTS_PREFIX)) {
      const [runId, file] = path.slice(REPORTS_PREFIX.length).split('/');
      if (!runId || !RUN_ID.test(runId) || (file !== REPORT_HTML && file !== REPORT_PDF)) {
        res.writeHead(404).end();
        return true;
      }
      const headers: Record<string, string> =
        file === REPORT_HTML
          ? // The report is a static page: no scripts at all; it may be framed by the app itself.
            { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'", 'Cache-Control': 'no-cache' }
          : { 'Content-Disposition': `inline; filename="atalaya-exercise-${runId}.pdf"`, 'Cache-Control': 'no-cache' };
      void done(this.serveFile(join(this.runsDir, runId, file), file === REPORT_HTML ? 'text/html; charset=utf-8' : 'application/pdf', req, res, headers));
      return true;
    }
    res.writeHead(404).end();
    return true;
  };

  handleUpgrade = (_req: IncomingMessage, _socket: Duplex, _head: Buffer): boolean => false;

  private async serveFile(path: string, type: string, req: IncomingMessage, res: ServerResponse, extra: Record<string, string> = {}): Promise<void> {
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new Error('not a file');
      size = info.size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const base = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'X-Content-Type-Options': 'nosniff', ...extra };
    const range = parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    res.writeHead(range ? 206 : 200, { ...base, 'Content-Length': String(size === 0 ? 0 : end - start + 1), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) });
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(path, { start, end });
    // A seeking <video> aborts ranges it no longer needs: stop reading when the socket goes.
    res.on('close', () => stream.destroy());
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  private async relay(entry: MediaEntry, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), UPSTREAM_TIMEOUT_MS);
    res.on('close', () => controller.abort());
    let upstream: Response;
    try {
      upstream = await fetch(entry.location, { method: req.method === 'HEAD' ? 'HEAD' : 'GET', headers: req.headers.range ? { Range: req.headers.range } : {}, signal: controller.signal });
    } catch (err) {
      res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`the clip's server did not answer: ${(err as Error).message}`);
      return;
    } finally {
      clearTimeout(timer);
    }
    const headers: Record<string, string> = { 'Content-Type': upstream.headers.get('content-type') ?? MEDIA_TYPES[entry.format], 'X-Content-Type-Options': 'nosniff' };
    for (const name of ['content-length', 'content-range', 'accept-ranges']) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    res.writeHead(upstream.status, headers);
    if (!upstream.body || req.method === 'HEAD') {
      res.end();
      return;
    }
    Readable.fromWeb(upstream.body as WebReadableStream).on('error', () => res.destroy()).pipe(res);
  }

  /**
   * Serves these routes on their own loopback port: for the Electron shell, whose pages are not
   * served by the web host. Returns the base URL (e.g. http://127.0.0.1:41234).
   */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ base: string; server: Server }> {
    const server = createServer((req, res) => {
      if (!this.handleRequest(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    return { base: `http://${host}:${typeof address === 'object' && address ? address.port : port}`, server };
  }
}
