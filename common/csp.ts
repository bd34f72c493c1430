/**
 * The renderer's Content-Security-Policy. Scripts only from the app itself; network access only to
 * the app, the site's stream and map origins and the simulator. Built from the site so that adding
 * a camera gateway does not mean loosening the policy for everyone.
 */
export interface CspSources {
  /** Origins the renderer's own API/transport lives at (e.g. `ws://127.0.0.1:4173`). */
  self: string[];
  /** Origins of camera streams (http/ws) the players fetch. */
  streams: string[];
  /** Origins of map tiles/images. */
  images: string[];
  /** Origins of recorded media (exercise clips) and the pages shown beside them (reports). */
  media?: string[];
}

const unique = (values: string[]) => [...new Set(values.filter((v) => v !== ''))];

export function buildCsp(sources: CspSources): string {
  const media = sources.media ?? [];
  // Clips in FLV or MPEG-TS are fetched by the player, so their origin is a connect source too.
  const connect = unique(["'self'", ...sources.self, ...sources.streams, ...media]);
  const img = unique(["'self'", 'data:', 'blob:', ...sources.images]);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Leaflet and React set styles through the CSSOM, which CSP allows; no inline <style> needed.
    "style-src 'self'",
    `img-src ${img.join(' ')}`,
    `media-src ${unique(["'self'", 'blob:', ...media]).join(' ')}`,
    `frame-src ${unique(["'self'", ...media]).join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    // mpegts.js runs its demuxer in a worker created from a blob URL.
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `scheme://host[:port]` of a URL, or '' when it is not a network URL. */
export function originOf(url: string): string {
  try {
    const u = new URL(url);
    return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) ? `${u.protocol}//${u.host}` : '';
  } catch {
    return '';
  }
}
