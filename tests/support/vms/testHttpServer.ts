import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small real HTTP server on 127.0.0.1 for VMS contract tests: it records every request and can
 * be told to misbehave the ways a VMS does in the field — answer an error status, never answer,
 * or refuse connections outright (nothing listening on the port).
 */

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface TestResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

interface Failure {
  response: TestResponse;
  remaining: number;
  path?: RegExp;
}

export abstract class TestHttpServer {
  readonly requests: RecordedRequest[] = [];
  /** Extra latency before answering a request, so a client can time out or be killed mid-exchange. */
  latencyMs: (request: RecordedRequest) => number = () => 0;
  private readonly server: Server;
  private port = 0;
  private failures: Failure[] = [];
  private hanging = false;
  private listening = false;

  protected constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const request: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', url, headers: req.headers, body, json: parseJson(body) };
        this.requests.push(request);
        if (this.hanging) return;
        const failure = this.failures.find((f) => f.remaining > 0 && (!f.path || f.path.test(url.pathname)));
        let response: TestResponse;
        if (failure) {
          failure.remaining -= 1;
          response = failure.response;
        } else {
          // The vendor logic runs (and stores) as soon as the request is complete, as a real
          // server would; latency only delays the answer, so a client killed while waiting has
          // still had its request processed.
          response = this.handle(request);
        }
        const delay = this.latencyMs(request);
        if (delay > 0) setTimeout(() => send(res, response), delay);
        else send(res, response);
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next `times` requests (to paths matching `path`, if given) get this answer instead. */
  failNext(response: TestResponse, options: { times?: number; path?: RegExp } = {}): void {
    this.failures.push({ response, remaining: options.times ?? 1, path: options.path });
  }

  /** Every request (to `path`) gets this answer until `behave()`. */
  failAlways(response: TestResponse, path?: RegExp): void {
    this.failures.push({ response, remaining: Number.POSITIVE_INFINITY, path });
  }

  /** Requests are read but never answered, until `behave()`. */
  hang(): void {
    this.hanging = true;
  }

  behave(): void {
    this.failures = [];
    this.hanging = false;
  }

  /** Stops listening and drops open connections: clients get ECONNREFUSED. */
  async refuse(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Listens again, on the same port once it has one. */
  async accept(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.listening = true;
  }

  close(): Promise<void> {
    this.hanging = false;
    return this.refuse();
  }

  protected abstract handle(request: RecordedRequest): TestResponse;
}

function send(res: ServerResponse, response: TestResponse): void {
  if (res.destroyed) return;
  const isText = typeof response.body === 'string';
  const body = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...(response.body !== undefined ? { 'content-type': isText ? 'text/plain' : 'application/json' } : {}),
    ...response.headers,
  });
  res.end(body);
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Reads `Authorization: Bearer <token>`. */
export function bearer(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
