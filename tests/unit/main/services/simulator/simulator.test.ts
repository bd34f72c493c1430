// The simulator over real sockets on 127.0.0.1, with the committed clips. Most tests
// drive a manual clock, so what a viewer must have received is exact, not "about".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenes } from '../../../../../main/services/simulator/clipLibrary';
import { FlvFormatError, FlvStreamParser, flvHeader, isAvcSequenceHeader, isKeyframe } from '../../../../../main/services/simulator/flv';
import {
  CLOCK_TAG_NAME,
  createSimulator,
  demoCameraIds,
  type Simulator,
  type SimulatorOptions,
} from '../../../../../main/services/simulator/simulator';
import type {
  StreamReader} from './streamClients';
import {
  CLIPS_DIR,
  openHttp,
  openWs,
  scriptOf,
  sleep,
  stuckClient,
  waitFor,
  wsUpgradeStatus,
} from './streamClients';

const T0 = 1_800_000_000_000;
const scenes = loadScenes(CLIPS_DIR);

function manualClock(): { t: number; now: () => number } {
  const clock = { t: T0, now: () => clock.t };
  return clock;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function start(opts: Partial<SimulatorOptions> = {}): Promise<{ sim: Simulator; http: string; ws: string; port: number }> {
  const sim = createSimulator({ cameras: demoCameraIds(20).map((id) => ({ id })), clipsDir: CLIPS_DIR, ...opts });
  cleanups.push(() => sim.close());
  const http = await sim.listen(0);
  return { sim, http, ws: http.replace('http:', 'ws:'), port: Number(new URL(http).port) };
}

async function viewer(kind: 'http' | 'ws', url: string): Promise<StreamReader> {
  if (kind === 'http') {
    const s = await openHttp(url);
    cleanups.push(() => s.res.destroy());
    expect(s.status).toBe(200);
    expect(s.res.headers['content-type']).toBe('video/x-flv');
    expect(s.res.headers['access-control-allow-origin']).toBe('*');
    return s.reader;
  }
  const s = await openWs(url);
  cleanups.push(() => s.ws.terminate());
  return s.reader;
}

const base = (kind: 'http' | 'ws', s: { http: string; ws: string }): string => (kind === 'http' ? s.http : s.ws);

describe('a new viewer', () => {
  it.each([
    ['http', 'main', 13, 3480],
    ['ws', 'main', 13, 3480],
    ['http', 'sub', 8, 3467],
    ['ws', 'sub', 8, 3467],
  ] as const)(
    'over %s (%s) gets header, onMetaData, sequence header, then the GOP from the latest keyframe up to now',
    async (kind, quality, gopFrames, lastTs) => {
      const clock = manualClock();
      const s = await start({ now: clock.now });
      clock.t = T0 + 3500; // cam-01 starts its loop at T0: the latest keyframe is at 3000
      const r = await viewer(kind, `${base(kind, s)}/live/cam-01/${quality}.flv`);
      await waitFor('the GOP', () => r.lastFrameTs() === lastTs);
      await sleep(50); // the clock stands still: nothing more may arrive

      expect(r.all.subarray(0, 13)).toEqual(flvHeader({ audio: false, video: true }));
      const [meta, seq, clockTag, first] = r.tags;
      const dims = quality === 'main' ? { width: 640, height: 360, framerate: 25 } : { width: 320, height: 180, framerate: 15 };
      expect(scriptOf(meta!)).toMatchObject({ name: 'onMetaData', value: { ...dims, videocodecid: 7, hasVideo: true, hasAudio: false } });
      expect(isAvcSequenceHeader(seq!)).toBe(true);
      expect(scriptOf(clockTag!)).toEqual({ name: CLOCK_TAG_NAME, value: { sendTimeMs: T0 + 3500, captureTimeMs: T0 + 3000 } });
      expect(isKeyframe(first!)).toBe(true);
      expect(first!.timestamp).toBe(3000);
      expect(r.frames).toHaveLength(gopFrames);
      expect(r.tags).toHaveLength(3 + gopFrames);
      expect(r.parseError).toBeUndefined();
    },
  );

  it('is paced by the real clock, about 25 frames a second on main', async () => {
    const s = await start();
    const r = await viewer('ws', `${s.ws}/live/cam-02/main.flv`);
    await waitFor('the GOP', () => r.frames.length > 0);
    const n1 = r.frames.length;
    const t1 = Date.now();
    await sleep(1200);
    const rate = ((r.frames.length - n1) * 1000) / (Date.now() - t1);
    expect(rate).toBeGreaterThan(20);
    expect(rate).toBeLessThan(30);
    // A live keyframe's clock tag says it was due moments ago, not a GOP (1 s) ago.
    const clocks = r.tags.map(scriptOf).filter((t) => t?.name === CLOCK_TAG_NAME);
    const last = clocks.at(-1)!.value as { sendTimeMs: number; captureTimeMs: number };
    expect(last.sendTimeMs - last.captureTimeMs).toBeLessThan(300);
  });
});

describe('the live timeline', () => {
  it.each([
    ['main', [40]],
    ['sub', [66, 67]],
  ] as const)('%s: timestamps rise by one frame across loop points; a clock tag precedes each keyframe', async (quality, steps) => {
    const clock = manualClock();
    const s = await start({ now: clock.now });
    clock.t = T0 + 9000;
    const r = await viewer('http', `${s.http}/live/cam-01/${quality}.flv`);
    for (let p = 9200; p <= 21_000; p += 200) {
      clock.t = T0 + p;
      await waitFor(`frames up to ${p}`, () => r.lastFrameTs() > p - 67);
    }

    const ts = r.frames.map((f) => f.timestamp);
    expect(ts[0]).toBe(9000);
    expect(ts).toContain(10_000);
    expect(ts).toContain(20_000);
    const diffs = new Set(ts.slice(1).map((t, i) => t - ts[i]!));
    expect([...diffs].sort()).toEqual([...steps]);

    // Keyframes every second; each one right after an onAtalayaClock tag that names it.
    const keyTimes: number[] = [];
    r.tags.forEach((tag, i) => {
      if (!isKeyframe(tag)) return;
      keyTimes.push(tag.timestamp);
      const clockTag = scriptOf(r.tags[i - 1]!);
      expect(clockTag?.name).toBe(CLOCK_TAG_NAME);
      const value = clockTag!.value as { sendTimeMs: number; captureTimeMs: number };
      expect(value.captureTimeMs).toBe(T0 + tag.timestamp);
      expect(value.sendTimeMs).toBeGreaterThanOrEqual(value.captureTimeMs);
      expect(value.sendTimeMs).toBeLessThan(value.captureTimeMs + 250);
    });
    expect(keyTimes).toEqual(Array.from({ length: 13 }, (_, i) => 9000 + i * 1000));
    expect(r.tags.filter((t) => scriptOf(t)?.name === CLOCK_TAG_NAME)).toHaveLength(keyTimes.length);

    // It really loops: the pictures 10 s apart are the same bytes.
    const at = (t: number) => r.frames.find((f) => f.timestamp === t)!.data;
    expect(at(20_000)).toEqual(at(10_000));
    expect(at(quality === 'main' ? 20_480 : 20_467)).toEqual(at(quality === 'main' ? 10_480 : 10_467));
  });

  it('starts cameras that share a scene at different points of it; scene picks the clip', async () => {
    const clock = manualClock();
    const cameras = [...demoCameraIds(20).map((id) => ({ id })), { id: 'gate', scene: 3 }];
    const s = await start({ now: clock.now, cameras });
    clock.t = T0 + 1000;
    const [a, b, gate] = await Promise.all(['cam-01', 'cam-11', 'gate'].map((id) => viewer('http', `${s.http}/live/${id}/main.flv`)));
    await waitFor('three GOPs', () => [a, b, gate].every((r) => r!.frames.length > 0));
    // cam-01 and cam-11 both play scene 0; the second of two starts half a loop later.
    expect(a!.frames[0]!.timestamp).toBe(1000);
    expect(b!.frames[0]!.timestamp).toBe(6000);
    expect(a!.frames[0]!.data).toEqual(scenes[0]!.main.frames[25]!.tag.subarray(11, -4));
    expect(b!.frames[0]!.data).toEqual(scenes[0]!.main.frames[150]!.tag.subarray(11, -4));
    // 'gate' (camera 21) is the third camera on scene index 3 after cam-04 and cam-14:
    // it starts two thirds into scene-04's loop (6667 ms), so at 1 s its keyframe is at 7 s.
    expect(gate!.frames[0]!.timestamp).toBe(7000);
    expect(gate!.frames[0]!.data).toEqual(scenes[3]!.main.frames[175]!.tag.subarray(11, -4));
  });
});

describe('routing', () => {
  it('answers 404 for an unknown camera or quality, over HTTP and WS', async () => {
    const s = await start();
    for (const path of ['/live/cam-99/main.flv', '/live/cam-01/hd.flv', '/live/cam-01/main.mp4', '/live/cam-01', '/live/']) {
      const res = await openHttp(`${s.http}${path}`);
      res.res.resume();
      expect(res.status, path).toBe(404);
    }
    expect(await wsUpgradeStatus(`${s.ws}/live/cam-99/main.flv`)).toBe(404);
    expect(await wsUpgradeStatus(`${s.ws}/live/cam-01/hd.flv`)).toBe(404);
    expect(await wsUpgradeStatus(`${s.ws}/live/cam-01/sub.flv`)).toBe(101);
  });

  it('mounted on a host server, handles only its own paths', async () => {
    const sim = createSimulator({ cameras: [{ id: 'cam-01' }], clipsDir: CLIPS_DIR });
    const host: Server = createServer((req, res) => {
      if (!sim.handleRequest(req, res)) res.writeHead(418).end();
    });
    host.on('upgrade', (req, socket, head) => {
      if (!sim.handleUpgrade(req, socket, head)) socket.end('HTTP/1.1 418 Teapot\r\n\r\n');
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => host.close(() => r())), () => host.closeAllConnections(), () => sim.close());
    const url = `127.0.0.1:${(host.address() as AddressInfo).port}`;

    for (const path of ['/api', '/', '/sim/cameras/cam-01/fault']) {
      const res = await openHttp(`http://${url}${path}`);
      res.res.resume();
      expect(res.status, path).toBe(418);
    }
    expect(await wsUpgradeStatus(`ws://${url}/api`)).toBe(418);
    const r = await viewer('ws', `ws://${url}/live/cam-01/sub.flv`);
    const h = await viewer('http', `http://${url}/live/cam-01/main.flv`);
    await waitFor('both streams', () => r.frames.length > 0 && h.frames.length > 0);
  });

  it('HTTP and WS carry the same bytes; each WS message holds whole tags, the first with the FLV header', async () => {
    const clock = manualClock();
    const s = await start({ now: clock.now });
    clock.t = T0 + 2500;
    const ws = await openWs(`${s.ws}/live/cam-06/sub.flv`);
    cleanups.push(() => ws.ws.terminate());
    const http = await viewer('http', `${s.http}/live/cam-06/sub.flv`);
    for (const p of [3200, 3900, 4600]) {
      clock.t = T0 + p;
      await waitFor(`both up to ${p}`, () => http.lastFrameTs() > p - 67 && ws.reader.lastFrameTs() > p - 67);
    }
    expect(http.all.length).toBeGreaterThan(10_000);
    expect(ws.reader.all).toEqual(http.all);
    expect(s.sim.stats()).toEqual({ viewers: 2, bytesSent: 2 * http.all.length });

    expect(ws.messages[0]!.subarray(0, 3).toString('latin1')).toBe('FLV');
    expect(ws.messages.length).toBeGreaterThan(3);
    const parser = new FlvStreamParser();
    for (const message of ws.messages) {
      parser.push(message);
      expect(parser.buffered).toBe(0);
    }
  });
});

describe('viewers that stop reading', () => {
  it.each(['http', 'ws'] as const)('a stuck %s viewer is dropped while another keeps receiving', async (kind) => {
    // Run the stream 100x faster than real time so buffers fill in seconds, not minutes.
    const started = Date.now();
    const s = await start({ now: () => T0 + (Date.now() - started) * 100, maxBufferedBytes: 64 * 1024 });
    const stuck = await stuckClient(s.port, '/live/cam-05/main.flv', kind);
    cleanups.push(() => stuck.destroy());
    const live = await viewer('ws', `${s.ws}/live/cam-05/main.flv`);
    await waitFor('two viewers', () => s.sim.stats().viewers === 2);

    await waitFor('the stuck viewer to be dropped', () => s.sim.stats().viewers === 1, 15_000);
    // The reader was never held up by the stuck one: no silence longer than 100 ticks
    // (loose enough for a loaded CI machine; a reader stalled behind the stuck one waits
    // for the whole time the stuck one takes to be dropped, over a second).
    const gaps = live.arrivals.slice(1).map((t, i) => t - live.arrivals[i]!);
    expect(Math.max(...gaps)).toBeLessThan(500);
    const before = live.bytes;
    await waitFor('more data for the reader', () => live.bytes > before + 100_000);
    expect(live.closed).toBe(false);
    expect(live.parseError).toBeUndefined();
  });
});

describe('faults', () => {
  it("'down' cuts the camera's viewers and refuses new ones until cleared; others go on", async () => {
    const s = await start();
    const a = await openHttp(`${s.http}/live/cam-02/main.flv`);
    cleanups.push(() => a.res.destroy());
    const b = await viewer('ws', `${s.ws}/live/cam-02/sub.flv`);
    const other = await viewer('ws', `${s.ws}/live/cam-03/main.flv`);
    await waitFor('three streams', () => [a.reader, b, other].every((r) => r.frames.length > 0));

    s.sim.setFault('cam-02', 'down');
    await waitFor('cam-02 viewers cut', () => a.reader.closed && b.closed);
    expect(s.sim.stats().viewers).toBe(1);
    const refused = await openHttp(`${s.http}/live/cam-02/main.flv`);
    refused.res.resume();
    expect(refused.status).toBe(503);
    expect(await wsUpgradeStatus(`${s.ws}/live/cam-02/sub.flv`)).toBe(503);

    const seen = other.frames.length;
    await waitFor('cam-03 still live', () => other.frames.length > seen + 5);
    expect(other.closed).toBe(false);

    s.sim.setFault('cam-02', null);
    const back = await viewer('http', `${s.http}/live/cam-02/main.flv`);
    await waitFor('cam-02 back', () => back.frames.length > 0);
  });

  it("'garbage' replaces the stream by random bytes at the same rate; clearing it cuts those viewers", async () => {
    // Two identical simulators on one manual clock send identical bytes, until one is faulted.
    const clock = manualClock();
    const faulty = await start({ now: clock.now });
    const healthy = await start({ now: clock.now });
    const a = await viewer('http', `${faulty.http}/live/cam-06/main.flv`);
    const b = await viewer('http', `${healthy.http}/live/cam-06/main.flv`);
    await waitFor('both GOPs', () => a.frames.length > 0 && b.frames.length > 0);
    expect(a.all).toEqual(b.all);
    const before = a.bytes;

    faulty.sim.setFault('cam-06', 'garbage');
    clock.t = T0 + 2000;
    await waitFor('two seconds of stream', () => b.lastFrameTs() === 2000 && a.bytes === b.bytes);
    const noise = a.all.subarray(before);
    const real = b.all.subarray(before);
    expect(noise.length).toBeGreaterThan(20_000);
    const same = noise.reduce((n, byte, i) => n + (byte === real[i] ? 1 : 0), 0);
    expect(same / noise.length).toBeLessThan(0.05);

    // A new viewer of a garbage camera gets no FLV at all, over either transport.
    const fresh = await viewer('http', `${faulty.http}/live/cam-06/sub.flv`);
    const freshWs = await viewer('ws', `${faulty.ws}/live/cam-06/main.flv`);
    await waitFor('some bytes', () => fresh.bytes >= 13 && freshWs.bytes >= 13);
    expect(fresh.all.subarray(0, 3).toString('latin1')).not.toBe('FLV');
    expect(fresh.parseError).toBeInstanceOf(FlvFormatError);
    expect(freshWs.parseError).toBeInstanceOf(FlvFormatError);

    faulty.sim.setFault('cam-06', null);
    await waitFor('garbage viewers cut', () => a.closed && fresh.closed && freshWs.closed);
    const healed = await viewer('http', `${faulty.http}/live/cam-06/main.flv`);
    await waitFor('a clean stream', () => healed.frames.length > 0);
    expect(healed.parseError).toBeUndefined();
  });

  it('the control endpoint sets faults only when enabled', async () => {
    const s = await start({ control: true });
    const post = (id: string, body: string) =>
      fetch(`${s.http}/sim/cameras/${id}/fault`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const status = async (path: string) => {
      const res = await openHttp(`${s.http}${path}`);
      res.res.destroy();
      return res.status;
    };

    const down = await post('cam-07', '{"mode":"down"}');
    expect(down.status).toBe(200);
    expect(await down.json()).toEqual({ id: 'cam-07', mode: 'down' });
    expect(await status('/live/cam-07/main.flv')).toBe(503);
    expect((await post('cam-07', '{"mode":null}')).status).toBe(200);
    expect(await status('/live/cam-07/main.flv')).toBe(200);

    expect((await post('cam-07', '{"mode":"off"}')).status).toBe(400);
    expect((await post('cam-07', 'not json')).status).toBe(400);
    expect((await post('cam-99', '{"mode":"down"}')).status).toBe(404);
    expect((await fetch(`${s.http}/sim/cameras/cam-07/fault`)).status).toBe(405);

    const plain = await start();
    const ignored = await fetch(`${plain.http}/sim/cameras/cam-07/fault`, { method: 'POST', body: '{"mode":"down"}' });
    expect(ignored.status).toBe(404);
    const res = await openHttp(`${plain.http}/live/cam-07/main.flv`);
    res.res.destroy();
    expect(res.status).toBe(200);
  });

  it('setFault rejects an unknown camera', async () => {
    const s = await start();
    expect(() => s.sim.setFault('cam-99', 'down')).toThrow(/cam-99/);
  });
});

describe('lifecycle and inputs', () => {
  it('close() ends every viewer and the server', async () => {
    const s = await start();
    const h = await viewer('http', `${s.http}/live/cam-01/main.flv`);
    const w = await viewer('ws', `${s.ws}/live/cam-01/sub.flv`);
    await waitFor('streams', () => h.frames.length > 0 && w.frames.length > 0);
    await s.sim.close();
    await waitFor('viewers closed', () => h.closed && w.closed);
    expect(s.sim.stats().viewers).toBe(0);
    await expect(openHttp(`${s.http}/live/cam-01/main.flv`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('demoCameraIds pads to two digits', () => {
    expect(demoCameraIds(3)).toEqual(['cam-01', 'cam-02', 'cam-03']);
    expect(demoCameraIds(64).at(-1)).toBe('cam-64');
    expect(demoCameraIds(100).at(-1)).toBe('cam-100');
    expect(() => demoCameraIds(-1)).toThrow(RangeError);
  });

  it('rejects duplicate ids, ids that are not a path segment, and scenes out of range', () => {
    const make = (cameras: { id: string; scene?: number }[]) => () => createSimulator({ cameras, clipsDir: CLIPS_DIR });
    expect(make([{ id: 'a' }, { id: 'a' }])).toThrow(/twice/);
    expect(make([{ id: 'a/b' }])).toThrow(/path segment/);
    expect(make([{ id: 'a', scene: 10 }])).toThrow(/scene 10/);
    expect(make([{ id: 'a', scene: 1.5 }])).toThrow(/scene 1.5/);
  });
});
