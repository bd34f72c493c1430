import { Compression, PmtilesReader, imageMimeType, type ByteSource, type Decompress, type PmtilesHeader } from '../../../common/map/pmtiles';
import L from './leaflet';

/**
 * A site's PMTiles basemap in Leaflet: the archive is read with HTTP Range requests from the app's
 * own origin (`/map-assets/basemap.pmtiles`, answered by the web host or the Electron protocol),
 * and each raster tile is shown from a blob: URL (the CSP allows `img-src blob:`).
 */

export function rangeSource(url: string): ByteSource {
  return {
    async getBytes(offset, length) {
      const response = await fetch(url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` } });
      if (response.status !== 206 && response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // A server that ignores Range sends the whole file: take the part asked for.
      return response.status === 200 ? bytes.slice(offset, offset + length) : bytes;
    },
  };
}

/** gzip through the browser's own DecompressionStream; brotli and zstd are not offered by browsers. */
export const browserDecompress: Decompress = async (bytes, compression) => {
  if (compression === Compression.none || compression === Compression.unknown) return bytes;
  if (compression !== Compression.gzip) throw new Error(`PMTiles compression ${compression} is not supported in the browser`);
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

export interface PmtilesLayerOptions extends L.GridLayerOptions {
  onProblem?: (message: string) => void;
}

export function pmtilesLayer(url: string, options: PmtilesLayerOptions = {}): { layer: L.GridLayer; header: Promise<PmtilesHeader> } {
  const reader = new PmtilesReader(rangeSource(url), browserDecompress);
  const header = reader.header();
  const Layer = L.GridLayer.extend({
    createTile(coords: L.Coords, done: L.DoneCallback) {
      const img = document.createElement('img');
      img.alt = '';
      img.setAttribute('role', 'presentation');
      void (async () => {
        try {
          const h = await header;
          const type = imageMimeType(h.tileType);
          if (!type) throw new Error('this PMTiles archive holds vector tiles; Atalaya draws raster PMTiles only');
          const bytes = await reader.getTile(coords.z, coords.x, coords.y);
          if (!bytes) {
            done(undefined, img);
            return;
          }
          const blobUrl = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
          img.onload = () => {
            URL.revokeObjectURL(blobUrl);
            done(undefined, img);
          };
          img.onerror = () => {
            URL.revokeObjectURL(blobUrl);
            done(new Error('bad tile image'), img);
          };
          img.src = blobUrl;
        } catch (err) {
          options.onProblem?.((err as Error).message);
          done(err as Error, img);
        }
      })();
      return img;
    },
  });
  const layer = new (Layer as unknown as new (o: L.GridLayerOptions) => L.GridLayer)(options);
  return { layer, header };
}
