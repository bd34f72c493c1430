import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MapAssets } from '../services/map/mapAssets';
import type { HttpMount } from './webHost';

/** Serves the site's map files (`/map-assets/…`: PMTiles with byte ranges, floor plans) over HTTP. */
export function mapAssetsMount(assets: MapAssets): HttpMount {
  return {
    handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
      const url = req.url ?? '/';
      if (!assets.handles(url)) return false;
      const header = (name: string) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : value;
      };
      assets
        .answer({ method: req.method ?? 'GET', url, header })
        .then((answer) => {
          res.writeHead(answer.status, answer.headers);
          if (!answer.body) {
            res.end();
            return;
          }
          const stream = createReadStream(answer.body.path, { start: answer.body.start, end: answer.body.end });
          stream.on('error', () => res.destroy());
          stream.pipe(res);
        })
        .catch(() => {
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
      return true;
    },
    handleUpgrade: () => false,
  };
}
