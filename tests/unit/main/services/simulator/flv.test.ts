import { describe, expect, it } from 'vitest';
import {
  FlvFormatError,
  FlvStreamParser,
  TAG_SCRIPT,
  TAG_VIDEO,
  decodeScriptData,
  encodeAmf,
  encodeScriptData,
  flvHeader,
  isAvcFrame,
  isAvcSequenceHeader,
  isKeyframe,
  parseFlv,
  patchTagTimestamp,
  writeTag,
} from '../../../../../main/services/simulator/flv';

const avc = (frameType: number, packetType: number, payload = [0xaa, 0xbb]): Buffer =>
  Buffer.from([(frameType << 4) | 7, packetType, 0, 0, 0, ...payload]);

describe('FLV header and tags', () => {
  it('writes the 9-byte header with the video flag and PreviousTagSize0', () => {
    expect([...flvHeader({ audio: false, video: true })]).toEqual([
      0x46, 0x4c, 0x56, 1, 0x01, 0, 0, 0, 9, 0, 0, 0, 0,
    ]);
    expect(flvHeader({ audio: true, video: true })[4]).toBe(0x05);
  });

  it('lays out a tag: type, 24-bit size, timestamp with its extended byte, stream id, previous-tag-size', () => {
    const tag = writeTag(TAG_VIDEO, 0x12345678, Buffer.from([1, 2, 3]));
    expect([...tag]).toEqual([9, 0, 0, 3, 0x34, 0x56, 0x78, 0x12, 0, 0, 0, 1, 2, 3, 0, 0, 0, 14]);
  });

  it('round-trips tags through the stream parser fed one byte at a time', () => {
    const tags = [
      { type: TAG_SCRIPT, timestamp: 0, data: encodeScriptData('onMetaData', { width: 640 }) },
      { type: TAG_VIDEO, timestamp: 0xffffff + 5, data: avc(1, 0) },
      { type: TAG_VIDEO, timestamp: 0xfffffffe, data: avc(2, 1) },
    ];
    const bytes = Buffer.concat([flvHeader({ audio: false, video: true }), ...tags.map((t) => writeTag(t.type, t.timestamp, t.data))]);
    const parser = new FlvStreamParser();
    const got = [...bytes].flatMap((b) => parser.push(Buffer.from([b])));
    expect(parser.header).toEqual({ audio: false, video: true });
    expect(got).toEqual(tags);
    expect(parser.buffered).toBe(0);
  });

  it('wraps timestamps past 2^32 ms as the format does', () => {
    const [tag] = parseFlv(Buffer.concat([flvHeader({ audio: false, video: true }), writeTag(TAG_VIDEO, 2 ** 32 + 7, avc(2, 1))])).tags;
    expect(tag!.timestamp).toBe(7);
  });

  it('patches a serialized timestamp in place', () => {
    const tag = writeTag(TAG_VIDEO, 0, avc(2, 1));
    patchTagTimestamp(tag, 0, 0x01020304);
    const [parsed] = parseFlv(Buffer.concat([flvHeader({ audio: false, video: true }), tag])).tags;
    expect(parsed!.timestamp).toBe(0x01020304);
    expect(parsed!.data).toEqual(avc(2, 1));
  });

  it('rejects what is not FLV: bad signature, unknown tag type, wrong previous-tag-size, truncation', () => {
    expect(() => new FlvStreamParser().push(Buffer.from('GIF89a-not-a-video-stream'))).toThrow(FlvFormatError);
    const header = flvHeader({ audio: false, video: true });
    const bogusType = writeTag(TAG_VIDEO, 0, avc(2, 1));
    bogusType[0] = 7;
    expect(() => parseFlv(Buffer.concat([header, bogusType]))).toThrow(/tag type 7/);
    const badSize = writeTag(TAG_VIDEO, 0, avc(2, 1));
    badSize.writeUInt32BE(99, badSize.length - 4);
    expect(() => parseFlv(Buffer.concat([header, badSize]))).toThrow(/previous-tag-size 99/);
    const whole = writeTag(TAG_VIDEO, 0, avc(2, 1));
    expect(() => parseFlv(Buffer.concat([header, whole.subarray(0, whole.length - 2)]))).toThrow(/ends inside a tag/);
  });

  it('tells a sequence header, a keyframe and an inter frame apart', () => {
    const tag = (data: Buffer) => ({ type: TAG_VIDEO, timestamp: 0, data });
    expect(isAvcSequenceHeader(tag(avc(1, 0)))).toBe(true);
    expect(isKeyframe(tag(avc(1, 0)))).toBe(false);
    expect(isKeyframe(tag(avc(1, 1)))).toBe(true);
    expect(isKeyframe(tag(avc(2, 1)))).toBe(false);
    expect(isAvcFrame(tag(avc(2, 1)))).toBe(true);
    expect(isAvcFrame(tag(avc(1, 2)))).toBe(false); // end of sequence
    expect(isKeyframe({ type: TAG_SCRIPT, timestamp: 0, data: avc(1, 1) })).toBe(false);
  });
});

describe('AMF0', () => {
  it('encodes numbers, booleans and strings byte for byte', () => {
    expect([...encodeAmf(1)]).toEqual([0, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
    expect([...encodeAmf(true)]).toEqual([1, 1]);
    expect([...encodeAmf('ab')]).toEqual([2, 0, 2, 0x61, 0x62]);
  });

  it('encodes an object as an ECMA array ending in the object-end marker', () => {
    const b = encodeAmf({ w: 2 });
    expect([...b.subarray(0, 5)]).toEqual([8, 0, 0, 0, 1]);
    expect([...b.subarray(5, 8)]).toEqual([0, 1, 0x77]);
    expect([...b.subarray(-3)]).toEqual([0, 0, 9]);
  });

  it('round-trips script data with nested values', () => {
    const value = { sendTimeMs: 1_700_000_000_123, ok: false, name: 'cámara', list: [1, 'x', null], inner: { a: -0.5 } };
    expect(decodeScriptData(encodeScriptData('onAtalayaClock', value))).toEqual({ name: 'onAtalayaClock', value });
  });

  it('rejects truncated script data', () => {
    const b = encodeScriptData('onMetaData', { width: 640 });
    expect(() => decodeScriptData(b.subarray(0, b.length - 4))).toThrow(FlvFormatError);
  });
});
