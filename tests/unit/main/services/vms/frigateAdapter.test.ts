import { afterEach, describe, expect, it } from 'vitest';
import { VmsTargetSchema } from '../../../../../common/site/vmsTargets';
import { FrigateAdapter } from '../../../../../main/services/vms/frigateAdapter';
import { TestFrigateServer } from '../../../../support/vms/testFrigateServer';
import { attempt, freshState, makeBookmark, secrets } from './deliveryContext';

const cameras = [{ id: 'cam-1', vmsDeviceId: 'front_door' }];
let server: TestFrigateServer;
afterEach(() => server.close());

function frigate(options: { auth?: { username: string; password: string }; timeoutMs?: number; now?: () => number } = {}) {
  const target = VmsTargetSchema.parse({
    id: 'frigate',
    type: 'frigate',
    url: server.url,
    timeoutMs: options.timeoutMs ?? 2000,
    ...(options.auth ? { username: options.auth.username, secretRef: 'frigate' } : {}),
  });
  if (target.type !== 'frigate') throw new Error('unreachable');
  const adapter = new FrigateAdapter(target, secrets(options.auth ? { frigate: options.auth.password } : {}), { now: options.now ?? Date.now });
  return (c: Parameters<FrigateAdapter['deliver']>[0]) => adapter.deliver(c);
}

describe('FrigateAdapter against a local Frigate', () => {
  it('creates a manual event on the internal port and attaches the note', async () => {
    server = await TestFrigateServer.start({ cameras: ['front_door'] });
    const bookmark = makeBookmark();
    const state = freshState();
    expect(await attempt(frigate(), bookmark, cameras, state)).toBeUndefined();
    expect(server.requests[0]!.path).toBe('/api/events/front_door/atalaya/create');
    expect(server.requests[0]!.json).toEqual({ sub_label: `Incident: ${bookmark.id}`, duration: 60, include_recording: true });
    expect(server.events).toHaveLength(1);
    expect(server.events[0]!.data.description).toContain('Two people fighting');
    expect(state.remote['cam-1']).toBe(server.events[0]!.id);
  });

  it('logs in on the authenticated port and sends the JWT as a bearer token', async () => {
    server = await TestFrigateServer.start({ cameras: ['front_door'], users: { admin: 'frigate-pass' } });
    expect(await attempt(frigate({ auth: { username: 'admin', password: 'frigate-pass' } }), makeBookmark(), cameras, freshState())).toBeUndefined();
    expect(server.requests[1]!.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('fails for good on bad credentials', async () => {
    server = await TestFrigateServer.start({ cameras: ['front_door'], users: { admin: 'frigate-pass' } });
    const error = await attempt(frigate({ auth: { username: 'admin', password: 'wrong' } }), makeBookmark(), cameras, freshState());
    expect(error).toMatchObject({ permanent: true, status: 401, message: 'Frigate login: 401 Login failed' });
  });

  it('fails for good on a camera Frigate does not have, with its message', async () => {
    server = await TestFrigateServer.start({ cameras: ['front_door'] });
    const error = await attempt(frigate(), makeBookmark(), [{ id: 'cam-1', vmsDeviceId: 'garage' }], freshState());
    expect(error).toMatchObject({ permanent: true, status: 404, message: 'Frigate: 404 garage is not a valid camera.' });
  });

  it('refuses to mark the wrong footage when the window has already passed', async () => {
    server = await TestFrigateServer.start({ cameras: ['front_door'] });
    const bookmark = makeBookmark();
    const error = await attempt(frigate({ now: () => bookmark.endTime + 5000 }), bookmark, cameras, freshState());
    expect(error).toMatchObject({ permanent: true });
    expect(error!.message).toMatch(/window ended 5 s ago/);
    expect(server.requests).toHaveLength(0);
  });

  it('retries 5xx and timeouts without ever creating a second event', async () => {
    server = await TestFrigateServer.start({ cameras: ['front_door'] });
    const deliver = frigate({ timeoutMs: 300 });
    const bookmark = makeBookmark();
    const state = freshState();
    server.failNext({ status: 500, body: { success: false, message: 'An unknown error occurred' } }, { path: /create$/ });
    expect(await attempt(deliver, bookmark, cameras, state)).toMatchObject({ permanent: false, status: 500, message: 'Frigate: 500 An unknown error occurred' });
    server.latencyMs = (r) => (r.method === 'POST' && /bookmarks$|create$/.test(r.url.pathname) ? 600 : 0);
    expect(await attempt(deliver, bookmark, cameras, state)).toMatchObject({ permanent: false });
    server.latencyMs = () => 0;
    expect(await attempt(deliver, bookmark, cameras, state)).toBeUndefined();
    expect(server.events).toHaveLength(1);
    expect(server.events[0]!.data.description).toContain('Two people fighting');
  });

  it('delivers an edit to the event it made', async () => {
    server = await TestFrigateServer.start({ cameras: ['front_door'] });
    const deliver = frigate();
    const bookmark = makeBookmark();
    const state = freshState();
    await attempt(deliver, bookmark, cameras, state);
    await attempt(deliver, { ...bookmark, revision: 2, category: 'fire', note: 'Smoke from the kiosk' }, cameras, state);
    expect(server.events).toHaveLength(1);
    expect(server.events[0]).toMatchObject({ sub_label: `Fire: ${bookmark.id}` });
    expect(server.events[0]!.data.description).toContain('Smoke from the kiosk');
  });
});
