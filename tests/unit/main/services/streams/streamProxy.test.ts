import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteSchema, type Site } from '../../../../../common/site/siteSchema';
import { DEFAULT_RESOURCES_DIR } from '../../../../../main/services/paths';
import { FlvStreamParser, isKeyframe, TAG_VIDEO, type FlvTag } from '../../../../../main/services/simulator/flv';
import { createSimulator, type Simulator } from '../../../../../main/services/simulator/simulator';
import { streamSchemeResponse } from '../../../../../main/services/streams/streamScheme';
import { testSite } from '../../../../support/testSite';

const noSecrets = async () => undefined;

/** A site whose 16 cameras are HTTP-FLV streams of one host (the simulator), as behind a gateway. */
let simulator: Simulator;
let simulatorBase: string;
let site: Site;

beforeAll(async () => {
  const ids = Array.from({ length: 16 }, (_, i) => `cam-${String(i + 1).padStart(2, '0')}`);
  simulator = createSimulator({ cameras: ids.map((id) => ({ id })), clipsDir: join(DEFAULT_RESOURCES_DIR, 'demo', 'clips'), control: true });
  const base = await simulator.listen(0, '127.0.0.1');
  simulatorBase = base;
  const raw = testSite(16);
  raw.cameras.forEach((camera, i) => {
    camera.streams = [
      { url: `${base}/live/${ids[i]}/sub.flv`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 },
      { url: `ws://127.0.0.1:1/nobody-listens.flv`, format: 'flv', quality: 'main', width: 640, height: 360, fps: 25 },
      { url: `${base.replace(/^http/, 'ws')}/live/${ids[i]}/main.flv`, format: 'flv', quality: 'main', width: 640, height: 360, fps: 25 },
      { url: `sim://${ids[i]}/sub`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 },
    ];
  });
  site = SiteSchema.parse(raw);
});

afterAll(async () => {
  await simulator?.close();
});

/** Reads FLV tags from a response body until `count` tags or `ms` elapse, then cancels it. */
async function readTags(response: Response, count: number, ms = 8000): Promise<FlvTag[]> {
  const parser = new FlvStreamParser();
  const tags: FlvTag[] = [];
  const reader = response.body!.getReader();
  const deadline = Date.now() + ms;
  while (tags.length < count && Date.now() < deadline) {
    const { done, value } = await reader.read();
    if (done) break;
    tags.push(...parser.push(Buffer.from(value)));
  }
  await reader.cancel();
  return tags;
}

describe("Electron's stream scheme handler", () => {
  it('serves 16 HTTP-FLV streams of one host at once (no 6-per-host cap in Node)', async () => {
    const aborts = site.cameras.map(() => new AbortController());
    const responses = await Promise.all(site.cameras.map((c, i) => streamSchemeResponse(`atalaya-stream://camera/${c.id}/0`, site, noSecrets, aborts[i]!.signal)));
    expect(responses.map((r) => r.status)).toEqual(Array(16).fill(200));
    expect(responses[0]!.headers.get('content-type')).toBe('video/x-flv');
    const tagCounts = await Promise.all(responses.map(async (r) => (await readTags(r, 20)).length));
    expect(tagCounts.every((n) => n >= 20)).toBe(true);
    for (const a of aborts) a.abort();
  });

  it('serves WS-FLV and simulator streams too (no WebSocket handshake in the renderer)', async () => {
    for (const index of [2, 3]) {
      const response = await streamSchemeResponse(`atalaya-stream://camera/cam-03/${index}`, site, noSecrets, undefined, simulatorBase);
      expect(response.status).toBe(200);
      const tags = await readTags(response, 10);
      expect(tags.filter((t) => t.type === TAG_VIDEO).length).toBeGreaterThanOrEqual(5);
    }
    const keyframes = await readTags(await streamSchemeResponse('atalaya-stream://camera/cam-03/2?keyframes=1', site, noSecrets, undefined, simulatorBase), 6, 4000);
    const frames = keyframes.filter((t) => t.type === TAG_VIDEO && t.data[1] === 1);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((t) => isKeyframe(t))).toBe(true);
  });

  it('passes keyframes only when asked, before the bytes reach the renderer', async () => {
    const tags = await readTags(await streamSchemeResponse(`atalaya-stream://camera/${site.cameras[0]!.id}/0?keyframes=1`, site, noSecrets), 8, 4000);
    const frames = tags.filter((t) => t.type === TAG_VIDEO && t.data[1] === 1);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((t) => isKeyframe(t))).toBe(true);
  });

  it('fetches only streams of the site, and says what went wrong upstream', async () => {
    expect((await streamSchemeResponse('atalaya-stream://camera/nobody/0', site, noSecrets)).status).toBe(404);
    const refused = await streamSchemeResponse(`atalaya-stream://camera/${site.cameras[0]!.id}/1`, site, noSecrets); // nobody listens
    expect(refused.status).toBe(502);
    expect(await refused.text()).toMatch(/^cam-01: .*ECONNREFUSED/);
    // A simulator stream when no simulator runs.
    expect((await streamSchemeResponse(`atalaya-stream://camera/${site.cameras[0]!.id}/3`, site, noSecrets)).status).toBe(404);
    expect((await streamSchemeResponse(`atalaya-stream://camera/${site.cameras[0]!.id}/7`, site, noSecrets)).status).toBe(404);
    expect((await streamSchemeResponse('atalaya-stream://elsewhere/http%3A%2F%2Fevil/0', site, noSecrets)).status).toBe(404);
    simulator.setFault('cam-02', 'down');
    const down = await streamSchemeResponse('atalaya-stream://camera/cam-02/0', site, noSecrets);
    expect(down.status).toBe(503);
    expect(await down.text()).toMatch(/^cam-02: upstream answered 503/);
    simulator.setFault('cam-02', null);
  });
});

describe('stream credentials', () => {
  it('adds the stored credentials as Basic auth upstream, and names a missing one', async () => {
    const clip = readFileSync(join(DEFAULT_RESOURCES_DIR, 'demo', 'clips', 'scene-01-sub.flv'));
    const expected = `Basic ${Buffer.from('viewer:S3cret pass').toString('base64')}`;
    const camera = createServer((req, res) => {
      if (req.headers.authorization !== expected) return void res.writeHead(401).end('who are you');
      res.writeHead(200, { 'Content-Type': 'video/x-flv' }).end(clip);
    });
    await new Promise<void>((resolve) => camera.listen(0, '127.0.0.1', resolve));
    const port = (camera.address() as { port: number }).port;
    const raw = testSite(1);
    raw.cameras[0]!.streams = [{ url: `http://127.0.0.1:${port}/cam.flv`, format: 'flv', quality: 'main', width: 320, height: 180, fps: 15, secretRef: 'cam-1-login' }];
    const locked = SiteSchema.parse(raw);
    const ok = await streamSchemeResponse('atalaya-stream://camera/cam-01/0', locked, async (ref) => (ref === 'cam-1-login' ? 'viewer:S3cret pass' : undefined));
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(clip)).toBe(true);
    const missing = await streamSchemeResponse('atalaya-stream://camera/cam-01/0', locked, noSecrets);
    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe('cam-01: credential "cam-1-login" is not set');
    camera.close();
  });

  it('refuses a site whose stream URL carries a password', () => {
    const raw = testSite(1);
    raw.cameras[0]!.streams[0]!.url = 'http://admin:hunter2@10.0.0.9/live.flv';
    const result = SiteSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/must not contain a user name or password/);
  });
});
