import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { MapAssets } from '../services/map/mapAssets';

/**
 * The site's map files in Electron: `atalaya://app/map-assets/…` answered by the app protocol's
 * handler, with HTTP Range support so the renderer reads a PMTiles archive the same way it does
 * from the web host (206 + Content-Range for each directory and tile it needs). Same origin as
 * the renderer, so its CSP (`connect-src 'self'`) already allows it.
 *
 * Called from the `protocol.handle(APP_SCHEME, …)` handler in index.ts before the static files.
 */
export function isMapAssetRequest(assets: MapAssets, requestUrl: string): boolean {
  const url = new URL(requestUrl);
  return url.host === 'app' && assets.handles(url.pathname);
}

export async function mapAssetResponse(assets: MapAssets, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const answer = await assets.answer({ method: request.method, url: url.pathname + url.search, header: (name) => request.headers.get(name) ?? undefined });
  if (!answer.body) return new Response(null, { status: answer.status, headers: answer.headers });
  const stream = Readable.toWeb(createReadStream(answer.body.path, { start: answer.body.start, end: answer.body.end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status: answer.status, headers: answer.headers });
}
