import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VmsTargetSchema } from '../../../../../common/site/vmsTargets';
import { MilestoneAdapter } from '../../../../../main/services/vms/milestoneAdapter';
import { TestMilestoneServer } from '../../../../support/vms/testMilestoneServer';
import { attempt, freshState, makeBookmark, secrets } from './deliveryContext';

const CAM = 'a8a8b9dc-3995-49ed-9b00-62caac2ce74a';
const cameras = [{ id: 'cam-1', vmsDeviceId: CAM }];
let server: TestMilestoneServer;
beforeEach(async () => {
  server = await TestMilestoneServer.start({ users: { atalaya: 'S3cret!' }, cameras: [CAM] });
});
afterEach(() => server.close());

function milestone(options: { password?: string; timeoutMs?: number } = {}) {
  const target = VmsTargetSchema.parse({ id: 'xp', type: 'milestone', url: server.url, username: 'atalaya', secretRef: 'xp', timeoutMs: options.timeoutMs ?? 2000 });
  if (target.type !== 'milestone') throw new Error('unreachable');
  const adapter = new MilestoneAdapter(target, secrets({ xp: options.password ?? 'S3cret!' }));
  return (c: Parameters<MilestoneAdapter['deliver']>[0]) => adapter.deliver(c);
}

describe('MilestoneAdapter against a local XProtect API Gateway', () => {
  it('gets a token from the IDP and creates a bookmark on the camera', async () => {
    const bookmark = makeBookmark();
    const state = freshState();
    expect(await attempt(milestone(), bookmark, cameras, state)).toBeUndefined();
    const token = server.requests[0]!;
    expect(token.url.pathname).toBe('/API/IDP/connect/token');
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({ grant_type: 'password', username: 'atalaya', password: 'S3cret!', client_id: 'GrantValidatorClient' });
    expect(server.bookmarks).toEqual([
      {
        id: state.remote['cam-1'],
        header: 'Incident: Two people fighting',
        description: expect.stringContaining(`atalaya:${bookmark.id}`) as unknown as string,
        timeBegin: new Date(bookmark.startTime).toISOString(),
        timeEnd: new Date(bookmark.endTime).toISOString(),
        timeTriggered: new Date(bookmark.time).toISOString(),
        reference: `atalaya:${bookmark.id}`,
        devicePath: { type: 'cameras', id: CAM },
      },
    ]);
  });

  it('fails for good on bad credentials with the IDP’s reason', async () => {
    const error = await attempt(milestone({ password: 'nope' }), makeBookmark(), cameras, freshState());
    expect(error).toMatchObject({ permanent: true, status: 400 });
    expect(error!.message).toBe('Milestone login: 400 invalid_username_or_password');
  });

  it('renews an access token the server no longer accepts', async () => {
    const deliver = milestone();
    await attempt(deliver, makeBookmark(), cameras, freshState());
    server.expireTokens();
    expect(await attempt(deliver, makeBookmark(), cameras, freshState())).toBeUndefined();
    expect(server.bookmarks).toHaveLength(2);
  });

  it('shows XProtect’s errorText on a 4xx and does not retry it', async () => {
    const error = await attempt(milestone(), makeBookmark(), [{ id: 'cam-1', vmsDeviceId: 'no-such-camera' }], freshState());
    expect(error).toMatchObject({ permanent: true, status: 400 });
    expect(error!.message).toBe('Milestone: 400 Camera no-such-camera not found');
  });

  it('retries a 5xx and a timeout, and never makes a second bookmark for one that landed', async () => {
    const deliver = milestone({ timeoutMs: 300 });
    const bookmark = makeBookmark();
    const state = freshState();
    server.failNext({ status: 500, body: { error: { httpCode: 500, details: [{ errorText: 'Recording server offline' }] } } }, { path: /bookmarks$/ });
    expect(await attempt(deliver, bookmark, cameras, state)).toMatchObject({ permanent: false, status: 500, message: 'Milestone: 500 Recording server offline' });
    server.latencyMs = (r) => (r.method === 'POST' && /bookmarks$|create$/.test(r.url.pathname) ? 600 : 0);
    expect(await attempt(deliver, bookmark, cameras, state)).toMatchObject({ permanent: false });
    server.latencyMs = () => 0;
    expect(await attempt(deliver, bookmark, cameras, state)).toBeUndefined();
    expect(server.bookmarks).toHaveLength(1);
    expect(state.remote['cam-1']).toBe(server.bookmarks[0]!.id);
  });

  it('delivers an edit as a PATCH', async () => {
    const deliver = milestone();
    const bookmark = makeBookmark();
    const state = freshState();
    await attempt(deliver, bookmark, cameras, state);
    await attempt(deliver, { ...bookmark, revision: 2, note: 'Suspect left northbound' }, cameras, state);
    expect(server.bookmarks).toHaveLength(1);
    expect(server.bookmarks[0]!.header).toBe('Incident: Suspect left northbound');
  });
});
