import { gzipSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Compression,
  PmtilesError,
  PmtilesReader,
  TileType,
  decodeDirectory,
  encodeDirectory,
  encodeHeader,
  findEntry,
  parseHeader,
  readVarint,
  tileIdToZxy,
  writePmtiles,
  writeVarint,
  zxyToTileId,
  type ByteSource,
  type DirectoryEntry,
} from '../../../../common/map/pmtiles';

const memorySource = (bytes: Uint8Array, reads: Array<[number, number]> = []): ByteSource => ({
  getBytes: async (offset, length) => {
    reads.push([offset, length]);
    return bytes.slice(offset, offset + length);
  },
});
const tile = (z: number, x: number, y: number, text = `${z}/${x}/${y}`) => ({ z, x, y, data: new TextEncoder().encode(text) });
const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

describe('varints', () => {
  it('reads the spec examples, including one beyond 32 bits', () => {
    const cursor = { bytes: new Uint8Array([0, 1, 127, 0xe5, 0x8e, 0x26, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]), pos: 0 };
    expect([readVarint(cursor), readVarint(cursor), readVarint(cursor), readVarint(cursor), readVarint(cursor)]).toEqual([0, 1, 127, 624485, 2 ** 53 - 1]);
  });

  it('round-trips any safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const out: number[] = [];
        writeVarint(out, n);
        return readVarint({ bytes: Uint8Array.from(out), pos: 0 }) === n;
      }),
    );
  });

  it('refuses a number cut short', () => {
    expect(() => readVarint({ bytes: new Uint8Array([0x80, 0x80]), pos: 0 })).toThrow(PmtilesError);
  });
});

describe('tile ids (Hilbert order per zoom)', () => {
  it('matches the spec’s first ids', () => {
    expect(zxyToTileId(0, 0, 0)).toBe(0);
    expect(zxyToTileId(1, 0, 0)).toBe(1);
    expect(zxyToTileId(1, 0, 1)).toBe(2);
    expect(zxyToTileId(1, 1, 1)).toBe(3);
    expect(zxyToTileId(1, 1, 0)).toBe(4);
    expect(zxyToTileId(2, 0, 0)).toBe(5);
    expect(tileIdToZxy(4)).toEqual([1, 1, 0]);
    expect(tileIdToZxy(5)).toEqual([2, 0, 0]);
  });

  it('round-trips every tile to zoom 7 and numbers each zoom 0…4^z−1 without gaps', () => {
    for (let z = 0; z <= 7; z++) {
      const n = 2 ** z;
      const seen = new Set<number>();
      const first = (4 ** z - 1) / 3;
      for (let x = 0; x < n; x++) {
        for (let y = 0; y < n; y++) {
          const id = zxyToTileId(z, x, y);
          seen.add(id - first);
          expect(tileIdToZxy(id)).toEqual([z, x, y]);
        }
      }
      expect(seen.size).toBe(n * n);
      expect(Math.max(...seen)).toBe(n * n - 1);
    }
  });

  it('round-trips deep zooms (street-level tiles of the demo city at z 20 and z 26)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 26 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (z, fx, fy) => {
        const x = Math.floor(fx * 2 ** z);
        const y = Math.floor(fy * 2 ** z);
        const [z2, x2, y2] = tileIdToZxy(zxyToTileId(z, x, y));
        return z2 === z && x2 === x && y2 === y;
      }),
    );
  });

  it('refuses tiles outside their zoom level', () => {
    expect(() => zxyToTileId(2, 4, 0)).toThrow(PmtilesError);
    expect(() => zxyToTileId(27, 0, 0)).toThrow(PmtilesError);
  });
});

describe('directories', () => {
  it('round-trip, with offsets written as "right after the previous" where they are', () => {
    const entries: DirectoryEntry[] = [
      { tileId: 0, offset: 0, length: 10, runLength: 1 },
      { tileId: 5, offset: 10, length: 3, runLength: 4 },
      { tileId: 100, offset: 2, length: 10, runLength: 1 },
      { tileId: 2 ** 40, offset: 2 ** 36, length: 7, runLength: 0 },
    ];
    expect(decodeDirectory(encodeDirectory(entries))).toEqual(entries);
  });

  it('finds tiles, runs and leaves like the reference search', () => {
    const entries: DirectoryEntry[] = [
      { tileId: 50, offset: 1, length: 1, runLength: 2 },
      { tileId: 100, offset: 2, length: 2, runLength: 1 },
      { tileId: 150, offset: 3, length: 3, runLength: 0 },
    ];
    expect(findEntry(entries, 51)?.offset).toBe(1);
    expect(findEntry(entries, 52)).toBeNull();
    expect(findEntry(entries, 49)).toBeNull();
    expect(findEntry(entries, 100)?.offset).toBe(2);
    expect(findEntry(entries, 101)).toBeNull();
    // Past a leaf entry: look in that leaf.
    expect(findEntry(entries, 9999)?.runLength).toBe(0);
    expect(findEntry([], 1)).toBeNull();
  });

  it('refuses an entry count the bytes cannot hold', () => {
    const out: number[] = [];
    writeVarint(out, 1_000_000);
    expect(() => decodeDirectory(Uint8Array.from(out))).toThrow(/claims/);
  });
});

describe('header', () => {
  it('round-trips every field', () => {
    const header = {
      specVersion: 3,
      rootDirectoryOffset: 127,
      rootDirectoryLength: 25,
      metadataOffset: 152,
      metadataLength: 247,
      leafDirectoryOffset: 0,
      leafDirectoryLength: 0,
      tileDataOffset: 399,
      tileDataLength: 2 ** 35,
      addressedTiles: 1,
      tileEntries: 1,
      tileContents: 1,
      clustered: false,
      internalCompression: Compression.gzip,
      tileCompression: Compression.gzip,
      tileType: TileType.mvt,
      minZoom: 0,
      maxZoom: 14,
      minLon: -70.0701,
      minLat: -21.4774,
      maxLon: -70.0499,
      maxLat: -21.4626,
      centerZoom: 16,
      centerLon: -70.06,
      centerLat: -21.47,
    };
    expect(parseHeader(encodeHeader(header))).toEqual(header);
  });

  it('refuses other files and other versions with a reason', () => {
    expect(() => parseHeader(new TextEncoder().encode('x'.repeat(127)))).toThrow(/not a PMTiles/);
    const v2 = encodeHeader(parseHeader(writePmtiles([tile(0, 0, 0)], { tileType: TileType.png })));
    v2[7] = 2;
    expect(() => parseHeader(v2)).toThrow(/version 2/);
    expect(() => parseHeader(new Uint8Array(10))).toThrow(/too short/);
  });
});

describe('reader over a written archive', () => {
  const tiles = [tile(0, 0, 0), tile(1, 0, 0), tile(1, 1, 1), tile(2, 1, 2), tile(2, 3, 3, 'same'), tile(2, 2, 3, 'same')];

  it('reads back every tile and nothing else', async () => {
    const archive = writePmtiles(tiles, { tileType: TileType.png, metadata: { name: 'demo' } });
    const reader = new PmtilesReader(memorySource(archive));
    for (const t of tiles) expect(text(await reader.getTile(t.z, t.x, t.y))).toBe(text(t.data));
    expect(await reader.getTile(1, 0, 1)).toBeNull();
    expect(await reader.getTile(3, 0, 0)).toBeNull();
    expect(await reader.metadata()).toEqual({ name: 'demo' });
    const header = await reader.header();
    expect(header.minZoom).toBe(0);
    expect(header.maxZoom).toBe(2);
    expect(header.addressedTiles).toBe(6);
    // The two identical tiles are stored once.
    expect(header.tileContents).toBe(5);
  });

  it('follows leaf directories', async () => {
    const many = [];
    for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) many.push(tile(3, x, y));
    const archive = writePmtiles(many, { tileType: TileType.png, maxRootEntries: 4, leafSize: 10 });
    const header = parseHeader(archive);
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    const reads: Array<[number, number]> = [];
    const reader = new PmtilesReader(memorySource(archive, reads));
    for (const t of many) expect(text(await reader.getTile(3, t.x, t.y))).toBe(`3/${t.x}/${t.y}`);
    // Directories are cached: 1 header + 1 root + 7 leaves + 64 tiles.
    expect(reads.length).toBe(1 + 1 + 7 + 64);
  });

  it('collapses identical consecutive tiles into one run (an ocean of the same blue tile)', async () => {
    const sea = [];
    for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) sea.push(tile(2, x, y, 'blue'));
    const archive = writePmtiles(sea, { tileType: TileType.png });
    expect(parseHeader(archive).tileEntries).toBe(1);
    const reader = new PmtilesReader(memorySource(archive));
    for (const t of sea) expect(text(await reader.getTile(2, t.x, t.y))).toBe('blue');
  });

  it('decompresses directories and tiles with the injected codec', async () => {
    // An archive whose root directory and tile are gzip (as tippecanoe writes them), built by hand.
    const plain = writePmtiles([tile(0, 0, 0, 'hello')], { tileType: TileType.png });
    const header = parseHeader(plain);
    const data = gzipSync(new TextEncoder().encode('hello'));
    const dir = encodeDirectory([{ tileId: 0, offset: 0, length: data.length, runLength: 1 }]);
    const gzDir = gzipSync(dir);
    const out = new Uint8Array(127 + gzDir.length + data.length);
    out.set(
      encodeHeader({ ...header, rootDirectoryLength: gzDir.length, metadataOffset: 127 + gzDir.length, metadataLength: 0, leafDirectoryOffset: 127 + gzDir.length, tileDataOffset: 127 + gzDir.length, tileDataLength: data.length, internalCompression: Compression.gzip, tileCompression: Compression.gzip }),
    );
    out.set(gzDir, 127);
    out.set(data, 127 + gzDir.length);
    const reader = new PmtilesReader(memorySource(out), async (bytes, compression) => (compression === Compression.gzip ? new Uint8Array(gunzipSync(bytes)) : bytes));
    expect(text(await reader.getTile(0, 0, 0))).toBe('hello');
    const strict = new PmtilesReader(memorySource(out));
    await expect(strict.getTile(0, 0, 0)).rejects.toThrow(/compression 2/);
  });

  it('a failed read is retried on the next call, not cached', async () => {
    const archive = writePmtiles([tile(0, 0, 0)], { tileType: TileType.png });
    let fail = true;
    const reader = new PmtilesReader({
      getBytes: async (offset, length) => {
        if (fail) throw new Error('network');
        return archive.slice(offset, offset + length);
      },
    });
    await expect(reader.getTile(0, 0, 0)).rejects.toThrow('network');
    fail = false;
    expect(text(await reader.getTile(0, 0, 0))).toBe('0/0/0');
  });
});

describe('utf8 (metadata text without TextEncoder in common/)', () => {
  it('agrees with TextEncoder and TextDecoder', async () => {
    const { utf8Decode, utf8Encode } = await import('../../../../common/map/utf8');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      const mine = utf8Encode(text);
      return Buffer.from(mine).equals(Buffer.from(new TextEncoder().encode(text))) && utf8Decode(mine) === text;
    }));
    const bad = new Uint8Array([0x41, 0xc3, 0x28, 0xe2, 0x82, 0xac, 0xff, 0xf0, 0x9f, 0x98, 0x80]);
    expect(utf8Decode(bad)).toBe(new TextDecoder().decode(bad));
    expect(utf8Decode(utf8Encode('Compañía ✓ 𝄞'))).toBe('Compañía ✓ 𝄞');
  });
});
