import { credentialsFor, UpstreamError, upstreamOf, type SecretLookup } from './streamProxy';
import type { Site } from '../../../common/site/siteSchema';
import { openStreamUpstream } from './webSocketUpstream';

/**
 * Answers an `atalaya-stream://camera/<id>/<index>[?keyframes=1]` request (Electron's protocol
 * handler calls this; it is here so it runs and is tested in plain Node). Every kind of stream
 * comes through it — HTTP-FLV (Chromium's 6-per-host cap), and WS-FLV and the simulator too, so a
 * layout switch does not wait for Chromium's one-at-a-time WebSocket handshakes.
 */
export async function streamSchemeResponse(requestUrl: string, site: Site, secrets: SecretLookup, signal?: AbortSignal, simulatorBase: string | null = null): Promise<Response> {
  const url = new URL(requestUrl);
  const match = /^\/([A-Za-z0-9_-]{1,64})\/(\d{1,2})$/.exec(url.pathname);
  if (url.host !== 'camera' || !match) return new Response('not a stream', { status: 404 });
  const target = upstreamOf(site, match[1]!, Number(match[2]), simulatorBase);
  if (!target) return new Response('no such stream in the site', { status: 404 });
  try {
    const credentials = await credentialsFor(target, secrets);
    const body = await openStreamUpstream(target.url, { signal, keyframesOnly: url.searchParams.get('keyframes') === '1', ...(credentials ? { credentials } : {}) });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'video/x-flv', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' } });
  } catch (err) {
    const status = err instanceof UpstreamError ? err.status : 502;
    return new Response(`${target.cameraId}: ${(err as Error).message}`, { status: status >= 400 && status < 600 ? status : 502 });
  }
}
