/**
 * Drops inter frames from a live FLV byte stream before it reaches the demuxer and decoder, so an
 * overloaded wall can keep a tile moving at one picture per GOP for almost no CPU. FLV video tags
 * carry the frame type in their first byte (1 keyframe, 2 inter, 3 disposable inter), so this
 * needs no video parsing. Incremental: chunks may split tags anywhere.
 */
const FLV_HEADER_BYTES = 9;
const PREVIOUS_TAG_SIZE_BYTES = 4;
const TAG_HEADER_BYTES = 11;
const TAG_VIDEO = 9;
const AVC_CODEC_ID = 7;
const AVC_SEQUENCE_HEADER = 0;

export class FlvKeyframeFilter {
  private pending = new Uint8Array(0);
  private headerDone = false;
  /** Bytes dropped so far (for the HUD and tests). */
  droppedBytes = 0;
  droppedFrames = 0;

  /** Feeds received bytes; returns the bytes to pass on (possibly empty). */
  push(chunk: Uint8Array): Uint8Array {
    const data = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const out: Uint8Array[] = [];
    let offset = 0;
    if (!this.headerDone) {
      if (data.length < FLV_HEADER_BYTES) return this.keep(data, 0, out);
      const headerSize = readUint32(data, 5);
      const prefix = headerSize + PREVIOUS_TAG_SIZE_BYTES;
      if (data.length < prefix) return this.keep(data, 0, out);
      out.push(data.subarray(0, prefix));
      offset = prefix;
      this.headerDone = true;
    }
    while (data.length - offset >= TAG_HEADER_BYTES) {
      const type = data[offset]! & 0x1f;
      const size = (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!;
      const total = TAG_HEADER_BYTES + size + PREVIOUS_TAG_SIZE_BYTES;
      if (data.length - offset < total) break;
      if (type === TAG_VIDEO && size > 0 && isInterFrame(data, offset + TAG_HEADER_BYTES, size)) {
        this.droppedBytes += total;
        this.droppedFrames += 1;
      } else {
        out.push(data.subarray(offset, offset + total));
      }
      offset += total;
    }
    return this.keep(data, offset, out);
  }

  private keep(data: Uint8Array, consumed: number, out: Uint8Array[]): Uint8Array {
    this.pending = data.slice(consumed);
    return out.length === 1 ? out[0]!.slice() : concat(...out);
  }
}

function isInterFrame(data: Uint8Array, at: number, size: number): boolean {
  const first = data[at]!;
  const frameType = (first >> 4) & 0x07;
  if (frameType !== 2 && frameType !== 3) return false;
  // A sequence header must always pass, whatever frame type an encoder wrote on it.
  const legacyAvc = (first & 0x80) === 0 && (first & 0x0f) === AVC_CODEC_ID;
  if (legacyAvc && size > 1 && data[at + 1] === AVC_SEQUENCE_HEADER) return false;
  return true;
}

function readUint32(data: Uint8Array, at: number): number {
  return ((data[at]! << 24) >>> 0) + (data[at + 1]! << 16) + (data[at + 2]! << 8) + data[at + 3]!;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
