import { VmsError, isRetryableStatus } from './vmsError';

/**
 * One HTTP exchange with a VMS over Node's global fetch, bounded by a timeout and classified
 * into VmsError on failure, so every adapter reports refused connections, timeouts and error
 * answers the same way.
 */

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  timeoutMs: number;
  /** Aborted when the outbox shuts down. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export async function httpRequest(url: string, request: HttpRequest): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'manual' });
    text = await response.text();
  } catch (error) {
    throw networkError(url, request, error, timeout.aborted);
  }
  return { status: response.status, headers: response.headers, text, json: parseJson(text) };
}

export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/** A VmsError for a non-2xx answer, carrying the VMS's own message where it gave one. */
export function answerError(response: HttpResponse, vmsMessage: string | undefined, context: string): VmsError {
  const location = response.headers.get('location');
  const detail =
    vmsMessage?.trim() ||
    (location ? `redirected to ${location}` : '') ||
    response.text.trim().slice(0, 300) ||
    statusText(response.status);
  return new VmsError(`${context}: ${response.status} ${detail}`, {
    permanent: !isRetryableStatus(response.status),
    status: response.status,
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
  });
}

/** Reads a string at the first path that holds one, for pulling messages out of error bodies. */
export function stringAt(value: unknown, ...paths: (string | number)[][]): string | undefined {
  for (const path of paths) {
    let cursor: unknown = value;
    for (const key of path) cursor = typeof cursor === 'object' && cursor !== null ? (cursor as Record<string | number, unknown>)[key] : undefined;
    if (typeof cursor === 'string' && cursor.trim() !== '') return cursor;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function networkError(url: string, request: HttpRequest, error: unknown, timedOut: boolean): VmsError {
  const host = safeHost(url);
  if (timedOut) return new VmsError(`${host}: no answer within ${request.timeoutMs} ms`, { permanent: false, cause: error });
  if (request.signal?.aborted) return new VmsError(`${host}: cancelled`, { permanent: false, cause: error });
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host not found'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'connection dropped'
          : (cause?.message ?? (error as Error).message);
  return new VmsError(`${host}: ${reason}${code ? ` (${code})` : ''}`, { permanent: false, cause: error });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function statusText(status: number): string {
  return status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not found' : 'error';
}
