import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VmsTargetSchema } from '../../../../../common/site/vmsTargets';
import { NxAdapter } from '../../../../../main/services/vms/nxAdapter';
import { TestNxServer } from '../../../../support/vms/testNxServer';
import { attempt, freshState, makeBookmark, secrets } from './deliveryContext';

const DEV1 = '{3c5a9e4e-0001-4d6b-9f1e-2b4c6d8e0a11}';
const DEV2 = '{3c5a9e4e-0002-4d6b-9f1e-2b4c6d8e0a12}';
const cameras = [
  { id: 'cam-1', vmsDeviceId: DEV1 },
  { id: 'cam-2', vmsDeviceId: DEV2 },
];
let server: TestNxServer;
beforeEach(async () => {
  server = await TestNxServer.start({ users: { atalaya: 'correct horse' }, devices: [DEV1, DEV2] });
});
afterEach(() => server.close());

function nx(options: { password?: string; timeoutMs?: number; apiVersion?: number } = {}) {
  const target = VmsTargetSchema.parse({
    id: 'nx',
    type: 'nx',
    url: `${server.url}/`,
    username: 'atalaya',
    secretRef: 'nx-password',
    timeoutMs: options.timeoutMs ?? 2000,
    apiVersion: options.apiVersion ?? 3,
  });
  if (target.type !== 'nx') throw new Error('unreachable');
  const adapter = new NxAdapter(target, secrets({ 'nx-password': options.password ?? 'correct horse' }));
  return (c: Parameters<NxAdapter['deliver']>[0]) => adapter.deliver(c);
}

const one = [cameras[0]!];
const slowCreates = (ms: number) => (r: { method: string; url: URL }) => (r.method === 'POST' && r.url.pathname.endsWith('/bookmarks') ? ms : 0);
const posts = () => server.requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/bookmarks'));

describe('NxAdapter against a local Nx server', () => {
  it('logs in once and creates one bookmark per camera with the documented fields', async () => {
    const deliver = nx();
    const bookmark = makeBookmark({ cameraIds: ['cam-1', 'cam-2'] });
    const state = freshState();
    expect(await attempt(deliver, bookmark, cameras, state)).toBeUndefined();
    expect(server.bookmarks).toHaveLength(2);
    const [first] = server.bookmarks;
    expect(first).toMatchObject({
      deviceId: DEV1,
      name: 'Incident: Two people fighting',
      startTimeMs: bookmark.startTime,
      durationMs: 90_000,
      tags: ['atalaya', `atalaya:${bookmark.id}`, 'incident'],
    });
    expect(first!.description).toContain('Two people fighting\nnear the kiosk');
    expect(first!.description).toContain(`atalaya:${bookmark.id}`);
    expect(state.remote).toEqual({ 'cam-1': server.bookmarks[0]!.id, 'cam-2': server.bookmarks[1]!.id });
    expect(server.requests.filter((r) => r.url.pathname === '/rest/v3/login/sessions')).toHaveLength(1);
    expect(posts()[0]!.headers.authorization).toMatch(/^Bearer vms-/);

    await attempt(deliver, makeBookmark(), one, freshState());
    expect(server.requests.filter((r) => r.url.pathname === '/rest/v3/login/sessions')).toHaveLength(1);
  });

  it('uses the configured API version', async () => {
    await attempt(nx({ apiVersion: 1 }), makeBookmark(), one, freshState());
    expect(server.requests.map((r) => r.url.pathname)).toEqual(['/rest/v1/login/sessions', `/rest/v1/devices/${encodeURIComponent(DEV1)}/bookmarks`]);
  });

  it('fails for good on bad credentials, with Nx’s message', async () => {
    const error = await attempt(nx({ password: 'wrong' }), makeBookmark(), one, freshState());
    expect(error).toMatchObject({ permanent: true, status: 401 });
    expect(error!.message).toBe('Nx login: 401 Wrong user name or password');
    expect(server.bookmarks).toHaveLength(0);
  });

  it('logs in again when the session has expired', async () => {
    const deliver = nx();
    await attempt(deliver, makeBookmark(), one, freshState());
    server.expireSessions();
    expect(await attempt(deliver, makeBookmark(), one, freshState())).toBeUndefined();
    expect(server.bookmarks).toHaveLength(2);
    expect(server.requests.filter((r) => r.url.pathname === '/rest/v3/login/sessions')).toHaveLength(2);
  });

  it('retries a 5xx and then creates the bookmark exactly once', async () => {
    const deliver = nx();
    const bookmark = makeBookmark();
    const state = freshState();
    server.failNext({ status: 503, body: { error: '503', errorId: 'serviceUnavailable', errorString: 'Server is starting' } }, { path: /bookmarks$/ });
    const error = await attempt(deliver, bookmark, one, state);
    expect(error).toMatchObject({ permanent: false, status: 503 });
    expect(error!.message).toBe('Nx: 503 Server is starting');
    expect(await attempt(deliver, bookmark, one, state)).toBeUndefined();
    expect(server.bookmarks).toHaveLength(1);
  });

  it('finds the bookmark a timed-out create made instead of making a second one', async () => {
    const deliver = nx({ timeoutMs: 300 });
    const bookmark = makeBookmark();
    const state = freshState();
    // Nx stores the bookmark but its answer comes too late.
    server.latencyMs = slowCreates(600);
    const error = await attempt(deliver, bookmark, one, state);
    expect(error!.message).toMatch(/no answer within 300 ms/);
    expect(state.attempted).toEqual(new Set(['cam-1']));
    expect(server.bookmarks).toHaveLength(1);
    server.latencyMs = () => 0;

    expect(await attempt(deliver, bookmark, one, state)).toBeUndefined();
    expect(server.bookmarks).toHaveLength(1);
    expect(state.remote['cam-1']).toBe(server.bookmarks[0]!.id);
    expect(posts()).toHaveLength(1);
  });

  it('delivers an edit as a PATCH of the bookmark it made', async () => {
    const deliver = nx();
    const bookmark = makeBookmark();
    const state = freshState();
    await attempt(deliver, bookmark, one, state);
    const edited = { ...bookmark, revision: 2, note: 'Now three people', endTime: bookmark.time + 120_000 };
    expect(await attempt(deliver, edited, one, state)).toBeUndefined();
    expect(server.bookmarks).toHaveLength(1);
    expect(server.bookmarks[0]).toMatchObject({ name: 'Incident: Now three people', durationMs: 150_000 });
    expect(server.requests.at(-1)!.method).toBe('PATCH');
  });

  it('fails for good on a device Nx does not know, with its message', async () => {
    const error = await attempt(nx(), makeBookmark(), [{ id: 'cam-1', vmsDeviceId: '{unknown}' }], freshState());
    expect(error).toMatchObject({ permanent: true, status: 404 });
    expect(error!.message).toBe('Nx: 404 Device "{unknown}" not found');
  });

  it('marks the cameras it can and reports the ones without an Nx id', async () => {
    const bookmark = makeBookmark({ cameraIds: ['cam-1', 'cam-9'] });
    const error = await attempt(nx(), bookmark, [cameras[0]!, { id: 'cam-9' }], freshState());
    expect(error).toMatchObject({ permanent: true });
    expect(error!.message).toBe('marked 1 camera(s); no Nx device id for cam-9');
    expect(server.bookmarks).toHaveLength(1);
  });

  it('retries when Nx does not answer or refuses connections', async () => {
    server.hang();
    expect(await attempt(nx({ timeoutMs: 200 }), makeBookmark(), one, freshState())).toMatchObject({ permanent: false });
    server.behave();
    await server.refuse();
    const refused = await attempt(nx(), makeBookmark(), one, freshState());
    expect(refused).toMatchObject({ permanent: false });
    expect(refused!.message).toMatch(/connection refused/);
  });
});
