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
