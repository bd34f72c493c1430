import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fromJsonRpcError } from '../../../../../common/contract/jsonRpc';
import { MAX_PARAMS_BYTES } from '../../../../../common/contract/names';
import type { Result } from '../../../../../common/contract/result';
import { registerIpc, type IpcMainLike } from '../../../../../main/electron/ipc';
import { AccountService } from '../../../../../main/services/accounts/accountService';
import { createCore, type Core } from '../../../../../main/services/core';
import { DEFAULT_RESOURCES_DIR } from '../../../../../main/services/paths';
import { openNodeSettings } from '../../../../../main/services/settings/settingsStore';
import { startWebHost, type WebHost } from '../../../../../main/web/webHost';
import { tempDirWith, testSite } from '../../../../support/testSite';

/**
 * Stand-in for Electron's ipcMain (Electron's binary cannot run here): it records the handlers
 * registerIpc installs and invokes them the way Electron does, with an event and the payload.
 */
class MockIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, payload: unknown, frameUrl = 'atalaya://app/index.html?screen=1'): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    const event = { sender: { id: 1 }, senderFrame: { url: frameUrl } } as unknown as IpcMainInvokeEvent;
    return Promise.resolve(handler(event, payload));
  }
}

let core: Core;
let host: WebHost;
const ipc = new MockIpcMain();
let socket: WebSocket;
let nextId = 1;

function overIpc(method: string, params: unknown): Promise<Result<unknown>> {
  // An unknown method has no channel: the preload only exposes contract methods, so the closest
  // IPC equivalent is the dispatcher's own answer for that name.
  if (!ipc.handlers.has(`atalaya:${method}`)) return core.dispatcher.call(method, params, { transport: 'ipc', clientId: 'test' });
  return ipc.invoke(`atalaya:${method}`, params) as Promise<Result<unknown>>;
}

function overWs(method: string, params: unknown): Promise<Result<unknown>> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (message.id !== id) return;
      socket.off('message', onMessage);
      resolve(message.error ? { ok: false, error: fromJsonRpcError(message.error) } : { ok: true, value: message.result });
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}

function rawWs(text: string | Buffer): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())));
    socket.send(text);
  });
}

const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

beforeAll(async () => {
  const dir = tempDirWith({ 'site.json': testSite(4) });
  const accounts = await AccountService.open({ dataDir: join(dir, 'data') });
  expect((await accounts.createFirstAdmin(ADMIN)).ok).toBe(true);
  core = await createCore({
    dataDir: join(dir, 'data'),
    resourcesDir: DEFAULT_RESOURCES_DIR,
    settings: openNodeSettings(join(dir, 'data')).store,
    sitePathOverride: join(dir, 'site.json'),
    simulatorBase: null,
    version: '0.0.0-test',
    transport: 'ws',
  });
  registerIpc(ipc, core.dispatcher, (event) => event.senderFrame!.url.startsWith('atalaya://app/'));
  host = await startWebHost({ core, rendererDir: dir, host: '127.0.0.1', port: 0 });
  socket = new WebSocket(`${host.url.replace('http', 'ws')}/api`);
  await new Promise((resolve) => socket.once('open', resolve));
  // A site other than the demo requires signing in, on each connection.
  expect((await overWs('site.get', {})).ok).toBe(false);
  expect((await overIpc('auth.login', ADMIN)).ok).toBe(true);
  expect((await overWs('auth.login', ADMIN)).ok).toBe(true);
}, 30_000);

afterAll(async () => {
  socket?.close();
  await host?.close();
});

const cases: Array<{ name: string; method: string; params: unknown; expect: 'ok' | string }> = [
  { name: 'valid call', method: 'site.get', params: {}, expect: 'ok' },
  { name: 'valid call without params', method: 'settings.get', params: undefined, expect: 'ok' },
  { name: 'valid change', method: 'settings.set', params: { locale: 'es' }, expect: 'ok' },
  { name: 'valid wall action', method: 'wall.dispatch', params: { action: { type: 'select', screenId: '1', cell: 2 } }, expect: 'ok' },
  { name: 'wrong type', method: 'settings.set', params: { locale: 'fr' }, expect: 'invalid_params' },
  { name: 'unknown field', method: 'site.get', params: { extra: true }, expect: 'invalid_params' },
  { name: 'params not an object', method: 'site.load', params: 42, expect: 'invalid_params' },
  { name: 'invalid wall action', method: 'wall.dispatch', params: { action: { type: 'select', screenId: '1', cell: -1 } }, expect: 'invalid_params' },
  { name: 'action the reducer refuses', method: 'wall.dispatch', params: { action: { type: 'select', screenId: '9', cell: 0 } }, expect: 'not_found' },
  { name: 'unknown method', method: 'nope.nothing', params: {}, expect: 'unknown_method' },
  { name: 'prototype name as method', method: '__proto__', params: {}, expect: 'unknown_method' },
  { name: 'oversized payload', method: 'site.load', params: { path: 'x'.repeat(MAX_PARAMS_BYTES + 10) }, expect: 'payload_too_large' },
  { name: 'bad site file', method: 'site.load', params: { path: '/nonexistent/site.json' }, expect: 'invalid_input' },
  { name: 'wrong password', method: 'auth.login', params: { username: 'admin', password: 'nope' }, expect: 'unauthenticated' },
];

describe('the contract gives the same answers over IPC and WebSocket', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const viaIpc = await overIpc(c.method, c.params);
      const viaWs = await overWs(c.method, c.params);
      if (c.expect === 'ok') {
        expect(viaIpc.ok, JSON.stringify(viaIpc).slice(0, 300)).toBe(true);
      } else {
        expect(viaIpc.ok).toBe(false);
        expect(!viaIpc.ok && viaIpc.error.code).toBe(c.expect);
      }
      // Results that depend on time or revision are compared without those fields.
      const strip = (r: Result<unknown>) => JSON.parse(JSON.stringify(r), (k, v) => (k === 'rev' || k === 'loadedAt' ? undefined : v));
      expect(strip(viaWs)).toEqual(strip(viaIpc));
    });
  }
});

describe('garbage does not crash the host', () => {
  it('answers non-JSON, non-request and binary frames with JSON-RPC errors, then still works', async () => {
    expect(await rawWs('{not json')).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    expect(await rawWs(JSON.stringify([1, 2, 3]))).toMatchObject({ error: { code: -32600 } });
    expect(await rawWs(JSON.stringify({ jsonrpc: '1.0', id: 5, method: 'site.get' }))).toMatchObject({ id: 5, error: { code: -32600 } });
    expect(await rawWs(Buffer.from([0xff, 0x00, 0x13]))).toMatchObject({ error: { code: -32600 } });
    expect((await overWs('app.info', {})).ok).toBe(true);
  });

  it('closes a socket that sends a frame beyond the transport limit, and serves new ones', async () => {
    const big = new WebSocket(`${host.url.replace('http', 'ws')}/api`);
    await new Promise((resolve) => big.once('open', resolve));
    const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
    big.send('x'.repeat(5 * 1024 * 1024));
    expect(await closed).toBe(1009);
    expect((await overWs('app.info', {})).ok).toBe(true);
  });

  it('refuses every non-public method to a connection that has not signed in', async () => {
    const fresh = await core.dispatcher.call('wall.get', {}, { transport: 'ws', clientId: 'never-signed-in' });
    expect(fresh).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'sign in first' } });
    expect((await core.dispatcher.call('app.info', {}, { transport: 'ws', clientId: 'never-signed-in' })).ok).toBe(true);
  });

  it('refuses IPC from a frame that is not the app page', async () => {
    const result = (await ipc.invoke('atalaya:site.get', {}, 'https://evil.example/')) as Result<unknown>;
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
  });
});
