// FLV reading and writing, just what the camera simulator needs: the file header, tags
// (with the extended timestamp byte and the trailing previous-tag-size), the video tag
// fields that tell an AVC sequence header and a keyframe apart, and AMF0 script data.
// Reference: Adobe "Video File Format Specification" v10.1, annex E.

export const TAG_AUDIO = 8;
export const TAG_VIDEO = 9;
export const TAG_SCRIPT = 18;

const FILE_HEADER_SIZE = 9;
const TAG_HEADER_SIZE = 11;
const PREVIOUS_TAG_SIZE = 4;
/** The 24-bit data size field bounds a tag body. */
const MAX_TAG_DATA = 0xffffff;

const CODEC_AVC = 7;
const FRAME_KEY = 1;
const AVC_SEQUENCE_HEADER = 0;
const AVC_NALU = 1;

export interface FlvTag {
  type: number;
  /** Milliseconds, 32 bits: the 24-bit field plus the extended byte. */
  timestamp: number;
  data: Buffer;
}

/** "FLV", version 1, the audio/video flags, and PreviousTagSize0. */
export function flvHeader(opts: { audio: boolean; video: boolean }): Buffer {
  const b = Buffer.alloc(FILE_HEADER_SIZE + PREVIOUS_TAG_SIZE);
  b.write('FLV', 0, 'latin1');
  b[3] = 1;
  b[4] = (opts.audio ? 0x04 : 0) | (opts.video ? 0x01 : 0);
  b.writeUInt32BE(FILE_HEADER_SIZE, 5);
  return b;
}

/** Size of a serialized tag: header, body and the previous-tag-size that follows it. */
export const tagSize = (dataLength: number): number => TAG_HEADER_SIZE + dataLength + PREVIOUS_TAG_SIZE;

/**
 * Writes one tag into `target` at `offset` and returns the offset after it.
 * Timestamps wrap at 2^32 ms (49.7 days), as the format does.
 */
export function writeTagInto(target: Buffer, offset: number, type: number, timestamp: number, data: Buffer): number {
  if (data.length > MAX_TAG_DATA) throw new RangeError(`FLV tag body of ${data.length} bytes exceeds 24 bits`);
  const ts = timestamp >>> 0;
  target[offset] = type;
  target.writeUIntBE(data.length, offset + 1, 3);
  target.writeUIntBE(ts & 0xffffff, offset + 4, 3);
  target[offset + 7] = ts >>> 24;
  target.writeUIntBE(0, offset + 8, 3); // stream id, always 0
  data.copy(target, offset + TAG_HEADER_SIZE);
  const end = offset + TAG_HEADER_SIZE + data.length;
  target.writeUInt32BE(TAG_HEADER_SIZE + data.length, end);
  return end + PREVIOUS_TAG_SIZE;
}

export function writeTag(type: number, timestamp: number, data: Buffer): Buffer {
  const b = Buffer.allocUnsafe(tagSize(data.length));
  writeTagInto(b, 0, type, timestamp, data);
  return b;
}

/** Rewrites the timestamp of a serialized tag that starts at `offset` in place. */
export function patchTagTimestamp(target: Buffer, offset: number, timestamp: number): void {
  const ts = timestamp >>> 0;
  target.writeUIntBE(ts & 0xffffff, offset + 4, 3);
  target[offset + 7] = ts >>> 24;
}

export class FlvFormatError extends Error {
  override name = 'FlvFormatError';
}

/**
 * Incremental FLV parser: feed it bytes as they arrive, get whole tags back. Checks the
 * header, each tag type and each previous-tag-size, so garbage is an error, not a hang.
 */
export class FlvStreamParser {
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  header: { audio: boolean; video: boolean } | undefined;
  /** Bytes consumed so far, for error messages. */
  private consumed = 0;

  push(chunk: Buffer): FlvTag[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const tags: FlvTag[] = [];
    let off = 0;
    if (!this.headerDone) {
      if (this.pending.length < FILE_HEADER_SIZE + PREVIOUS_TAG_SIZE) return tags;
      if (this.pending.toString('latin1', 0, 3) !== 'FLV') throw new FlvFormatError('not an FLV stream: bad signature');
      const headerSize = this.pending.readUInt32BE(5);
      if (headerSize < FILE_HEADER_SIZE) throw new FlvFormatError(`bad FLV header size ${headerSize}`);
      if (this.pending.length < headerSize + PREVIOUS_TAG_SIZE) return tags;
      const flags = this.pending[4]!;
      this.header = { audio: (flags & 0x04) !== 0, video: (flags & 0x01) !== 0 };
      off = headerSize + PREVIOUS_TAG_SIZE;
      this.headerDone = true;
    }
    while (this.pending.length - off >= TAG_HEADER_SIZE) {
      const type = this.pending[off]! & 0x1f; // the top bits are reserved / encryption flag
      if (type !== TAG_AUDIO && type !== TAG_VIDEO && type !== TAG_SCRIPT) {
        throw new FlvFormatError(`unknown FLV tag type ${type} at byte ${this.consumed + off}`);
      }
      const size = this.pending.readUIntBE(off + 1, 3);
      const end = off + tagSize(size);
      if (this.pending.length < end) break;
      const timestamp = (this.pending.readUIntBE(off + 4, 3) | (this.pending[off + 7]! << 24)) >>> 0;
      const previous = this.pending.readUInt32BE(end - PREVIOUS_TAG_SIZE);
      if (previous !== TAG_HEADER_SIZE + size) {
        throw new FlvFormatError(`bad previous-tag-size ${previous} at byte ${this.consumed + end - PREVIOUS_TAG_SIZE}`);
      }
      tags.push({ type, timestamp, data: Buffer.from(this.pending.subarray(off + TAG_HEADER_SIZE, end - PREVIOUS_TAG_SIZE)) });
      off = end;
    }
    this.consumed += off;
    this.pending = this.pending.subarray(off);
    return tags;
  }

  /** Bytes received but not yet forming a whole tag. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** Parses a whole FLV file; a truncated last tag is an error. */
export function parseFlv(file: Buffer): { header: { audio: boolean; video: boolean }; tags: FlvTag[] } {
  const parser = new FlvStreamParser();
  const tags = parser.push(file);
  if (!parser.header) throw new FlvFormatError('FLV file shorter than its header');
  if (parser.buffered !== 0) throw new FlvFormatError(`FLV file ends inside a tag (${parser.buffered} bytes left)`);
  return { header: parser.header, tags };
}

export interface VideoTagInfo {
  keyframe: boolean;
  codecId: number;
  /** AVC only: 0 sequence header, 1 NALU, 2 end of sequence. */
  avcPacketType: number | undefined;
}

export function videoTagInfo(data: Buffer): VideoTagInfo {
  const first = data[0] ?? 0;
  const codecId = first & 0x0f;
  return {
    keyframe: first >> 4 === FRAME_KEY,
    codecId,
    avcPacketType: codecId === CODEC_AVC ? data[1] : undefined,
  };
}

export const isAvcSequenceHeader = (tag: FlvTag): boolean =>
  tag.type === TAG_VIDEO && videoTagInfo(tag.data).avcPacketType === AVC_SEQUENCE_HEADER;

/** A picture, as opposed to codec configuration or end-of-sequence. */
export const isAvcFrame = (tag: FlvTag): boolean =>
  tag.type === TAG_VIDEO && videoTagInfo(tag.data).avcPacketType === AVC_NALU;

export const isKeyframe = (tag: FlvTag): boolean => isAvcFrame(tag) && videoTagInfo(tag.data).keyframe;

// ---- AMF0 --------------------------------------------------------------------------------

export type AmfValue = number | boolean | string | null | undefined | AmfValue[] | { [key: string]: AmfValue };

const AMF_NUMBER = 0x00;
const AMF_BOOLEAN = 0x01;
const AMF_STRING = 0x02;
const AMF_OBJECT = 0x03;
const AMF_NULL = 0x05;
const AMF_UNDEFINED = 0x06;
const AMF_ECMA_ARRAY = 0x08;
const AMF_OBJECT_END = 0x09;
const AMF_STRICT_ARRAY = 0x0a;
const AMF_LONG_STRING = 0x0c;

function amfKey(key: string): Buffer {
  const s = Buffer.from(key, 'utf8');
  if (s.length > 0xffff) throw new RangeError('AMF0 key longer than 65535 bytes');
  const b = Buffer.allocUnsafe(2 + s.length);
  b.writeUInt16BE(s.length, 0);
  s.copy(b, 2);
  return b;
}

const OBJECT_END = Buffer.from([0, 0, AMF_OBJECT_END]);

/** Plain objects become ECMA arrays, as in ffmpeg's onMetaData. */
export function encodeAmf(value: AmfValue): Buffer {
  if (typeof value === 'number') {
    const b = Buffer.allocUnsafe(9);
    b[0] = AMF_NUMBER;
    b.writeDoubleBE(value, 1);
    return b;
  }
  if (typeof value === 'boolean') return Buffer.from([AMF_BOOLEAN, value ? 1 : 0]);
  if (typeof value === 'string') {
    const s = Buffer.from(value, 'utf8');
    if (s.length <= 0xffff) return Buffer.concat([Buffer.from([AMF_STRING]), amfKey(value)]);
    const head = Buffer.allocUnsafe(5);
    head[0] = AMF_LONG_STRING;
    head.writeUInt32BE(s.length, 1);
    return Buffer.concat([head, s]);
  }
  if (value === null) return Buffer.from([AMF_NULL]);
  if (value === undefined) return Buffer.from([AMF_UNDEFINED]);
  if (Array.isArray(value)) {
    const head = Buffer.allocUnsafe(5);
    head[0] = AMF_STRICT_ARRAY;
    head.writeUInt32BE(value.length, 1);
    return Buffer.concat([head, ...value.map(encodeAmf)]);
  }
  const entries = Object.entries(value);
  const head = Buffer.allocUnsafe(5);
  head[0] = AMF_ECMA_ARRAY;
  head.writeUInt32BE(entries.length, 1);
  return Buffer.concat([head, ...entries.flatMap(([k, v]) => [amfKey(k), encodeAmf(v)]), OBJECT_END]);
}

/** The body of a script-data tag: a name string, then its value. */
export const encodeScriptData = (name: string, value: AmfValue): Buffer =>
  Buffer.concat([encodeAmf(name), encodeAmf(value)]);

class AmfReader {
  constructor(
    private readonly b: Buffer,
    public pos = 0,
  ) {}

  private need(n: number): void {
    if (this.pos + n > this.b.length) throw new FlvFormatError(`AMF0 data truncated at byte ${this.pos}`);
  }

  private key(): string {
    this.need(2);
    const n = this.b.readUInt16BE(this.pos);
    this.need(2 + n);
    const s = this.b.toString('utf8', this.pos + 2, this.pos + 2 + n);
    this.pos += 2 + n;
    return s;
  }

  private properties(): { [key: string]: AmfValue } {
    const out: { [key: string]: AmfValue } = {};
    for (;;) {
      this.need(3);
      if (this.b.readUIntBE(this.pos, 3) === AMF_OBJECT_END) {
        this.pos += 3;
        return out;
      }
      const k = this.key();
      out[k] = this.value();
    }
  }

  value(): AmfValue {
    this.need(1);
    const type = this.b[this.pos++]!;
    switch (type) {
      case AMF_NUMBER:
        this.need(8);
        this.pos += 8;
        return this.b.readDoubleBE(this.pos - 8);
      case AMF_BOOLEAN:
        this.need(1);
        return this.b[this.pos++] !== 0;
      case AMF_STRING:
        return this.key();
      case AMF_LONG_STRING: {
        this.need(4);
        const n = this.b.readUInt32BE(this.pos);
        this.need(4 + n);
        this.pos += 4 + n;
        return this.b.toString('utf8', this.pos - n, this.pos);
      }
      case AMF_NULL:
        return null;
      case AMF_UNDEFINED:
        return undefined;
      case AMF_OBJECT:
        return this.properties();
      case AMF_ECMA_ARRAY:
        this.need(4);
        this.pos += 4; // the count is a hint; the end marker is what ends it
        return this.properties();
      case AMF_STRICT_ARRAY: {
        this.need(4);
        const n = this.b.readUInt32BE(this.pos);
        this.pos += 4;
        return Array.from({ length: n }, () => this.value());
      }
      default:
        throw new FlvFormatError(`unsupported AMF0 type ${type} at byte ${this.pos - 1}`);
    }
  }
}

export function decodeScriptData(data: Buffer): { name: string; value: AmfValue } {
  const r = new AmfReader(data);
  const name = r.value();
  if (typeof name !== 'string') throw new FlvFormatError('script data does not start with a name string');
  return { name, value: r.value() };
}
