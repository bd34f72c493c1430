import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookmarkEvent } from '../../../../../common/bookmarks/bookmarkSchemas';
import { VmsTargetSchema, type VmsTarget } from '../../../../../common/site/vmsTargets';
import type { BookmarkError } from '../../../../../main/services/bookmarks/bookmarkErrors';
import { BookmarkService, type BookmarkServiceOptions } from '../../../../../main/services/bookmarks/bookmarkService';
import { BookmarkStore } from '../../../../../main/services/bookmarks/bookmarkStore';
import type { CameraInfo } from '../../../../../main/services/bookmarks/outboxRunner';
import { createVmsAdapter } from '../../../../../main/services/vms/createVmsAdapter';
import { TestNxServer } from '../../../../support/vms/testNxServer';
import { TestWebhookServer } from '../../../../support/vms/testWebhookServer';
import { SimulatedClock, seededRandom } from './simulatedClock';

const T0 = Date.UTC(2026, 10, 29, 21, 30);
const SECRET = 'webhook-hmac-key';
const NX_DEVICE = '{7e1f0c44-9a3b-4c55-8d2e-1f6a7b8c9d01}';
const CAMERAS: Record<string, CameraInfo> = {
  'cam-1': { id: 'cam-1', name: 'Plaza north', vmsDeviceId: NX_DEVICE, position: { lat: -34.6037, lng: -58.3816 } },
  'cam-2': { id: 'cam-2', name: 'Bus terminal' },
};

let dir: string;
let hook: TestWebhookServer;
const services: BookmarkService[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-bookmarks-'));
  hook = await TestWebhookServer.start({ secret: SECRET });
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await hook.close();
  await rm(dir, { recursive: true, force: true });
});

const webhookTarget = (): VmsTarget => VmsTargetSchema.parse({ id: 'hook', name: 'Evidence webhook', type: 'webhook', url: `${hook.url}/bookmarks`, secretRef: 'hook', timeoutMs: 1000 });

async function openService(clock: SimulatedClock, options: Partial<BookmarkServiceOptions> = {}): Promise<BookmarkService> {
  const service = new BookmarkService({
    store: await BookmarkStore.open(dir),
    targets: [webhookTarget()],
    cameras: (id) => CAMERAS[id],
    secrets: { get: (ref) => Promise.resolve({ hook: SECRET, nx: 'nx-pass' }[ref]) },
    clock,
    scheduler: clock,
    random: seededRandom(7),
    ...options,
  });
  services.push(service);
  service.start();
  return service;
}

async function closeService(service: BookmarkService): Promise<void> {
  services.splice(services.indexOf(service), 1);
  await service.close();
}

describe('BookmarkService', () => {
  it('delivers every bookmark exactly once to a VMS that refuses connections for the first 60 s', async () => {
    const clock = new SimulatedClock(T0);
    await hook.refuse();
    let attempts = 0;
    const service = await openService(clock, {
      createAdapter: (target, deps) => {
        const adapter = createVmsAdapter(target, deps);
        return { deliver: (context) => ((attempts += 1), adapter.deliver(context)) };
      },
    });
    const settle = () => service.settled();

    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      ids.push((await service.create({ cameraIds: ['cam-1'], category: 'incident', note: `incident ${i}` }, 'maria')).id);
      await clock.advance(3000, settle);
    }
    // 30 s into the outage: the console shows the target retrying, with when and why.
    const [status] = service.targetStatuses();
    expect(status).toMatchObject({ targetId: 'hook', name: 'Evidence webhook', state: 'retrying', pending: 10, failed: 0 });
    expect(status!.nextAttemptAt).toBeGreaterThan(clock.now());
    expect(status!.lastError).toMatch(/connection refused/);
    expect(service.list({ delivery: 'delivered' }).total).toBe(0);

    await clock.advanceTo(T0 + 60_000, settle);
    expect(hook.requests).toHaveLength(0);
    // Backoff, not hammering: one probe at a time, ever further apart.
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect(attempts).toBeLessThan(15);

    await hook.accept();
    // The longest wait is a minute, so all are through a minute after the VMS is back.
    await clock.advanceTo(T0 + 121_000, settle);
    expect(service.list({ delivery: 'delivered' }).total).toBe(10);
    expect(hook.requests).toHaveLength(10);
    expect([...hook.deliveries.keys()].sort()).toEqual([...ids].sort());
    for (const delivery of hook.deliveries.values()) expect(delivery.count).toBe(1);
    expect(service.targetStatuses()[0]).toMatchObject({ state: 'connected', pending: 0 });
  });

  it('shows a 4xx as failed with the VMS’s message and does not retry it until asked', async () => {
    const clock = new SimulatedClock(T0);
    const events: BookmarkEvent[] = [];
    const service = await openService(clock);
    service.onChange((e) => events.push(e));
    hook.failAlways({ status: 422, body: { message: 'camera cam-1 is not recorded on this site' } });

    const { id } = await service.create({ cameraIds: ['cam-1'], category: 'traffic' }, 'maria');
    await clock.advance(1000, () => service.settled());
    const failed = service.get(id)!;
    expect(failed.delivery).toBe('failed');
    expect(failed.deliveries.hook).toEqual({ state: 'failed', revision: 1, status: 422, message: 'webhook: 422 camera cam-1 is not recorded on this site', at: T0 });
    expect(service.targetStatuses()[0]).toMatchObject({ state: 'failing', status: 422, failed: 1, pending: 0 });
    expect(events.some((e) => e.type === 'bookmark' && e.bookmark.deliveries.hook?.state === 'failed')).toBe(true);
    expect(events.some((e) => e.type === 'target' && e.target.state === 'failing')).toBe(true);

    await clock.advance(30 * 60_000, () => service.settled());
    expect(hook.requests).toHaveLength(1);

    // The administrator fixes the receiver, then retries.
    hook.behave();
    expect(await service.retry({ bookmarkId: id })).toEqual({ retried: 1 });
    await service.settled();
    expect(service.get(id)!.deliveries.hook).toMatchObject({ state: 'delivered', revision: 1 });
    expect(hook.requests).toHaveLength(2);
  });

  it('remembers a permanent failure across a restart instead of sending again', async () => {
    const clock = new SimulatedClock(T0);
    let service = await openService(clock);
    hook.failAlways({ status: 400, body: { message: 'bad bookmark' } });
    const { id } = await service.create({ cameraIds: ['cam-1'], category: 'traffic' }, 'maria');
    await service.settled();
    await closeService(service);
    hook.behave();
    service = await openService(clock);
    await service.settled();
    expect(service.get(id)!.deliveries.hook).toMatchObject({ state: 'failed', status: 400 });
    expect(hook.requests).toHaveLength(1);
  });

  it('resumes after a restart what it had not delivered', async () => {
    const clock = new SimulatedClock(T0);
    await hook.refuse();
    let service = await openService(clock);
    const { id } = await service.create({ cameraIds: ['cam-2'], category: 'other', note: 'before the restart' }, 'maria');
    await service.settled();
    await closeService(service);

    await hook.accept();
    service = await openService(clock);
    await service.settled();
    expect(service.get(id)!.delivery).toBe('delivered');
    expect(hook.deliveries.get(id)!.body).toMatchObject({ note: 'before the restart' });
  });

  it('delivers edits to every target as new revisions', async () => {
    const clock = new SimulatedClock(T0);
    const nx = await TestNxServer.start({ users: { atalaya: 'nx-pass' }, devices: [NX_DEVICE] });
    try {
      const nxTarget = VmsTargetSchema.parse({ id: 'nx', type: 'nx', url: nx.url, username: 'atalaya', secretRef: 'nx', timeoutMs: 1000 });
      const service = await openService(clock, { targets: [webhookTarget(), nxTarget] });
      const created = await service.create({ cameraIds: ['cam-1'], category: 'incident', note: 'one person' }, 'maria');
      await service.settled();
      const edited = await service.update({ id: created.id, note: 'two people', priority: 'critical', postRollS: 300, expectedRevision: 1 }, 'joão');
      expect(edited).toMatchObject({ revision: 2, note: 'two people', priority: 'critical', operator: 'maria', updatedBy: 'joão', endTime: created.time + 300_000 });
      await service.settled();

      expect(service.get(created.id)!.deliveries).toEqual({
        hook: { state: 'delivered', revision: 2, at: T0 },
        nx: { state: 'delivered', revision: 2, at: T0 },
      });
      expect(hook.deliveries.get(`${created.id}:2`)!.body).toMatchObject({ event: 'bookmark.updated', note: 'two people', priority: 'critical' });
      expect(nx.bookmarks).toHaveLength(1);
      expect(nx.bookmarks[0]).toMatchObject({ name: 'Incident: two people', durationMs: 330_000 });

      // An edit that changes nothing is not a revision.
      expect((await service.update({ id: created.id, note: 'two people' }, 'joão')).revision).toBe(2);
      await expect(service.update({ id: created.id, note: 'stale', expectedRevision: 1 }, 'ana')).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await nx.close();
    }
  });

  it('fills the window, priority and location from the category and the camera', async () => {
    const clock = new SimulatedClock(T0);
    const service = await openService(clock);
    const fire = await service.create({ cameraIds: ['cam-1', 'cam-2'], category: 'fire' }, 'maria');
    expect(fire).toMatchObject({
      time: T0,
      startTime: T0 - 60_000,
      endTime: T0 + 300_000,
      priority: 'critical',
      location: CAMERAS['cam-1']!.position,
      note: '',
      revision: 1,
      // Saved, and its delivery already started.
      delivery: 'delivering',
    });
    const placed = await service.create({ cameraIds: ['cam-2'], category: 'traffic', preRollS: 5, postRollS: 10, location: { lat: 1, lng: 2 }, priority: 'low' }, 'maria');
    expect(placed).toMatchObject({ startTime: T0 - 5000, endTime: T0 + 10_000, location: { lat: 1, lng: 2 }, priority: 'low' });
    const nowhere = await service.create({ cameraIds: ['cam-2'], category: 'traffic' }, 'maria');
    expect(nowhere.location).toBeNull();
  });

  it('refuses what it cannot store, saying why', async () => {
    const service = await openService(new SimulatedClock(T0));
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: BookmarkError) => e.code);
    expect(await code(service.create({ cameraIds: ['cam-404'], category: 'fire' }, 'maria'))).toBe('unknown_camera');
    expect(await code(service.create({ cameraIds: ['cam-1'], category: 'picnic' }, 'maria'))).toBe('unknown_category');
    expect(await code(service.create({ cameraIds: [], category: 'fire' }, 'maria'))).toBe('invalid_input');
    expect(await code(service.create({ cameraIds: ['cam-1'], category: 'fire' }, ''))).toBe('invalid_input');
    expect(await code(service.update({ id: '5b1d0c4e-8f2a-4c1b-9e3d-7a6f5e4d3c2b', note: 'x' }, 'maria'))).toBe('not_found');
    expect(await code(service.retry({ bookmarkId: '5b1d0c4e-8f2a-4c1b-9e3d-7a6f5e4d3c2b' }))).toBe('not_found');
  });

  it('has the bookmark on disk when create resolves', async () => {
    const service = await openService(new SimulatedClock(T0));
    const { id } = await service.create({ cameraIds: ['cam-1'], category: 'incident' }, 'maria');
    // A second reader of the same journal, as a restarted process would be.
    const reader = await BookmarkStore.open(dir);
    expect(reader.get(id)?.bookmark.id).toBe(id);
    await reader.close();
  });

  it('lists newest first, filtered by time, camera, category and delivery state, paged', async () => {
    const clock = new SimulatedClock(T0);
    hook.failAlways({ status: 422, body: { message: 'no' } }, /never/);
    const service = await openService(clock);
    const made: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      made.push((await service.create({ cameraIds: [i % 2 === 0 ? 'cam-1' : 'cam-2'], category: i < 3 ? 'incident' : 'traffic' }, 'maria')).id);
      await clock.advance(60_000, () => service.settled());
    }
    expect(service.list().items.map((b) => b.id)).toEqual([...made].reverse());
    expect(service.list({ cameraId: 'cam-1' }).total).toBe(3);
    expect(service.list({ category: 'traffic', cameraId: 'cam-2' }).items.map((b) => b.id)).toEqual([made[5], made[3]]);
    expect(service.list({ from: T0 + 60_000, to: T0 + 180_000 }).items.map((b) => b.id)).toEqual([made[2], made[1]]);
    expect(service.list({ delivery: 'delivered', targetId: 'hook' }).total).toBe(6);
    const page = service.list({ offset: 2, limit: 2 });
    expect(page).toMatchObject({ total: 6 });
    expect(page.items.map((b) => b.id)).toEqual([made[3], made[2]]);
    await expect(Promise.resolve().then(() => service.list({ limit: 0 }))).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const service = await openService(new SimulatedClock(T0));
    const seen: BookmarkEvent[] = [];
    const unsubscribe = service.onChange((e) => seen.push(e));
    await service.create({ cameraIds: ['cam-1'], category: 'incident' }, 'maria');
    await service.settled();
    const count = seen.length;
    expect(count).toBeGreaterThan(0);
    unsubscribe();
    await service.create({ cameraIds: ['cam-1'], category: 'incident' }, 'maria');
    await service.settled();
    expect(seen).toHaveLength(count);
  });
});
