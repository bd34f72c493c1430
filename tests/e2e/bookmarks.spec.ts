import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AccountService } from '../../main/services/accounts/accountService';
import { createFileKeyCipher } from '../../main/services/secrets/fileKeyCipher';
import { SecretStore } from '../../main/services/secrets/secretStore';
import { RpcClient } from '../support/rpcClient';
import { tempDirWith, testSite } from '../support/testSite';
import { TestWebhookServer, type WebhookDelivery } from '../support/vms/testWebhookServer';
import { startHost, type HostProcess } from '../support/webHostProcess';

/**
 * Issue 6 end to end: the real web host (CLI) with a site whose VMS is a local webhook receiver
 * that checks signatures; an operator in Chromium bookmarks a tile with one key, the receiver
 * gets it, and the console's incident list shows it delivered. A script does the same over the
 * host's JSON-RPC API.
 */

const SECRET = 'evidence-hmac-key-e2e-0123456789';
const OPERATOR = { username: 'ana', password: 'Operator shift 1234 ok' };
const SUPERVISOR = { username: 'sam', password: 'Supervisor shift 1234 ok' };
// Outside test-results/, which every Playwright run empties first.
const SHOTS = join(import.meta.dirname, '..', '..', '.tmp', 'screenshots', 'bookmarks');

let host: HostProcess;
let hook: TestWebhookServer;

test.beforeAll(async () => {
  hook = await TestWebhookServer.start({ secret: SECRET });
  const dir = tempDirWith();
  const dataDir = join(dir, 'data');
  const accounts = await AccountService.open({ dataDir });
  expect((await accounts.createFirstAdmin({ username: 'admin', password: 'Watchtower at dawn 1234' })).ok).toBe(true);
  expect((await accounts.createUser({ ...OPERATOR, role: 'operator', groups: ['*'] })).ok).toBe(true);
  expect((await accounts.createUser({ ...SUPERVISOR, role: 'supervisor', groups: ['*'] })).ok).toBe(true);
  // The administrator stores the webhook's HMAC key in the data dir's credential store before the
  // host starts; the web host opens it with the same file-key cipher.
  const secrets = await SecretStore.open({ dataDir, cipher: await createFileKeyCipher(dataDir) });
  await secrets.set('evidence-hmac', SECRET);
  const site = join(dir, 'site.json');
  writeFileSync(site, JSON.stringify({ ...testSite(4), vms: [{ id: 'evidence', name: 'Evidence store', type: 'webhook', url: `${hook.url}/atalaya`, secretRef: 'evidence-hmac', timeoutMs: 2000 }] }));
  host = await startHost({ args: ['--site', site], dataDir });
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await hook?.close();
});

async function signIn(page: Page, user: { username: string; password: string }, query: string): Promise<void> {
  await page.goto(`${host.url}/${query}`);
  await page.getByLabel(/username/i).fill(user.username);
  await page.getByLabel(/password/i).fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
}

function box(b: { x: number; y: number; width: number; height: number } | null) {
  expect(b).not.toBeNull();
  return b!;
}
const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The request the receiver stored for `delivery`, to check its signature over the raw body. */
function rawRequest(delivery: WebhookDelivery) {
  return hook.requests.find((r) => r.headers['idempotency-key'] === delivery.key)!;
}

test('select a tile, press B, type a note, Enter: the webhook gets it signed with the device id and window; the console shows it delivered', async ({ browser }) => {
  const console_ = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await signIn(console_, SUPERVISOR, '?view=console&screen=1');
  await expect(console_.locator('[data-panel="incidents"] [data-target-id="evidence"]')).toBeVisible();

  const wall = await browser.newPage();
  await signIn(wall, OPERATOR, '?screen=1');
  const tile = wall.locator('[data-tile="1"]');
  await expect(tile).toHaveAttribute('data-camera-id', 'cam-02');
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await tile.click();
  await expect(tile).toHaveClass(/tile--selected/);

  const pressedFrom = Date.now();
  await wall.keyboard.press('b');
  const pressedTo = Date.now();
  const form = wall.locator('[data-bookmark-form="create"]');
  await expect(form).toBeVisible();
  await expect(wall.locator('[data-bookmark-placement="float"]')).toBeVisible();
  await expect(form.locator('[data-bookmark-cameras]')).toContainText('Camera 2');
  // The form is beside the tile it is about, not over it.
  expect(overlaps(box(await form.boundingBox()), box(await tile.boundingBox()))).toBe(false);
  await expect(form.locator('[data-bookmark-note]')).toBeFocused();
  await wall.keyboard.type('Two people fighting near the kiosk');
  await wall.screenshot({ path: join(SHOTS, 'form-over-wall.png') });
  await wall.keyboard.press('Enter');

  // "Saved" only once main answered (after its fsync); the form is gone.
  await expect(wall.locator('[data-bookmark-saved]')).toBeVisible();
  await expect(form).toHaveCount(0);
  const id = await wall.locator('[data-bookmark-saved]').getAttribute('data-bookmark-saved');

  await expect.poll(() => hook.deliveriesOf(id!).length, { timeout: 15_000 }).toBe(1);
  const delivery = hook.deliveriesOf(id!)[0]!;
  expect(delivery.key).toBe(id);
  expect(delivery.body).toMatchObject({
    schema: 'atalaya.bookmark/1',
    event: 'bookmark.created',
    id,
    note: 'Two people fighting near the kiosk',
    operator: 'ana',
    category: { id: 'incident' },
    cameras: [{ id: 'cam-02', name: 'Camera 2', vmsDeviceId: 'dev-2' }],
  });
  // Incident: 30 s before and 60 s after the key press (not the Enter, seconds later).
  const start = Date.parse(delivery.body.startTime as string);
  const end = Date.parse(delivery.body.endTime as string);
  expect(start).toBeGreaterThanOrEqual(pressedFrom - 30_000 - 1000);
  expect(start).toBeLessThanOrEqual(pressedTo - 30_000 + 1000);
  expect(Math.abs(end - start - 90_000)).toBeLessThanOrEqual(1000);
  const raw = rawRequest(delivery);
  expect(raw.headers['x-atalaya-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(raw.body).digest('hex')}`);

  // The toast follows the delivery; the console lists it delivered, pushed without a reload.
  await expect(wall.locator('[data-bookmark-saved] [data-delivery]')).toHaveAttribute('data-delivery', 'delivered');
  const row = console_.locator(`[data-incident-list] [data-bookmark-id="${id}"]`);
  await expect(row).toHaveAttribute('data-delivery', 'delivered');
  await expect(row).toContainText('Two people fighting near the kiosk');
  await expect(console_.locator('[data-target-id="evidence"]')).toHaveAttribute('data-target-state', 'connected');
  await row.locator('.incident__main').click();
  await expect(row.locator('[data-delivery-target="evidence"]')).toHaveAttribute('data-delivery-state', 'delivered');
  await console_.locator('[data-panel="incidents"]').screenshot({ path: join(SHOTS, 'incident-list.png') });
  await console_.screenshot({ path: join(SHOTS, 'console.png') });

  // Edit it from the toast: the edit is delivered too, as revision 2.
  await wall.locator('[data-bookmark-edit]').click();
  const edit = wall.locator('[data-bookmark-form="edit"]');
  await expect(edit.locator('[data-bookmark-note]')).toHaveValue('Two people fighting near the kiosk');
  await edit.locator('[data-bookmark-note]').fill('Fight over, one person injured');
  await wall.keyboard.press('Enter');
  await expect.poll(() => hook.deliveries.get(`${id}:2`)?.body.note, { timeout: 15_000 }).toBe('Fight over, one person injured');
  await expect(row).toContainText('Fight over, one person injured');
});

test('Ctrl+click adds tiles to one bookmark; on a maximized tile the form goes to a rail beside it; Esc cancels', async ({ page }) => {
  await signIn(page, OPERATOR, '?screen=1');
  await page.locator('[data-tile="0"]').click();
  await page.locator('[data-tile="2"]').click({ modifiers: ['Control'] });
  await expect(page.locator('.wall-cell.bookmark-marked')).toHaveCount(2);
  await page.keyboard.press('b');
  const form = page.locator('[data-bookmark-form="create"]');
  await expect(form.locator('.bookmark-chip')).toHaveCount(2);
  for (const cell of ['0', '2']) expect(overlaps(box(await form.boundingBox()), box(await page.locator(`[data-tile="${cell}"]`).boundingBox()))).toBe(false);
  await form.locator('.bookmark-category', { hasText: 'Traffic' }).click();
  await form.locator('[data-bookmark-note]').fill('Collision at the crossing, both directions');
  await page.keyboard.press('Enter');
  const id = await page.locator('[data-bookmark-saved]').getAttribute('data-bookmark-saved');
  const cameraIds = () => (hook.deliveriesOf(id!)[0]?.body.cameras as Array<{ id: string; vmsDeviceId: string }> | undefined)?.map((c) => `${c.id}=${c.vmsDeviceId}`).sort();
  await expect.poll(cameraIds, { timeout: 15_000 }).toEqual(['cam-01=dev-1', 'cam-03=dev-3']);

  // A maximized tile fills the screen: the form takes a rail and the wall narrows beside it.
  await page.locator('[data-tile="3"]').click();
  await page.keyboard.press('m');
  await expect(page.locator('[data-tile="3"]')).toHaveClass(/tile--selected/);
  await expect(page.locator('[data-tile="0"]')).toBeHidden();
  await page.keyboard.press('b');
  await expect(page.locator('[data-bookmark-placement="rail"]')).toBeVisible();
  const railForm = page.locator('[data-bookmark-form="create"]');
  await expect.poll(async () => overlaps(box(await railForm.boundingBox()), box(await page.locator('[data-tile="3"]').boundingBox()))).toBe(false);
  await page.screenshot({ path: join(SHOTS, 'form-rail-maximized.png') });
  const before = hook.requests.length;
  await page.keyboard.press('Escape');
  await expect(railForm).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(hook.requests.length).toBe(before);
});

test('a script bookmarks through the web host’s JSON-RPC API and follows its delivery', async () => {
  const rpc = await RpcClient.connect(host.url);
  await expect(rpc.call('bookmarks.create', { cameraIds: ['cam-03'], category: 'traffic' })).rejects.toThrow(/^unauthenticated/);
  await rpc.call('auth.login', OPERATOR);
  const { categories } = await rpc.call<{ categories: Array<{ id: string }> }>('bookmarks.categories');
  expect(categories.map((c) => c.id)).toContain('traffic');
  const created = await rpc.call<{ id: string; revision: number; cameraIds: string[]; startTime: number; endTime: number }>('bookmarks.create', {
    cameraIds: ['cam-04'],
    category: 'traffic',
    note: 'Bus stalled in the left lane (from the dispatch script)',
    priority: 'high',
    preRollS: 10,
    postRollS: 20,
  });
  expect(created.endTime - created.startTime).toBe(30_000);
  await expect.poll(() => hook.deliveriesOf(created.id)[0]?.body.cameras, { timeout: 15_000 }).toEqual([{ id: 'cam-04', name: 'Camera 4', vmsDeviceId: 'dev-4' }]);
  await expect
    .poll(() => rpc.notifications.some((n) => n.method === 'bookmarks.changed' && (n.params as { bookmarks: Array<{ id: string; delivery: string }> }).bookmarks.some((b) => b.id === created.id && b.delivery === 'delivered')))
    .toBe(true);
  const list = await rpc.call<{ items: Array<{ id: string; delivery: string }> }>('bookmarks.list', { cameraId: 'cam-04' });
  expect(list.items.find((i) => i.id === created.id)?.delivery).toBe('delivered');
  rpc.close();
});

test('a VMS that fails shows "retrying in N s" with its reason; manual retry delivers once it is back', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await signIn(page, SUPERVISOR, '?view=console&screen=1');
  const target = page.locator('[data-target-id="evidence"]');
  await expect(target).toBeVisible();

  hook.failAlways({ status: 503, body: { message: 'evidence store is being upgraded' } });
  const rpc = await RpcClient.connect(host.url);
  await rpc.call('auth.login', OPERATOR);
  const created = await rpc.call<{ id: string }>('bookmarks.create', { cameraIds: ['cam-01'], category: 'suspicious', note: 'Person trying car doors' });
  await expect(target).toHaveAttribute('data-target-state', 'retrying', { timeout: 15_000 });
  await expect(target).toContainText(/Retrying in \d+ s/);
  await expect(target).toContainText('evidence store is being upgraded');
  await expect(page.locator(`[data-incident-list] [data-bookmark-id="${created.id}"]`)).toHaveAttribute('data-delivery', 'retrying');
  await page.locator('[data-panel="incidents"]').screenshot({ path: join(SHOTS, 'incident-list-retrying.png') });

  hook.behave();
  await target.locator('[data-action="retry-target"]').click();
  await expect(page.locator(`[data-incident-list] [data-bookmark-id="${created.id}"]`)).toHaveAttribute('data-delivery', 'delivered', { timeout: 15_000 });
  await expect(target).toHaveAttribute('data-target-state', 'connected');
  expect(hook.deliveriesOf(created.id)).toHaveLength(1);

  // Filters: the category filter keeps only that bookmark; CSV export downloads it.
  await page.locator('[data-filter="category"]').selectOption('suspicious');
  await expect(page.locator('[data-incident-list] > li')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.locator('[data-export="csv"]').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);

  // B in the console works on its target screen's selected tile; the form sits at the side,
  // there is no video here to cover.
  const cell = page.locator('[data-schematic="full"] .schematic__cell').nth(3);
  await cell.click();
  await expect(cell).toHaveClass(/schematic__cell--selected/);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('b');
  await expect(page.locator('[data-bookmark-placement="rail"] [data-bookmark-cameras]')).toContainText('Camera 4');
  await page.screenshot({ path: join(SHOTS, 'console-form.png') });
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-bookmark-form]')).toHaveCount(0);
  rpc.close();
});
