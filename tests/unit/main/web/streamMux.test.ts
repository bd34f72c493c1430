import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodeMuxFrame, MUX_PATH, type MuxServerMessage } from '../../../../common/live/streamMux';
import { SiteSchema, type Site } from '../../../../common/site/siteSchema';
import { DEFAULT_RESOURCES_DIR } from '../../../../main/services/paths';
import { createSimulator, type Simulator } from '../../../../main/services/simulator/simulator';
import { FlvStreamParser, isAvcFrame, videoTagInfo } from '../../../../main/services/simulator/flv';
import { createStreamMux, type StreamMux } from '../../../../main/web/streamMux';
import { testSite } from '../../../support/testSite';

/**
 * The web host's stream multiplexer against real upstreams: the built-in simulator (served over
 * HTTP-FLV and WS-FLV on its own port, and as `sim://` through the host's origin) and a server
 * that answers 500. Real sockets throughout.
 */

let simulator: Simulator;
let simBase: string;
let failing: Server;
let failingBase: string;

beforeAll(async () => {
  simulator = createSimulator({ cameras: ['cam-01', 'cam-02', 'cam-03'].map((id) => ({ id })), clipsDir: join(DEFAULT_RESOURCES_DIR, 'demo', 'clips') });
  simBase = await simulator.listen(0, '127.0.0.1');
  failing = createServer((_req, res) => res.writeHead(500, 'Camera Broke').end());
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
  failingBase = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await simulator.close();
  await new Promise((resolve) => failing.close(resolve));
});

function site(): Site {
  const input = testSite(4);
  const ws = simBase.replace(/^http/, 'ws');
  input.cameras[0]!.streams = [{ url: `${simBase}/live/cam-01/sub.flv`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 }];
  input.cameras[1]!.streams = [{ url: `${ws}/live/cam-02/sub.flv`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 }];
  input.cameras[2]!.streams = [{ url: 'sim://cam-03/sub', format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 }];
  input.cameras[3]!.streams = [{ url: `${failingBase}/live/cam-04.flv`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 }];
  input.cameras[3]!.group = 'secret';
  return SiteSchema.parse(input);
}

interface Host {
  mux: StreamMux;
  server: Server;
  url: string;
}

const hosts: Host[] = [];

/** By default token "ok" may watch everything but the "secret" group, and no token nothing. */
async function startHost(canWatch = (token: string | null, camera: Site['cameras'][number]) => token === 'ok' && camera.group !== 'secret'): Promise<Host> {
  const mux = createStreamMux({
    site,
    canWatch,
    secrets: () => Promise.resolve(undefined),
    simulatorOrigin: () => simBase,
    connectTimeoutMs: 2000,
  });
  const server = createServer((req, res) => {
    if (!mux.handleRequest(req, res)) res.writeHead(404).end();
  });
  server.on('upgrade', (req, socket, head) => {
    if (!mux.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = { mux, server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${MUX_PATH}` };
  hosts.push(host);
  return host;
}

afterEach(async () => {
  for (const host of hosts.splice(0)) {
    host.mux.close();
    await new Promise((resolve) => host.server.close(resolve));
  }
});

/** A page's socket: collects each channel's bytes and the host's text messages. */
class Client {
  readonly bytes = new Map<number, Buffer[]>();
  readonly texts: MuxServerMessage[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) {
        this.texts.push(JSON.parse(data.toString()) as MuxServerMessage);
        return;
      }
      const copy = new Uint8Array(data).buffer;
      const frame = decodeMuxFrame(copy)!;
      const list = this.bytes.get(frame.ch) ?? [];
      list.push(Buffer.from(frame.payload));
      this.bytes.set(frame.ch, list);
    });
  }

  static async connect(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new Client(ws);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  received(ch: number): Buffer {
    return Buffer.concat(this.bytes.get(ch) ?? []);
  }

  async until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const start = Date.now();
    while (!check()) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; texts: ${JSON.stringify(this.texts)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  endOf(ch: number): Extract<MuxServerMessage, { op: 'end' }> | undefined {
    return this.texts.find((t): t is Extract<MuxServerMessage, { op: 'end' }> => t.op === 'end' && t.ch === ch);
  }
}

/** Opens cam-01…cam-03 on channels 1–3 and waits until bytes flow on all three. */
async function openThreeFlowing(client: Client): Promise<void> {
  for (let ch = 1; ch <= 3; ch++) client.send({ op: 'open', ch, camera: ['cam-01', 'cam-02', 'cam-03'][ch - 1]!, stream: 0 });
  await client.until(() => [1, 2, 3].every((ch) => client.received(ch).length > 0), 'three flowing channels');
}

/** Video tags of an FLV byte stream (the header's 13 bytes first). */
function videoTags(flv: Buffer) {
  if (flv.length < 3) return [];
  expect(flv.subarray(0, 3).toString('latin1')).toBe('FLV');
  const parser = new FlvStreamParser();
  return parser.push(flv).filter(isAvcFrame);
}

describe('stream multiplexer', () => {
  it('carries HTTP-FLV, WS-FLV and simulator streams as separate channels of one socket', async () => {
    const { url, mux } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    client.send({ op: 'open', ch: 1, camera: 'cam-01', stream: 0 });
    client.send({ op: 'open', ch: 2, camera: 'cam-02', stream: 0 });
    client.send({ op: 'open', ch: 7, camera: 'cam-03', stream: 0 });
    await client.until(() => [1, 2, 7].every((ch) => videoTags(client.received(ch)).length >= 5), 'five video frames on each channel');
    expect(mux.stats()).toEqual({ sockets: 1, channels: 3 });
    expect(simulator.stats().viewers).toBe(3);
    // Each channel starts at a keyframe (the simulator's GOP cache), so a player can decode at once.
    for (const ch of [1, 2, 7]) expect(videoTagInfo(videoTags(client.received(ch))[0]!.data).keyframe).toBe(true);
    client.ws.close();
    await client.until(() => mux.stats().channels === 0 && mux.stats().sockets === 0, 'the host to drop the closed socket');
    // …and with it every upstream: a page that goes away must not leave the host streaming.
    await client.until(() => simulator.stats().viewers === 0, 'the upstreams to close');
  });

  it('closes every upstream of a page that goes away while its streams are flowing (repeatedly)', async () => {
    const { url, mux } = await startHost();
    for (let round = 0; round < 5; round++) {
      const client = await Client.connect(`${url}?token=ok`);
      await openThreeFlowing(client);
      client.ws.terminate();
      await client.until(() => mux.stats().channels === 0 && simulator.stats().viewers === 0, `round ${round}: channels and upstreams to close`);
    }
  });

  it("closes every upstream as soon as the page's socket starts closing, not only once it has closed", async () => {
    const { url, mux } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    await openThreeFlowing(client);
    // The page says goodbye but its end of the TCP connection lingers (a busy or hung tab): the
    // host's socket stays "closing" for up to 30 s, while the streams keep arriving upstream.
    (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    client.ws.close();
    await client.until(() => simulator.stats().viewers === 0, 'the upstreams to close', 3000);
    expect(mux.stats().channels).toBe(0);
    client.ws.terminate();
  });

  it('stops sending a channel the page closes, and keeps the others', async () => {
    const { url, mux } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    client.send({ op: 'open', ch: 1, camera: 'cam-01', stream: 0 });
    client.send({ op: 'open', ch: 2, camera: 'cam-02', stream: 0 });
    await client.until(() => client.received(1).length > 0 && client.received(2).length > 0, 'both channels');
    client.send({ op: 'close', ch: 1 });
    await client.until(() => mux.stats().channels === 1, 'channel 1 to close on the host');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closedAt = client.received(1).length;
    const otherAt = client.received(2).length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(client.received(1).length).toBe(closedAt);
    expect(client.received(2).length).toBeGreaterThan(otherAt);
    expect(client.endOf(1)).toBeUndefined(); // a close the page asked for is not reported back
    client.ws.close();
  });

  it('survives channels closed before their upstreams answer (a fast layout switch)', async () => {
    const { url, mux } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    for (let ch = 1; ch <= 60; ch++) {
      client.send({ op: 'open', ch, camera: ['cam-01', 'cam-02', 'cam-03'][ch % 3]!, stream: 0 });
      client.send({ op: 'close', ch });
    }
    await client.until(() => mux.stats().channels === 0, 'every channel to be dropped');
    client.send({ op: 'open', ch: 100, camera: 'cam-02', stream: 0 });
    await client.until(() => videoTags(client.received(100)).length >= 3, 'a channel opened afterwards to play');
    expect(client.texts.filter((t) => t.op === 'end')).toEqual([]);
    client.ws.close();
  });

  it('sends keyframes only when asked', async () => {
    const { url } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    client.send({ op: 'open', ch: 3, camera: 'cam-02', stream: 0, keyframes: true });
    await client.until(() => videoTags(client.received(3)).length >= 3, 'three video tags', 8000);
    const frames = videoTags(client.received(3)).filter((t) => !(t.data[1] === 0)); // skip the sequence header
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.every((t) => videoTagInfo(t.data).keyframe)).toBe(true);
    client.ws.close();
  });

  it('ends a channel with a clear reason: unknown camera, no permission, upstream failure', async () => {
    const { url, mux } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    client.send({ op: 'open', ch: 1, camera: 'cam-99', stream: 0 });
    client.send({ op: 'open', ch: 2, camera: 'cam-01', stream: 5 });
    client.send({ op: 'open', ch: 3, camera: 'cam-04', stream: 0 });
    await client.until(() => [1, 2, 3].every((ch) => client.endOf(ch)), 'three ends');
    expect(client.endOf(1)).toMatchObject({ code: 'not_found', message: expect.stringMatching(/cam-99/) });
    expect(client.endOf(2)).toMatchObject({ code: 'not_found' });
    expect(client.endOf(3)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/cam-04/) });
    const anonymous = await Client.connect(url);
    anonymous.send({ op: 'open', ch: 1, camera: 'cam-01', stream: 0 });
    await anonymous.until(() => anonymous.endOf(1) !== undefined, 'the refusal');
    expect(anonymous.endOf(1)).toMatchObject({ code: 'forbidden' });
    expect(anonymous.received(1).length).toBe(0);
    expect(mux.stats().channels).toBe(0);
    client.ws.close();
    anonymous.ws.close();
  });

  it('reports an upstream that answers 500, with its status', async () => {
    const { url, mux } = await startHost(() => true);
    const page = await Client.connect(url);
    page.send({ op: 'open', ch: 9, camera: 'cam-04', stream: 0 });
    await page.until(() => page.endOf(9) !== undefined, 'the upstream failure');
    expect(page.endOf(9)).toMatchObject({ code: 'upstream', message: expect.stringMatching(/500 Camera Broke/) });
    expect(mux.stats().channels).toBe(0);
    page.ws.close();
  });

  it('answers garbage with an error and keeps the socket and its channels working', async () => {
    const { url } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    client.send({ op: 'open', ch: 1, camera: 'cam-01', stream: 0 });
    client.send('{"op":"open","ch":');
    client.send({ op: 'open', ch: 0, camera: 'cam-02', stream: 0 });
    client.send({ op: 'open', ch: 2, camera: '../etc/passwd', stream: 0 });
    client.send({ op: 'launch', ch: 3 });
    client.ws.send(Buffer.from([1, 2, 3]));
    await client.until(() => client.texts.filter((t) => t.op === 'error').length === 5, 'five errors');
    expect(client.texts.filter((t) => t.op === 'error').map((t) => (t as { message: string }).message)).toEqual([
      'bad message: not JSON',
      expect.stringMatching(/^bad message: ch: /),
      expect.stringMatching(/^bad message: camera: /),
      expect.stringMatching(/^bad message: /),
      'the host takes text messages only',
    ]);
    client.send({ op: 'open', ch: 1, camera: 'cam-02', stream: 0 });
    await client.until(() => client.endOf(1) !== undefined, 'the refusal of a channel already open');
    expect(client.endOf(1)).toMatchObject({ code: 'in_use' });
    client.send({ op: 'open', ch: 2, camera: 'cam-02', stream: 0 });
    await client.until(() => videoTags(client.received(2)).length >= 3, 'a good channel after the garbage');
    client.ws.close();
  });

  it('closes a socket that sends an oversized message', async () => {
    const { url } = await startHost();
    const client = await Client.connect(`${url}?token=ok`);
    const closed = new Promise<number>((resolve) => client.ws.once('close', resolve));
    client.send({ op: 'open', ch: 1, camera: 'x'.repeat(5000), stream: 0 });
    expect(await closed).toBe(1009);
  });

  it('refuses plain HTTP on its path and leaves other paths to the host', async () => {
    const { url } = await startHost();
    const http = url.replace(/^ws/, 'http');
    const response = await fetch(http);
    expect(response.status).toBe(426);
    expect((await fetch(http.replace(MUX_PATH, '/other'))).status).toBe(404);
  });
});
