import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/** The scheme the renderer is served from, so it has a real origin and a CSP header. */
export const APP_SCHEME = 'atalaya';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Answers `atalaya://app/<path>` from the built renderer; nothing outside it is reachable. */
export async function appProtocolResponse(rendererDir: string, requestUrl: string, csp: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== 'app') return new Response('not found', { status: 404 });
  const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const path = normalize(join(rendererDir, relative));
  if (!path.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(path);
    return new Response(new Uint8Array(body), {
      headers: { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}
