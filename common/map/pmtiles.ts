import { utf8Decode, utf8Encode } from './utf8';

/**
 * PMTiles v3: a single-file tile archive read with HTTP Range requests (a 127-byte header, a root
 * directory, optional leaf directories, then tile data). Written from the published v3 spec so the
 * map can show a site's PMTiles basemap without a network or a tile server: the web host and the
 * Electron protocol serve byte ranges of the file, and this module finds a tile's bytes in it.
 *
 * Pure: byte access and decompression are injected (the browser has DecompressionStream, Node has
 * zlib). The writer exists for tests and for making small archives (raster demo basemaps); it
 * stores directories uncompressed, which the spec allows.
 */

export const PMTILES_HEADER_BYTES = 127;
const MAGIC = 'PMTiles';
/** Deeper than any archive tippecanoe or go-pmtiles writes (root → leaf → leaf). */
const MAX_DIRECTORY_DEPTH = 4;
/** Zoom 26 keeps tile ids below 2^53, the limit of exact integers in a double. */
export const PMTILES_MAX_ZOOM = 26;

export const Compression = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 } as const;
export type CompressionCode = (typeof Compression)[keyof typeof Compression];

export const TileType = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5, mlt: 6 } as const;
export type TileTypeCode = (typeof TileType)[keyof typeof TileType];

/** The MIME type an image tile is shown with; null for vector or unknown tiles. */
export function imageMimeType(tileType: number): string | null {
  switch (tileType) {
    case TileType.png:
      return 'image/png';
    case TileType.jpeg:
      return 'image/jpeg';
    case TileType.webp:
      return 'image/webp';
    case TileType.avif:
      return 'image/avif';
    default:
      return null;
  }
}

export class PmtilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PmtilesError';
  }
}

export interface PmtilesHeader {
  specVersion: number;
  rootDirectoryOffset: number;
  rootDirectoryLength: number;
  metadataOffset: number;
  metadataLength: number;
  leafDirectoryOffset: number;
  leafDirectoryLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  clustered: boolean;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  /** Degrees. */
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  centerZoom: number;
  centerLon: number;
  centerLat: number;
}

function readUint64(view: DataView, at: number): number {
  const value = view.getUint32(at + 4, true) * 2 ** 32 + view.getUint32(at, true);
  if (!Number.isSafeInteger(value)) throw new PmtilesError(`a 64-bit field at byte ${at} is beyond 2^53`);
  return value;
}

function writeUint64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 2 ** 32, true);
  view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
}

export function parseHeader(bytes: Uint8Array): PmtilesHeader {
  if (bytes.length < PMTILES_HEADER_BYTES) throw new PmtilesError(`the file is too short for a PMTiles header (${bytes.length} bytes)`);
  const magic = String.fromCharCode(...bytes.subarray(0, 7));
  if (magic !== MAGIC) throw new PmtilesError('not a PMTiles archive (bad magic number)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, PMTILES_HEADER_BYTES);
  const specVersion = view.getUint8(7);
  if (specVersion !== 3) throw new PmtilesError(`PMTiles version ${specVersion} is not supported (only version 3)`);
  const e7 = (at: number) => view.getInt32(at, true) / 1e7;
  return {
    specVersion,
    rootDirectoryOffset: readUint64(view, 8),
    rootDirectoryLength: readUint64(view, 16),
    metadataOffset: readUint64(view, 24),
    metadataLength: readUint64(view, 32),
    leafDirectoryOffset: readUint64(view, 40),
    leafDirectoryLength: readUint64(view, 48),
    tileDataOffset: readUint64(view, 56),
    tileDataLength: readUint64(view, 64),
    addressedTiles: readUint64(view, 72),
    tileEntries: readUint64(view, 80),
    tileContents: readUint64(view, 88),
    clustered: view.getUint8(96) === 1,
    internalCompression: view.getUint8(97),
    tileCompression: view.getUint8(98),
    tileType: view.getUint8(99),
    minZoom: view.getUint8(100),
    maxZoom: view.getUint8(101),
    minLon: e7(102),
    minLat: e7(106),
    maxLon: e7(110),
    maxLat: e7(114),
    centerZoom: view.getUint8(118),
    centerLon: e7(119),
    centerLat: e7(123),
  };
}

export function encodeHeader(header: PmtilesHeader): Uint8Array {
  const bytes = new Uint8Array(PMTILES_HEADER_BYTES);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  view.setUint8(7, 3);
  const u64: [number, number][] = [
    [8, header.rootDirectoryOffset],
    [16, header.rootDirectoryLength],
    [24, header.metadataOffset],
    [32, header.metadataLength],
    [40, header.leafDirectoryOffset],
    [48, header.leafDirectoryLength],
    [56, header.tileDataOffset],
    [64, header.tileDataLength],
    [72, header.addressedTiles],
    [80, header.tileEntries],
    [88, header.tileContents],
  ];
  for (const [at, value] of u64) writeUint64(view, at, value);
  view.setUint8(96, header.clustered ? 1 : 0);
  view.setUint8(97, header.internalCompression);
  view.setUint8(98, header.tileCompression);
  view.setUint8(99, header.tileType);
  view.setUint8(100, header.minZoom);
  view.setUint8(101, header.maxZoom);
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  e7(102, header.minLon);
  e7(106, header.minLat);
  e7(110, header.maxLon);
  e7(114, header.maxLat);
  view.setUint8(118, header.centerZoom);
  e7(119, header.centerLon);
  e7(123, header.centerLat);
  return bytes;
}

// --- Varints (unsigned LEB128), exact up to 2^53 ---------------------------------------------

export interface ByteCursor {
  bytes: Uint8Array;
  pos: number;
}

export function readVarint(cursor: ByteCursor): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const byte = cursor.bytes[cursor.pos++];
    if (byte === undefined) throw new PmtilesError('a directory ends in the middle of a number');
    // Multiplication, not shifts: JavaScript shifts are 32-bit and tile offsets are not.
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      if (!Number.isSafeInteger(value)) throw new PmtilesError('a directory number is beyond 2^53');
      return value;
    }
    scale *= 128;
  }
  throw new PmtilesError('a directory number is longer than 10 bytes');
}

export function writeVarint(out: number[], value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new PmtilesError(`cannot encode ${value} as a varint`);
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

// --- Tile ids: zoom levels one after another, each along a Hilbert curve ---------------------

/** Tiles at all zoom levels below z: (4^z − 1) / 3. */
const tilesBelow = (z: number) => (Math.pow(4, z) - 1) / 3;

export function zxyToTileId(z: number, x: number, y: number): number {
  if (!Number.isInteger(z) || z < 0 || z > PMTILES_MAX_ZOOM) throw new PmtilesError(`zoom ${z} is outside 0…${PMTILES_MAX_ZOOM}`);
  const n = Math.pow(2, z);
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n) throw new PmtilesError(`tile ${z}/${x}/${y} is outside its zoom level`);
  let d = 0;
  let tx = x;
  let ty = y;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = tx >= s ? 1 : 0;
    const ry = ty >= s ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Drop the bit just used, then turn the quadrant so the curve continues where it left off.
    tx -= rx * s;
    ty -= ry * s;
    if (ry === 0) {
      if (rx === 1) {
        tx = s - 1 - tx;
        ty = s - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  return tilesBelow(z) + d;
}

export function tileIdToZxy(tileId: number): [z: number, x: number, y: number] {
  if (!Number.isSafeInteger(tileId) || tileId < 0) throw new PmtilesError(`bad tile id ${tileId}`);
  let z = 0;
  while (z < PMTILES_MAX_ZOOM && tilesBelow(z + 1) <= tileId) z++;
  if (tileId >= tilesBelow(z + 1)) throw new PmtilesError(`tile id ${tileId} is beyond zoom ${PMTILES_MAX_ZOOM}`);
  let t = tileId - tilesBelow(z);
  let x = 0;
  let y = 0;
  const n = Math.pow(2, z);
  for (let s = 1; s < n; s *= 2) {
    const rx = Math.floor(t / 2) % 2;
    const ry = (t % 2) ^ rx;
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
    x += s * rx;
    y += s * ry;
    t = Math.floor(t / 4);
  }
  return [z, x, y];
}

// --- Directories ------------------------------------------------------------------------------

/**
 * One directory entry. `runLength` ≥ 1: tiles tileId … tileId + runLength − 1 all have these bytes
 * (offset relative to the tile data section). `runLength` 0: a leaf directory covering tile ids from
 * tileId up to the next entry (offset relative to the leaf directory section).
 */
export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

export function decodeDirectory(bytes: Uint8Array): DirectoryEntry[] {
  const cursor: ByteCursor = { bytes, pos: 0 };
  const count = readVarint(cursor);
  // Each entry takes at least 4 bytes: a count beyond that is a corrupt or hostile directory.
  if (count > bytes.length) throw new PmtilesError(`a directory claims ${count} entries in ${bytes.length} bytes`);
  const entries: DirectoryEntry[] = [];
  let tileId = 0;
  for (let i = 0; i < count; i++) {
    tileId += readVarint(cursor);
    entries.push({ tileId, offset: 0, length: 0, runLength: 1 });
  }
  for (const entry of entries) entry.runLength = readVarint(cursor);
  for (const entry of entries) entry.length = readVarint(cursor);
  entries.forEach((entry, i) => {
    const value = readVarint(cursor);
    const previous = entries[i - 1];
    // 0 means "right after the previous entry's bytes", which is how clustered archives stay small.
    entry.offset = value === 0 && previous ? previous.offset + previous.length : value - 1;
    if (entry.offset < 0) throw new PmtilesError('the first directory entry has no offset');
  });
  return entries;
}

export function encodeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const entry of entries) {
    if (entry.tileId < last) throw new PmtilesError('directory entries must be sorted by tile id');
    writeVarint(out, entry.tileId - last);
    last = entry.tileId;
  }
  for (const entry of entries) writeVarint(out, entry.runLength);
  for (const entry of entries) writeVarint(out, entry.length);
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    writeVarint(out, previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1);
  });
  return Uint8Array.from(out);
}

/**
 * The entry holding `tileId`: the tile's own entry (or a run covering it), or the leaf directory
 * to look in next; null when the archive has no such tile. Entries are sorted by tile id.
 */
export function findEntry(entries: readonly DirectoryEntry[], tileId: number): DirectoryEntry | null {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid] as DirectoryEntry;
    if (entry.tileId === tileId) return entry;
    if (entry.tileId < tileId) low = mid + 1;
    else high = mid - 1;
  }
  // `high` is now the last entry starting before tileId.
  const before = entries[high];
  if (!before) return null;
  if (before.runLength === 0) return before;
  return tileId - before.tileId < before.runLength ? before : null;
}

// --- Reading ----------------------------------------------------------------------------------

export interface ByteSource {
  /** Exactly `length` bytes from `offset` (fewer only at the end of the file). */
  getBytes(offset: number, length: number): Promise<Uint8Array>;
}

export type Decompress = (bytes: Uint8Array, compression: number) => Promise<Uint8Array>;

/** For archives whose directories and tiles are stored as is. */
export const noDecompression: Decompress = async (bytes, compression) => {
  if (compression === Compression.none || compression === Compression.unknown) return bytes;
  throw new PmtilesError(`compression ${compression} is not supported here`);
};

/**
 * Reads tiles from an archive. Directories are cached (a map view asks for dozens of tiles in the
 * same leaf); tile bytes are not, since the browser's image cache and Leaflet already keep them.
 */
export class PmtilesReader {
  private headerPromise: Promise<PmtilesHeader> | undefined;
  private readonly directories = new Map<string, Promise<DirectoryEntry[]>>();
  private static readonly MAX_CACHED_DIRECTORIES = 64;

  constructor(
    private readonly source: ByteSource,
    private readonly decompress: Decompress = noDecompression,
  ) {}

  header(): Promise<PmtilesHeader> {
    this.headerPromise ??= this.source.getBytes(0, PMTILES_HEADER_BYTES).then(parseHeader);
    // A failed read (network blip) must not poison every later call.
    this.headerPromise.catch(() => (this.headerPromise = undefined));
    return this.headerPromise;
  }

  async metadata(): Promise<unknown> {
    const header = await this.header();
    if (header.metadataLength === 0) return {};
    const raw = await this.source.getBytes(header.metadataOffset, header.metadataLength);
    const text = utf8Decode(await this.decompress(raw, header.internalCompression));
    return JSON.parse(text) as unknown;
  }

  /** The tile's bytes, decompressed per the header's tile compression; null when absent. */
  async getTile(z: number, x: number, y: number): Promise<Uint8Array | null> {
    const header = await this.header();
    if (z < header.minZoom || z > header.maxZoom) return null;
    const tileId = zxyToTileId(z, x, y);
    let offset = header.rootDirectoryOffset;
    let length = header.rootDirectoryLength;
    for (let depth = 0; depth < MAX_DIRECTORY_DEPTH; depth++) {
      const entries = await this.directory(offset, length, header);
      const entry = findEntry(entries, tileId);
      if (!entry) return null;
      if (entry.runLength > 0) {
        const bytes = await this.source.getBytes(header.tileDataOffset + entry.offset, entry.length);
        return this.decompress(bytes, header.tileCompression);
      }
      offset = header.leafDirectoryOffset + entry.offset;
      length = entry.length;
    }
    throw new PmtilesError(`directories nest deeper than ${MAX_DIRECTORY_DEPTH} levels`);
  }

  private directory(offset: number, length: number, header: PmtilesHeader): Promise<DirectoryEntry[]> {
    const key = `${offset}:${length}`;
    let cached = this.directories.get(key);
    if (!cached) {
      if (this.directories.size >= PmtilesReader.MAX_CACHED_DIRECTORIES) {
        const oldest = this.directories.keys().next().value;
        if (oldest !== undefined) this.directories.delete(oldest);
      }
      cached = this.source
        .getBytes(offset, length)
        .then((bytes) => this.decompress(bytes, header.internalCompression))
        .then(decodeDirectory);
      cached.catch(() => this.directories.delete(key));
      this.directories.set(key, cached);
    }
    return cached;
  }
}

// --- Writing (tests, small generated archives) ------------------------------------------------

export interface PmtilesTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface WritePmtilesOptions {
  tileType: TileTypeCode;
  /** Stored in the header only: the writer does not compress. */
  tileCompression?: CompressionCode;
  metadata?: Record<string, unknown>;
  bounds?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  center?: { lon: number; lat: number; zoom: number };
  /**
   * Root directory entries before tiles move to leaf directories. Small values make archives with
   * leaves out of a few tiles, which is how the reader's leaf path is tested.
   */
  maxRootEntries?: number;
  leafSize?: number;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * A complete v3 archive in memory: identical consecutive tiles become one run, identical
 * contents are stored once, directories are uncompressed.
 */
export function writePmtiles(tiles: readonly PmtilesTile[], options: WritePmtilesOptions): Uint8Array {
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.id === sorted[i - 1]!.id) throw new PmtilesError(`tile id ${sorted[i]!.id} is given twice`);

  const contents: Uint8Array[] = [];
  const contentOffsets: number[] = [];
  let dataLength = 0;
  const entries: DirectoryEntry[] = [];
  for (const tile of sorted) {
    const last = entries[entries.length - 1];
    if (last && last.tileId + last.runLength === tile.id && sameBytes(contents[contentOffsets.indexOf(last.offset)]!, tile.data)) {
      last.runLength++;
      continue;
    }
    let index = contents.findIndex((c) => sameBytes(c, tile.data));
    if (index === -1) {
      index = contents.length;
      contents.push(tile.data);
      contentOffsets.push(dataLength);
      dataLength += tile.data.length;
    }
    entries.push({ tileId: tile.id, offset: contentOffsets[index]!, length: tile.data.length, runLength: 1 });
  }

  const maxRoot = options.maxRootEntries ?? 16384;
  let root: Uint8Array;
  let leaves: Uint8Array = new Uint8Array(0);
  if (entries.length <= maxRoot) {
    root = encodeDirectory(entries);
  } else {
    const leafSize = Math.max(1, options.leafSize ?? 4096);
    const rootEntries: DirectoryEntry[] = [];
    const leafParts: Uint8Array[] = [];
    let leafOffset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const chunk = entries.slice(i, i + leafSize);
      const encoded = encodeDirectory(chunk);
      rootEntries.push({ tileId: chunk[0]!.tileId, offset: leafOffset, length: encoded.length, runLength: 0 });
      leafParts.push(encoded);
      leafOffset += encoded.length;
    }
    root = encodeDirectory(rootEntries);
    leaves = concat(leafParts);
  }
  const metadata = utf8Encode(JSON.stringify(options.metadata ?? {}));
  const zooms = sorted.map((t) => tileIdToZxy(t.id)[0]);
  const bounds = options.bounds ?? { minLon: -180, minLat: -85.0511287, maxLon: 180, maxLat: 85.0511287 };
  const minZoom = zooms.length ? Math.min(...zooms) : 0;
  const center = options.center ?? { lon: (bounds.minLon + bounds.maxLon) / 2, lat: (bounds.minLat + bounds.maxLat) / 2, zoom: minZoom };

  const rootOffset = PMTILES_HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leafOffset = metadataOffset + metadata.length;
  const tileDataOffset = leafOffset + leaves.length;
  const header = encodeHeader({
    specVersion: 3,
    rootDirectoryOffset: rootOffset,
    rootDirectoryLength: root.length,
    metadataOffset,
    metadataLength: metadata.length,
    leafDirectoryOffset: leafOffset,
    leafDirectoryLength: leaves.length,
    tileDataOffset,
    tileDataLength: dataLength,
    addressedTiles: sorted.length,
    tileEntries: entries.length,
    tileContents: contents.length,
    clustered: true,
    internalCompression: Compression.none,
    tileCompression: options.tileCompression ?? Compression.none,
    tileType: options.tileType,
    minZoom,
    maxZoom: zooms.length ? Math.max(...zooms) : 0,
    ...bounds,
    centerZoom: center.zoom,
    centerLon: center.lon,
    centerLat: center.lat,
  });
  return concat([header, root, metadata, leaves, ...contents]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
