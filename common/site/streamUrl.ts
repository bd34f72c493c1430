import { muxStreamUrl } from '../live/streamMux';
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
 * How this window reaches streams. Chromium caps HTTP/1.1 at 6 connections per host and opens
 * WebSockets to one host one at a time, so a wall avoids a connection per tile where it can:
 * - 'scheme': Electron — every stream through the privileged `atalaya-stream:` scheme, opened
 *   by main (main/services/streams/streamScheme.ts);
 * - 'host': a browser on the web host — every stream through the host's multiplexer, one
 *   WebSocket per page (common/live/streamMux.ts);
 * - 'direct': each stream as it is (tests and benchmarks, or gateways known to serve HTTP/2).
 */
export type StreamRoute = 'scheme' | 'host' | 'direct';

export interface StreamAccess {
  simulatorBase: string | null;
  pageOrigin: string;
  route: StreamRoute;
  /** Session token for the host's multiplexer when the site requires signing in. */
  token?: string | null;
}

export const STREAM_SCHEME = 'atalaya-stream';

/**
 * The URL a player opens for `camera`'s stream number `index`. Proxied forms name the camera and
 * stream, never the upstream URL, so main only ever fetches streams that are in the site.
 */
export function playableStreamUrl(cameraId: string, index: number, stream: Stream, access: StreamAccess): string {
  if (access.route === 'host') return muxStreamUrl(access.pageOrigin, cameraId, index, access.token);
  if (access.route === 'scheme') return `${STREAM_SCHEME}://camera/${encodeURIComponent(cameraId)}/${index}`;
  if (stream.url.startsWith('sim://')) return resolveStreamUrl(stream.url, access.simulatorBase, access.pageOrigin);
  return stream.url;
}
