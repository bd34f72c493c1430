import { expect, test, type Page } from '@playwright/test';
import { RpcClient } from '../support/rpcClient';
import { startHost, type HostProcess } from '../support/webHostProcess';

let host: HostProcess;
// These tests are about reconnects and teardown; the overload governor (which may legitimately
// switch streams on a loaded CI machine) is kept out of them so what they count is unambiguous.
const WALL = '/?screen=1&governor=off';

test.beforeAll(async () => {
  // The built-in demo site (cam-01… in call-up order on screen 1), with the simulator's fault control.
  host = await startHost({ args: ['--sim-control'] });
});

test.afterAll(async () => {
  await host?.stop();
});

async function setFault(cameraId: string, mode: 'down' | 'garbage' | null): Promise<void> {
  const response = await fetch(`${host.url}/sim/cameras/${cameraId}/fault`, { method: 'POST', body: JSON.stringify({ mode }), headers: { 'Content-Type': 'application/json' } });
  expect(response.ok).toBe(true);
}

async function frames(page: Page): Promise<number[]> {
  return page.$$eval('[data-tile]', (tiles) =>
    tiles.map((t) => {
      const video = t.querySelector('video:not(.tile__video--pending)') as HTMLVideoElement | null;
      return video ? video.getVideoPlaybackQuality().totalVideoFrames : -1;
    }),
  );
}

async function allLive(page: Page, count: number): Promise<void> {
  await expect(page.locator('[data-tile][data-state="live"]')).toHaveCount(count, { timeout: 20_000 });
}

test('a camera down for 5 s shows reconnecting, is live again within 3 s of its return, and the others never stop', async ({ page }) => {
  await page.goto(`${host.url}${WALL}`);
  await allLive(page, 16);
  const tile = page.locator('[data-tile="2"]');
  await expect(tile).toHaveAttribute('data-camera-id', 'cam-03');

  await setFault('cam-03', 'down');
  const downAt = Date.now();
  await expect(tile).toHaveAttribute('data-state', /reconnecting|offline/, { timeout: 3000 });
  await expect(tile.locator('[role="status"]')).toContainText(/attempt|intento|tentativa/);

  // Others keep decoding through the outage: sample twice, 2 s apart.
  const during1 = await frames(page);
  await page.waitForTimeout(2000);
  const during2 = await frames(page);
  for (let i = 0; i < 16; i++) if (i !== 2) expect(during2[i]!, `tile ${i}`).toBeGreaterThan(during1[i]! + 10);
  await expect(page.locator('[data-tile][data-state="live"]')).toHaveCount(15);

  await page.waitForTimeout(Math.max(0, 5000 - (Date.now() - downAt)));
  await setFault('cam-03', null);
  const backAt = Date.now();
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 3000 });
  expect(Date.now() - backAt).toBeLessThan(3000);
  await allLive(page, 16);
});

test('a stream of garbage bytes puts that tile in error while the others keep playing', async ({ page }) => {
  await page.goto(`${host.url}${WALL}`);
  await allLive(page, 16);
  await setFault('cam-05', 'garbage');
  // The garbage starts with the next connection: drop the current one by a short outage.
  await setFault('cam-05', 'down');
  await page.waitForTimeout(300);
  await setFault('cam-05', 'garbage');
  const tile = page.locator('[data-tile="4"]');
  await expect(tile).toHaveAttribute('data-state', 'error', { timeout: 10_000 });
  await expect(tile.locator('[role="status"]')).toContainText(/video|format/i);
  const before = await frames(page);
  await page.waitForTimeout(1500);
  const after = await frames(page);
  for (let i = 0; i < 16; i++) if (i !== 4) expect(after[i]!, `tile ${i}`).toBeGreaterThan(before[i]!);
  await setFault('cam-05', null);
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 10_000 });
});

test('500 layout switches leave exactly one player and MediaSource per tile, and the heap bounded', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`${host.url}${WALL}`);
  await allLive(page, 16);
  const rpc = await RpcClient.connect(host.url);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  };
  // Two saved views with different cameras, so every switch tears down and builds 16 players,
  // with a 9-tile layout in between now and then.
  await rpc.call('wall.dispatch', { action: { type: 'layout.save', name: 'A', shared: false, source: { kind: 'screen', screenId: '1' } } });
  await rpc.call('wall.dispatch', { action: { type: 'layout.save', name: 'B', shared: false, source: { kind: 'screen', screenId: '2' } } });
  const { state } = await rpc.call<{ state: { layouts: Array<{ id: string; name: string }> } }>('wall.get');
  const idOf = (name: string) => state.layouts.find((l) => l.name === name)!.id;
  const views = [{ kind: 'saved', layoutId: idOf('A') }, { kind: 'saved', layoutId: idOf('B') }, { kind: 'saved', layoutId: idOf('A') }, { kind: 'preset', preset: '9' }, { kind: 'saved', layoutId: idOf('B') }];
  const switchTo = (i: number) => rpc.call('wall.dispatch', { action: { type: 'screen.setLayout', screenId: '1', layout: views[i % views.length] } });

  for (let i = 0; i < 20; i++) await switchTo(i);
  await switchTo(0);
  await allLive(page, 16);
  await page.waitForTimeout(1000);
  const baseline = await heap();
  for (let i = 20; i < 500; i++) {
    await switchTo(i);
    // Give the page a moment to render each layout: players are created and torn down for real.
    await page.waitForTimeout(30);
  }
  // End on a 16-camera view, let it settle live.
  await rpc.call('wall.dispatch', { action: { type: 'screen.setLayout', screenId: '1', layout: { kind: 'saved', layoutId: idOf('B') } } });
  await allLive(page, 16);
  await page.waitForTimeout(1000);
  const counters = await page.evaluate(() => (window as unknown as { __atalayaDebug: { snapshot(): Record<string, number> } }).__atalayaDebug.snapshot());
  // One socket to the host carries every tile's stream: exactly one channel per tile is left open.
  expect(counters).toEqual({ players: 16, mediaSources: 16, videosWithSource: 16, hostStreamSockets: 1, hostStreamChannels: 16 });
  const grown = (await heap()) - baseline;
  // Bound: 16 MB of JS heap growth over 480 switches (a leaked player holds several MB each).
  console.log(`heap growth after 480 switches: ${(grown / 1e6).toFixed(1)} MB`);
  expect(grown).toBeLessThan(16e6);
  rpc.close();
});
