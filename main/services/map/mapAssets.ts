import { stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { LoadedSite } from '../../../common/contract/contract';
import { parseRange } from './byteRange';

/**
 * The site's own map files — a PMTiles basemap, floor-plan images — served to the renderer at
 * `/map-assets/…` on the page's own origin: by the web host over HTTP and by Electron's app
 * protocol, so the renderer's CSP (`connect-src 'self'`, `img-src 'self'`) needs no exception and
 * both hosts use the same URLs. A request names only which asset (the basemap, floor X); the path
 * comes from the site file, so no request can reach any other file on disk.
 *
 * PMTiles readers fetch byte ranges of the archive, so every asset answers `Range: bytes=a-b` with
 * 206 and exactly those bytes.
 */

export const MAP_ASSETS_PREFIX = '/map-assets/';
export const PMTILES_ASSET_PATH = `${MAP_ASSETS_PREFIX}basemap.pmtiles`;
export const floorAssetPath = (floorId: string) => `${MAP_ASSETS_PREFIX}floors/${encodeURIComponent(floorId)}`;

const TYPES: Record<string, string> = {
  '.pmtiles': 'application/vnd.pmtiles',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

/**
 * An SVG floor plan opened directly (not as an <img>) would run its scripts on the app's origin;
 * this policy and `sandbox` keep any asset inert whatever it contains.
 */
const ASSET_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

export interface AssetAnswer {
  status: 200 | 206 | 304 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** Bytes to send (inclusive range of `path`); absent for HEAD, errors and 304. */
  body?: { path: string; start: number; end: number };
}

export interface AssetRequest {
  method: string;
  /** Path and query of the request URL, e.g. `/map-assets/basemap.pmtiles`. */
  url: string;
  header(name: string): string | undefined;
}

export interface MapAssetsOptions {
  site: () => LoadedSite;
  /** Folder of the built-in demo site's file (relative asset paths of the demo resolve there). */
  demoSiteDir: string;
}

export class MapAssets {
  constructor(private readonly opts: MapAssetsOptions) {}

  handles(url: string): boolean {
    return pathOf(url).startsWith(MAP_ASSETS_PREFIX);
  }

  /** The file an asset path names in the site in use, or undefined. */
  fileFor(url: string): string | undefined {
    const loaded = this.opts.site();
    const base = loaded.demo ? this.opts.demoSiteDir : dirname(loaded.source);
    const within = (p: string) => (isAbsolute(p) ? p : resolve(join(base, p)));
    let path: string;
    try {
      path = decodeURIComponent(pathOf(url));
    } catch {
      return undefined;
    }
    const { map } = loaded.site;
    if (path === PMTILES_ASSET_PATH) return map.basemap.type === 'pmtiles' ? within(map.basemap.path) : undefined;
    const floor = /^\/map-assets\/floors\/([^/]+)$/.exec(path);
    if (floor) {
      const entry = map.floors.find((f) => f.id === floor[1]);
      return entry ? within(entry.image) : undefined;
    }
    return undefined;
  }

  async answer(req: AssetRequest): Promise<AssetAnswer> {
    const base = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': ASSET_CSP, 'Cache-Control': 'no-cache' };
    if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, headers: { ...base, Allow: 'GET, HEAD' } };
    const path = this.fileFor(req.url);
    const info = path ? await stat(path).catch(() => undefined) : undefined;
    if (!path || !info?.isFile()) return { status: 404, headers: { ...base, 'Content-Type': 'text/plain; charset=utf-8' } };

    const size = info.size;
    // Strong validator: a replaced archive gets a new ETag, so a reader never mixes two files' bytes.
    const etag = `"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      ...base,
      'Content-Type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Last-Modified': new Date(info.mtimeMs).toUTCString(),
    };
    const head = req.method === 'HEAD';
    const ifRange = req.header('if-range');
    const rangeHeader = ifRange === undefined || ifRange === etag ? req.header('range') : undefined;
    const range = parseRange(rangeHeader, size);
    if (range.kind === 'unsatisfiable') return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' } };
    if (range.kind === 'partial') {
      const length = range.end - range.start + 1;
      return {
        status: 206,
        headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(length) },
        ...(head ? {} : { body: { path, start: range.start, end: range.end } }),
      };
    }
    if (req.header('if-none-match') === etag) return { status: 304, headers };
    return { status: 200, headers: { ...headers, 'Content-Length': String(size) }, ...(head || size === 0 ? {} : { body: { path, start: 0, end: size - 1 } }) };
  }
}

function pathOf(url: string): string {
  const q = url.search(/[?#]/);
  return q === -1 ? url : url.slice(0, q);
}
