import { createHmac } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookmarkView } from '../../../../../common/bookmarks/bookmarkSchemas';
import type { BookmarksChanged, BookmarkTargets } from '../../../../../common/contract/methods/bookmarks';
import type { Result } from '../../../../../common/contract/result';
import type { SiteInput } from '../../../../../common/site/siteSchema';
import { AccountService } from '../../../../../main/services/accounts/accountService';
import { createCore, type Core } from '../../../../../main/services/core';
import { DEFAULT_RESOURCES_DIR } from '../../../../../main/services/paths';
import { createFileKeyCipher } from '../../../../../main/services/secrets/fileKeyCipher';
import { SecretStore } from '../../../../../main/services/secrets/secretStore';
import { openNodeSettings } from '../../../../../main/services/settings/settingsStore';
import { tempDirWith, testSite } from '../../../../support/testSite';
import { TestWebhookServer } from '../../../../support/vms/testWebhookServer';

/**
 * The bookmark methods as a client reaches them: through main's dispatcher and gate, with real
 * accounts, the real journal in a temp data dir and a local webhook receiver.
 */

const SECRET = 'evidence-hmac-key-0123456789';
const USERS = {
  admin: { username: 'admin', password: 'Watchtower at dawn 1234' },
  ana: { username: 'ana', password: 'Operator shift 1234 ok' },
  sam: { username: 'sam', password: 'Supervisor shift 1234 ok' },
};

let dir: string;
let dataDir: string;
let core: Core;
let hook: TestWebhookServer;
let spare: TestWebhookServer;
const events: BookmarksChanged[] = [];

function site(vms: SiteInput['vms']): SiteInput {
  const base = testSite(4);
  // cam-04 belongs to a group the operator is not in.
  base.cameras[3] = { ...base.cameras[3]!, group: 'port' };
  return { ...base, vms };
}

const hookTarget = () => ({ id: 'evidence', name: 'Evidence store', type: 'webhook' as const, url: `${hook.url}/atalaya`, secretRef: 'evidence-hmac', timeoutMs: 1000 });

async function call<T>(who: keyof typeof USERS | 'nobody', method: string, params: unknown = {}): Promise<Result<T>> {
  return core.dispatcher.call(method, params, { transport: 'ws', clientId: `client-${who}` }) as Promise<Result<T>>;
}

async function value<T>(who: keyof typeof USERS, method: string, params: unknown = {}): Promise<T> {
  const result = await call<T>(who, method, params);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined && got !== false) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function auditEntries(): Promise<Array<{ action: string; actor: { username?: string }; details?: Record<string, unknown> }>> {
  return (await readFile(join(dataDir, 'audit.log'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  hook = await TestWebhookServer.start({ secret: SECRET });
  spare = await TestWebhookServer.start({ secret: 'spare-secret-abcdefgh' });
  dir = tempDirWith({ 'site.json': site([hookTarget()]) });
  dataDir = join(dir, 'data');
  const accounts = await AccountService.open({ dataDir });
  expect((await accounts.createFirstAdmin(USERS.admin)).ok).toBe(true);
  expect((await accounts.createUser({ ...USERS.ana, role: 'operator', groups: ['default'] })).ok).toBe(true);
  expect((await accounts.createUser({ ...USERS.sam, role: 'supervisor', groups: ['*'] })).ok).toBe(true);
  // The administrator stored the webhook's key before the app started (same cipher as main's).
  const secrets = await SecretStore.open({ dataDir, cipher: await createFileKeyCipher(dataDir) });
  await secrets.set('evidence-hmac', SECRET);

  core = await createCore({
    dataDir,
    resourcesDir: DEFAULT_RESOURCES_DIR,
    settings: openNodeSettings(dataDir).store,
    sitePathOverride: join(dir, 'site.json'),
    simulatorBase: null,
    version: '0.0.0-test',
    transport: 'ws',
  });
  core.hub.subscribe((event, payload) => {
    if (event === 'bookmarks.changed') events.push(payload as BookmarksChanged);
  });
  for (const who of Object.keys(USERS) as Array<keyof typeof USERS>) await value(who, 'auth.login', USERS[who]);
}, 60_000);

afterAll(async () => {
  await core?.close();
  await hook?.close();
  await spare?.close();
});

describe('bookmarks over the contract', () => {
  let first: BookmarkView;

  it('an operator bookmarks a camera; the webhook gets it signed, with the device id and the window from the keystroke', async () => {
    const before = Date.now();
    first = await value<BookmarkView>('ana', 'bookmarks.create', { cameraIds: ['cam-01'], category: 'incident', note: 'Two people fighting, near the kiosk', markedAgoMs: 20_000 });
    const after = Date.now();
    expect(first).toMatchObject({ revision: 1, cameraIds: ['cam-01'], category: 'incident', priority: 'high', operator: 'ana', location: { lat: -34.6, lng: -58.38 } });
    // Incident: 30 s before, 60 s after the key press, which was 20 s before the call.
    expect(first.startTime).toBeGreaterThanOrEqual(before - 20_000 - 30_000 - 500);
    expect(first.startTime).toBeLessThanOrEqual(after - 20_000 - 30_000 + 500);
    expect(first.endTime - first.startTime).toBe(90_000);

    const delivery = await until(() => hook.deliveriesOf(first.id)[0], 'the webhook delivery');
    expect(delivery.key).toBe(first.id);
    expect(delivery.body).toMatchObject({ id: first.id, note: 'Two people fighting, near the kiosk', operator: 'ana', cameras: [{ id: 'cam-01', name: 'Camera 1', vmsDeviceId: 'dev-1' }] });
    expect(Date.parse(delivery.body.startTime as string)).toBe(first.startTime);
    const raw = hook.requests.find((r) => r.headers['idempotency-key'] === first.id)!;
    expect(raw.headers['x-atalaya-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(raw.body).digest('hex')}`);

    const listed = await until(async () => {
      const list = await value<{ items: BookmarkView[] }>('ana', 'bookmarks.list', {});
      const item = list.items.find((i) => i.id === first.id);
      return item?.delivery === 'delivered' ? item : undefined;
    }, 'delivered in the list');
    expect(listed.deliveries.evidence).toMatchObject({ state: 'delivered', revision: 1 });

    const audit = await auditEntries();
    expect(audit.find((e) => e.action === 'bookmark.created')).toMatchObject({ actor: { username: 'ana' }, details: { bookmarkId: first.id, cameraIds: ['cam-01'] } });
  });

  it('pushes batched bookmarks.changed events that carry the delivery state but not the note', async () => {
    const mine = await until(() => events.flatMap((e) => e.bookmarks).find((b) => b.id === first.id && b.delivery === 'delivered'), 'a delivered change');
    expect(mine).not.toHaveProperty('note');
    expect(mine).not.toHaveProperty('operator');
    expect(events.some((e) => e.targets.some((t) => t.targetId === 'evidence' && t.state === 'connected'))).toBe(true);
    expect(JSON.stringify(events)).not.toContain('kiosk');
    // Fewer events than changes: creation, delivering and delivered came in at most a few events.
    expect(events.length).toBeLessThan(6);
  });

  it('refuses a camera outside the operator’s groups, audits it, and hides such bookmarks from the operator', async () => {
    const refused = await call('ana', 'bookmarks.create', { cameraIds: ['cam-01', 'cam-04'], category: 'incident' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await auditEntries()).some((e) => e.action === 'permission.denied' && e.details?.method === 'bookmarks.create' && e.details?.cameraGroup === 'port')).toBe(true);

    const port = await value<BookmarkView>('admin', 'bookmarks.create', { cameraIds: ['cam-04'], category: 'traffic' });
    const operatorList = await value<{ items: BookmarkView[]; total: number }>('ana', 'bookmarks.list', {});
    expect(operatorList.items.map((i) => i.id)).not.toContain(port.id);
    expect(operatorList.total).toBe(operatorList.items.length);
    expect((await value<{ items: BookmarkView[] }>('ana', 'bookmarks.get', { ids: [port.id, first.id] })).items.map((i) => i.id)).toEqual([first.id]);
    expect((await value<{ items: BookmarkView[] }>('admin', 'bookmarks.list', {})).items.map((i) => i.id)).toContain(port.id);
    expect(await call('ana', 'bookmarks.update', { id: port.id, note: 'mine now' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('nobody', 'bookmarks.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('an edit is a new revision, delivered with its own key, and audited', async () => {
    const edited = await value<BookmarkView>('ana', 'bookmarks.update', { id: first.id, note: 'Fight over; one person injured', priority: 'critical', expectedRevision: 1 });
    expect(edited).toMatchObject({ revision: 2, priority: 'critical', updatedBy: 'ana', startTime: first.startTime });
    const delivery = await until(() => hook.deliveries.get(`${first.id}:2`), 'the edit at the webhook');
    expect(delivery.body).toMatchObject({ event: 'bookmark.updated', revision: 2, note: 'Fight over; one person injured' });
    expect(await call('ana', 'bookmarks.update', { id: first.id, note: 'stale', expectedRevision: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await auditEntries()).some((e) => e.action === 'bookmark.updated' && e.details?.bookmarkId === first.id)).toBe(true);
  });

  it('reports bad input as data', async () => {
    expect(await call('ana', 'bookmarks.create', { cameraIds: ['cam-01'], category: 'parade' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('ana', 'bookmarks.create', { cameraIds: ['cam-99'], category: 'incident' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('ana', 'bookmarks.create', { cameraIds: [], category: 'incident' })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(await call('ana', 'bookmarks.update', { id: '00000000-0000-4000-8000-000000000000', note: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a 4xx is shown failed with the VMS’s message and not retried; a manual retry delivers it', async () => {
    hook.failNext({ status: 422, body: { message: 'camera dev-2 is not recorded here' } });
    const b = await value<BookmarkView>('ana', 'bookmarks.create', { cameraIds: ['cam-02'], category: 'traffic' });
    const failed = await until(async () => {
      const [item] = (await value<{ items: BookmarkView[] }>('ana', 'bookmarks.get', { ids: [b.id] })).items;
      return item?.delivery === 'failed' ? item : undefined;
    }, 'the refusal');
    expect(failed.deliveries.evidence).toMatchObject({ state: 'failed', status: 422, message: expect.stringContaining('camera dev-2 is not recorded here') });
    const targets = await value<BookmarkTargets>('ana', 'bookmarks.targets');
    expect(targets.targets[0]).toMatchObject({ targetId: 'evidence', state: 'failing', failed: 1, lastError: expect.stringContaining('not recorded') });
    const attempts = hook.requests.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(hook.requests.length).toBe(attempts);

    expect(await value('ana', 'bookmarks.retry', { bookmarkId: b.id })).toEqual({ retried: 1 });
    await until(() => hook.deliveries.get(b.id), 'the retried delivery');
    expect((await auditEntries()).some((e) => e.action === 'bookmark.retried' && e.details?.bookmarkId === b.id)).toBe(true);
  });

  it('exports CSV and GeoJSON for those allowed to export', async () => {
    await value('ana', 'bookmarks.create', { cameraIds: ['cam-03'], category: 'other', note: '=HYPERLINK("http://x") "quoted", two\nlines' });
    expect(await call('ana', 'bookmarks.export', { format: 'csv' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const csv = await value<{ text: string; count: number; fileName: string; mimeType: string }>('sam', 'bookmarks.export', { format: 'csv', filter: { category: 'other' }, language: 'es' });
    expect(csv.fileName).toMatch(/^atalaya-incidents-\d{8}-\d{6}\.csv$/);
    expect(csv.count).toBe(1);
    expect(csv.text.startsWith('\uFEFFid,revision,time,')).toBe(true);
    expect(csv.text).toContain('"\'=HYPERLINK(""http://x"") ""quoted"", two\nlines"');
    expect(csv.text).toContain(',Otro,');
    expect(csv.text).toContain(',delivery_evidence,delivery_evidence_detail');

    const geo = await value<{ text: string; count: number }>('sam', 'bookmarks.export', { format: 'geojson', filter: { cameraId: 'cam-01' } });
    const collection = JSON.parse(geo.text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0]).toMatchObject({ type: 'Feature', id: first.id, geometry: { type: 'Point', coordinates: [-58.38, -34.6] }, properties: { cameras: [{ id: 'cam-01', vmsDeviceId: 'dev-1' }], delivery: 'delivered' } });
    expect((await auditEntries()).filter((e) => e.action === 'export.created' && e.details?.kind === 'bookmarks')).toHaveLength(2);
  });

  it('a new VMS target from a site change is used at once; its credential is written, audited and never shown back', async () => {
    await writeFile(join(dir, 'site2.json'), JSON.stringify(site([hookTarget(), { id: 'spare', type: 'webhook', url: `${spare.url}/in`, secretRef: 'spare-hmac', timeoutMs: 1000 }])));
    await value('admin', 'site.load', { path: join(dir, 'site2.json') });
    const targets = await until(async () => {
      const t = await value<BookmarkTargets>('ana', 'bookmarks.targets');
      return t.targets.length === 2 ? t : undefined;
    }, 'two targets');
    expect(targets.credentialStore).toMatchObject({ secure: false });
    expect(targets.targets.map((t) => [t.targetId, t.credential])).toEqual([
      ['evidence', 'set'],
      ['spare', 'missing'],
    ]);

    const b = await value<BookmarkView>('ana', 'bookmarks.create', { cameraIds: ['cam-02'], category: 'medical' });
    const failed = await until(async () => {
      const [item] = (await value<{ items: BookmarkView[] }>('ana', 'bookmarks.get', { ids: [b.id] })).items;
      return item?.deliveries.spare?.state === 'failed' ? item : undefined;
    }, 'a failure for want of the credential');
    expect(failed.deliveries.spare).toMatchObject({ message: expect.stringContaining('spare-hmac') });

    expect(await call('ana', 'bookmarks.setCredential', { targetId: 'spare', value: 'spare-secret-abcdefgh' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const after = await value<BookmarkTargets>('admin', 'bookmarks.setCredential', { targetId: 'spare', value: 'spare-secret-abcdefgh' });
    expect(after.targets.find((t) => t.targetId === 'spare')?.credential).toBe('set');
    expect(JSON.stringify(after)).not.toContain('spare-secret-abcdefgh');
    // Setting it retried what had failed for want of it.
    await until(() => spare.deliveries.get(b.id), 'the delivery with the new credential');
    const audit = await readFile(join(dataDir, 'audit.log'), 'utf8');
    expect(audit).toContain('"action":"secret.changed"');
    expect(audit).not.toContain('spare-secret-abcdefgh');
    expect(await readFile(join(dataDir, 'secrets.json'), 'utf8')).not.toContain('spare-secret-abcdefgh');
  });
});
