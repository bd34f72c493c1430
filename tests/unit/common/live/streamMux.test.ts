import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMuxFrame, encodeMuxFrame, muxStreamUrl, parseMuxClientMessage, parseMuxStreamUrl } from '../../../../common/live/streamMux';

describe('stream multiplexer wire format', () => {
  it('round-trips channel and payload through a binary frame', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.uint8Array({ maxLength: 2000 }), (ch, payload) => {
        const frame = encodeMuxFrame(ch, payload);
        const decoded = decodeMuxFrame(frame.buffer as ArrayBuffer)!;
        expect(decoded.ch).toBe(ch);
        expect(Array.from(decoded.payload)).toEqual(Array.from(payload));
      }),
    );
  });

  it('refuses a frame too short to name a channel', () => {
    expect(decodeMuxFrame(new ArrayBuffer(3))).toBeNull();
  });

  it('takes open and close messages and names what is wrong with anything else', () => {
    expect(parseMuxClientMessage('{"op":"open","ch":4,"camera":"cam-01","stream":1,"keyframes":true}')).toEqual({ ok: true, message: { op: 'open', ch: 4, camera: 'cam-01', stream: 1, keyframes: true } });
    expect(parseMuxClientMessage('{"op":"close","ch":4}')).toEqual({ ok: true, message: { op: 'close', ch: 4 } });
    expect(parseMuxClientMessage('nope')).toEqual({ ok: false, error: 'not JSON' });
    expect(parseMuxClientMessage('{"op":"open","ch":4,"camera":"a b","stream":1}')).toMatchObject({ ok: false, error: expect.stringMatching(/^camera: /) });
    expect(parseMuxClientMessage('{"op":"close","ch":-1}')).toMatchObject({ ok: false, error: expect.stringMatching(/^ch: /) });
    expect(parseMuxClientMessage('{"op":"close","ch":1,"url":"http://evil"}')).toMatchObject({ ok: false });
  });

  it('builds a stream URL per page origin and session, and splits it back into socket and channel', () => {
    const url = muxStreamUrl('https://wall.example:8443', 'cam-07', 1, 'tok en');
    expect(url).toBe('wss://wall.example:8443/streams/cam-07/1?token=tok%20en');
    expect(parseMuxStreamUrl(url)).toEqual({ socketUrl: 'wss://wall.example:8443/streams?token=tok%20en', camera: 'cam-07', stream: 1 });
    expect(parseMuxStreamUrl(muxStreamUrl('http://127.0.0.1:4173', 'cam-01', 0, null))).toEqual({ socketUrl: 'ws://127.0.0.1:4173/streams', camera: 'cam-01', stream: 0 });
  });

  it('does not take other URLs for stream URLs', () => {
    expect(parseMuxStreamUrl('ws://gw/live/cam-01/main.flv')).toBeNull();
    expect(parseMuxStreamUrl('http://host/streams/cam-01/0')).toBeNull();
    expect(parseMuxStreamUrl('ws://host/streams/cam-01/0/extra')).toBeNull();
    expect(parseMuxStreamUrl('not a url')).toBeNull();
  });
});
