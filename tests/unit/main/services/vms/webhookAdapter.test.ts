import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VmsTargetSchema } from '../../../../../common/site/vmsTargets';
import { WebhookAdapter } from '../../../../../main/services/vms/webhookAdapter';
import { webhookSignature } from '../../../../../main/services/vms/webhookPayload';
import { TestWebhookServer } from '../../../../support/vms/testWebhookServer';
import { attempt, freshState, makeBookmark, secrets } from './deliveryContext';

const SECRET = 'hmac-key-of-the-receiver';
const cameras = [
  { id: 'cam-1', name: 'Plaza north', vmsDeviceId: 'dev-1' },
  { id: 'cam-2', name: 'Plaza south' },
];
let server: TestWebhookServer;
beforeEach(async () => {
  server = await TestWebhookServer.start({ secret: SECRET });
});
afterEach(() => server.close());

function adapter(options: { secretRef?: string; timeoutMs?: number; url?: string; store?: Record<string, string> } = {}) {
  const target = VmsTargetSchema.parse({ id: 'hook', type: 'webhook', url: options.url ?? `${server.url}/atalaya`, secretRef: options.secretRef ?? 'hook-key', timeoutMs: options.timeoutMs ?? 2000 });
  if (target.type !== 'webhook') throw new Error('unreachable');
  const adapter = new WebhookAdapter(target, secrets(options.store ?? { 'hook-key': SECRET }));
  return (c: Parameters<WebhookAdapter['deliver']>[0]) => adapter.deliver(c);
}

describe('WebhookAdapter against a local receiver', () => {
  it('POSTs the documented JSON, signed, with the bookmark id as Idempotency-Key', async () => {
    const bookmark = makeBookmark({ cameraIds: ['cam-1', 'cam-2'] });
    expect(await attempt(adapter(), bookmark, cameras, freshState())).toBeUndefined();
    const [request] = server.requests;
    expect(request!.path).toBe('/atalaya');
    expect(request!.headers['idempotency-key']).toBe(bookmark.id);
    expect(request!.headers['x-atalaya-signature']).toBe(webhookSignature(SECRET, request!.body));
    expect(request!.headers['x-atalaya-event']).toBe('bookmark.created');
    expect(request!.json).toEqual({
      schema: 'atalaya.bookmark/1',
      event: 'bookmark.created',
      id: bookmark.id,
      revision: 1,
      createdAt: new Date(bookmark.createdAt).toISOString(),
      updatedAt: new Date(bookmark.updatedAt).toISOString(),
      time: new Date(bookmark.time).toISOString(),
      startTime: new Date(bookmark.time - 30_000).toISOString(),
      endTime: new Date(bookmark.time + 60_000).toISOString(),
      cameras: [
        { id: 'cam-1', name: 'Plaza north', vmsDeviceId: 'dev-1' },
        { id: 'cam-2', name: 'Plaza south', vmsDeviceId: null },
      ],
      category: { id: 'incident', name: 'Incident', colour: '#e53935' },
      priority: 'high',
      note: bookmark.note,
      location: bookmark.location,
      operator: 'maria',
      updatedBy: 'maria',
    });
    expect(server.deliveries.size).toBe(1);
  });

  it('sends an edit under its own key, as an update', async () => {
    const bookmark = makeBookmark();
    const state = freshState();
    await attempt(adapter(), bookmark, cameras, state);
    await attempt(adapter(), { ...bookmark, revision: 2, note: 'edited' }, cameras, state);
    expect([...server.deliveries.keys()]).toEqual([bookmark.id, `${bookmark.id}:2`]);
    expect(server.deliveries.get(`${bookmark.id}:2`)!.body).toMatchObject({ event: 'bookmark.updated', revision: 2, note: 'edited' });
  });

  it('is a replay, not a second bookmark, when the same revision is sent again', async () => {
    const bookmark = makeBookmark();
    await attempt(adapter(), bookmark, cameras, freshState());
    await attempt(adapter(), bookmark, cameras, freshState());
    expect(server.requests).toHaveLength(2);
    expect(server.deliveries.get(bookmark.id)!.count).toBe(2);
    expect(server.deliveries.size).toBe(1);
  });

  it('fails for good, with the receiver’s words, when the signature key is wrong', async () => {
    const error = await attempt(adapter({ store: { 'hook-key': 'not the key' } }), makeBookmark(), cameras, freshState());
    expect(error).toMatchObject({ permanent: true, status: 401 });
    expect(error!.message).toContain('invalid signature');
  });

  it('fails for good on another 4xx, showing the message', async () => {
    server.failNext({ status: 422, body: { message: 'camera dev-1 is not recorded here' } });
    const error = await attempt(adapter(), makeBookmark(), cameras, freshState());
    expect(error).toMatchObject({ permanent: true, status: 422 });
    expect(error!.message).toBe('webhook: 422 camera dev-1 is not recorded here');
  });

  it('retries a 5xx, honouring Retry-After', async () => {
    server.failNext({ status: 503, body: 'maintenance', headers: { 'retry-after': '7' } });
    expect(await attempt(adapter(), makeBookmark(), cameras, freshState())).toMatchObject({ permanent: false, status: 503, retryAfterMs: 7000 });
  });

  it('retries when the receiver does not answer in time', async () => {
    server.hang();
    const error = await attempt(adapter({ timeoutMs: 200 }), makeBookmark(), cameras, freshState());
    expect(error).toMatchObject({ permanent: false });
    expect(error!.message).toMatch(/no answer within 200 ms/);
  });

  it('retries when the connection is refused', async () => {
    await server.refuse();
    const error = await attempt(adapter(), makeBookmark(), cameras, freshState());
    expect(error).toMatchObject({ permanent: false });
    expect(error!.message).toMatch(/connection refused/);
  });

  it('fails for good when its credential is missing from the store', async () => {
    const error = await attempt(adapter({ store: {} }), makeBookmark(), cameras, freshState());
    expect(error).toMatchObject({ permanent: true });
    expect(error!.message).toMatch(/credential "hook-key"/);
    expect(server.requests).toHaveLength(0);
  });
});
