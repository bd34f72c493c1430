import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { METHOD_NAMES, methods } from '../../../../../common/contract/contract';
import { createCore, type Core } from '../../../../../main/services/core';
import { DEFAULT_RESOURCES_DIR } from '../../../../../main/services/paths';
import { openNodeSettings } from '../../../../../main/services/settings/settingsStore';
import { startWebHost, type WebHost } from '../../../../../main/web/webHost';
import { tempDirWith } from '../../../../support/testSite';

/**
 * Every contract method, called with payloads its schema rejects, answers with an error, and
 * nothing in the app changes. The demo site signs the caller in as the demo supervisor, so the
 * payloads get past the gate to the schemas and handlers.
 */
let core: Core;
let host: WebHost;
const ctx = { transport: 'ws' as const, clientId: 'fuzzer' };

async function snapshot(): Promise<string> {
  const calls = ['wall.get', 'settings.get', 'site.get', 'masks.get'] as const;
  const results = await Promise.all(calls.map((m) => core.dispatcher.call(m, {}, ctx)));
  return JSON.stringify(results, (k, v) => (k === 'loadedAt' ? undefined : v));
}

beforeAll(async () => {
  const dir = tempDirWith();
  core = await createCore({ dataDir: join(dir, 'data'), resourcesDir: DEFAULT_RESOURCES_DIR, settings: openNodeSettings(join(dir, 'data')).store, sitePathOverride: null, simulatorBase: null, version: 'fuzz', transport: 'ws' });
  host = await startWebHost({ core, rendererDir: dir, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await host?.close();
});

describe('contract fuzzing', () => {
  it('answers every malformed payload to every method with an error and changes nothing', async () => {
    const before = await snapshot();
    let calls = 0;
    for (const method of METHOD_NAMES) {
      const schema = methods[method].input;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.anything({ maxDepth: 3 }), fc.object({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('action', 'path', 'cameraId', 'username', 'password', 'polygons', 'locale', 'token', 'type'), fc.anything({ maxDepth: 2 })))// Omitted params (undefined, null) mean {} by design, as in JSON-RPC.
          .filter((v) => !schema.safeParse(v ?? {}).success),
          async (params) => {
            calls++;
            const result = await core.dispatcher.call(method, params, ctx);
            expect(result.ok, `${method} accepted ${JSON.stringify(params)?.slice(0, 200)}`).toBe(false);
            if (!result.ok) expect(['invalid_params', 'payload_too_large']).toContain(result.error.code);
          },
        ),
        { numRuns: 40 },
      );
    }
    expect(calls).toBeGreaterThanOrEqual(METHOD_NAMES.length * 40);
    expect(await snapshot()).toEqual(before);
  });

  it('unknown method names of any shape are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 2 }).filter((m) => !(METHOD_NAMES as unknown[]).includes(m)), async (method) => {
        const result = await core.dispatcher.call(method, {}, ctx);
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      }),
      { numRuns: 200 },
    );
  });

  it('survives random frames on the WebSocket and keeps answering', async () => {
    const socket = new WebSocket(`${host.url.replace('http', 'ws')}/api`);
    await new Promise((resolve) => socket.once('open', resolve));
    const answers: unknown[] = [];
    socket.on('message', (data) => answers.push(JSON.parse(data.toString())));
    const frames = fc.sample(fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 256 }).map((a) => Buffer.from(a))), 300);
    for (const frame of frames) socket.send(frame);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 'last', method: 'app.info', params: {} }));
    await expect.poll(() => answers.some((a) => (a as { id?: unknown }).id === 'last'), { timeout: 10_000 }).toBe(true);
    // Every frame that was not a valid call was answered with a JSON-RPC error (or ignored, for a notification).
    expect(answers.filter((a) => (a as { error?: unknown }).error !== undefined).length).toBeGreaterThan(200);
    socket.close();
  });
});
