import type { Stream } from './siteSchema';

/**
 * `sim://<cameraId>/<quality>` names a stream of the built-in simulator. The renderer turns it into
 * the simulator's WS-FLV URL: WebSocket, because Chromium allows only 6 HTTP/1.1 connections per
 * host and a wall plays far more than 6 streams from the one simulator.
 *
 * `simulatorBase` is the simulator's http(s) or ws(s) origin, or null when the simulator is served
 * by the same host as the page (the web host), in which case `pageOrigin` is used.
 */
export function resolveStreamUrl(url: string, simulatorBase: string | null, pageOrigin: string): string {
  if (!url.startsWith('sim://')) return url;
  const parsed = new URL(url);
  const cameraId = parsed.host;
  const quality = parsed.pathname.replace(/^\//, '') || 'main';
  const base = new URL(simulatorBase ?? pageOrigin);
  const scheme = base.protocol === 'https:' || base.protocol === 'wss:' ? 'wss:' : 'ws:';
  return `${scheme}//${base.host}/live/${encodeURIComponent(cameraId)}/${encodeURIComponent(quality)}.flv`;
}

/** Streams of a camera ordered smallest first, for the quality ladder. */
export function streamsBySize(streams: readonly Stream[]): Stream[] {
  return [...streams].sort((a, b) => a.width * a.height - b.width * b.height);
}

/**
 * How this window reaches plain HTTP(S) streams, which Chromium caps at 6 connections per host:
 * - 'scheme': Electron — through the privileged `atalaya-stream:` scheme, fetched by main;
 * - 'relay': a browser on the web host — through the host's WebSocket relay;
 * - 'direct': as they are (tests, or gateways known to serve HTTP/2).
 */
export type HttpStreamRoute = 'scheme' | 'relay' | 'direct';

export interface StreamAccess {
  simulatorBase: string | null;
  pageOrigin: string;
  http: HttpStreamRoute;
  /** Session token for the relay when the site requires signing in. */
  token?: string | null;
}

export const STREAM_SCHEME = 'atalaya-stream';

/**
 * The URL a player opens for `camera`'s stream number `index`. Proxied forms name the camera and
 * stream, never the upstream URL, so main only ever fetches streams that are in the site.
 */
export function playableStreamUrl(cameraId: string, index: number, stream: Stream, access: StreamAccess): string {
  if (stream.url.startsWith('sim://')) return resolveStreamUrl(stream.url, access.simulatorBase, access.pageOrigin);
  const isHttp = /^https?:/i.test(stream.url);
  if (!isHttp || access.http === 'direct') return stream.url;
  const path = `${encodeURIComponent(cameraId)}/${index}`;
  if (access.http === 'scheme') return `${STREAM_SCHEME}://camera/${path}`;
  const page = new URL(access.pageOrigin);
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}/relay/${path}${access.token ? `?token=${encodeURIComponent(access.token)}` : ''}`;
}

/** Parses `/<cameraId>/<index>` (the tail of a proxied stream URL). */
export function parseStreamRef(path: string): { cameraId: string; index: number } | null {
  const match = /^\/?([A-Za-z0-9_-]{1,64})\/(\d{1,2})$/.exec(path);
  return match ? { cameraId: match[1]!, index: Number(match[2]) } : null;
}
