import { expect, test } from '@playwright/test';
import { RpcClient } from '../support/rpcClient';
import { installFrameCounter, tileFrames } from './frameCounter';
import { startHost, type HostProcess } from '../support/webHostProcess';

let host: HostProcess;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('maximizing a tile switches it to the main stream and back, never showing black', async ({ page }) => {
  await page.goto(`${host.url}/?screen=1&governor=off`);
  const tile = page.locator('[data-tile="5"]');
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  // A 4×4 tile on a 1280×720 page is 320×180: the substream fits.
  await expect(tile).toHaveAttribute('data-quality', 'sub');

  // Watch the tile from inside the page every 10 ms: the visible video must always hold a decoded
  // picture (videoWidth > 0 once a frame was decoded; a new, empty element has 0) — a black gap
  // would show as a sample without. (readyState is not used: it dips during a live-edge seek while
  // the last frame stays on screen.)
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number; __samples: number; __watch: boolean };
    w.__gaps = 0;
    w.__samples = 0;
    w.__watch = true;
    const check = () => {
      const video = document.querySelector<HTMLVideoElement>('[data-tile="5"] video:not(.tile__video--pending)');
      w.__samples++;
      if (!video || video.videoWidth === 0) w.__gaps++;
      if (w.__watch) setTimeout(check, 10);
    };
    check();
  });

  const rpc = await RpcClient.connect(host.url);
  await rpc.call('wall.dispatch', { action: { type: 'select', screenId: '1', cell: 5 } });
  await rpc.call('wall.dispatch', { action: { type: 'maximize.toggle', screenId: '1', cell: 5 } });
  await expect(tile).toHaveAttribute('data-quality', 'main');
  // The main stream's picture replaces the substream's once it has one.
  await expect.poll(() => tile.evaluate((t) => (t.querySelector('video:not(.tile__video--pending)') as HTMLVideoElement | null)?.videoWidth ?? 0), { timeout: 10_000 }).toBe(640);
  await expect(tile.locator('video')).toHaveCount(1);

  await rpc.call('wall.dispatch', { action: { type: 'maximize.toggle', screenId: '1', cell: 5 } });
  await expect(tile).toHaveAttribute('data-quality', 'sub');
  await expect.poll(() => tile.evaluate((t) => (t.querySelector('video:not(.tile__video--pending)') as HTMLVideoElement | null)?.videoWidth ?? 0), { timeout: 10_000 }).toBe(320);
  rpc.close();

  const { gaps, samples } = await page.evaluate(() => {
    const w = window as unknown as { __gaps: number; __samples: number; __watch: boolean };
    w.__watch = false;
    return { gaps: w.__gaps, samples: w.__samples };
  });
  // The watcher really ran through both switches (timers are coarse on a busy page).
  expect(samples).toBeGreaterThan(10);
  expect(gaps).toBe(0);
});

test('keyframes only (the governor’s last step) reaches the page through the web host: every tile live, a fraction of the frames', async ({ browser }) => {
  // Two pages on the same 16 cameras, one held at the governor's last step (degrade=2).
  const rates: Record<string, number[]> = {};
  for (const [name, query] of [['full', ''], ['keyframes', '&degrade=2']] as const) {
    const page = await browser.newPage();
    await installFrameCounter(page);
    await page.goto(`${host.url}/?screen=1&governor=off${query}`);
    await expect(page.locator('[data-tile][data-state="live"]')).toHaveCount(16, { timeout: 20_000 });
    if (name === 'keyframes') await expect(page.locator('[data-tile][data-degraded="2"]')).toHaveCount(16);
    const before = await tileFrames(page, 16);
    await page.waitForTimeout(4000);
    const after = await tileFrames(page, 16);
    rates[name] = after.map((n, i) => n - before[i]!);
    await page.close();
  }
  const full = rates.full!;
  const keyframes = rates.keyframes!;
  // Every degraded tile still advances (a keyframe a GOP), at well under a third of the full rate.
  expect(keyframes.every((n) => n >= 1), `keyframe-only frames per tile: ${keyframes.join(',')}`).toBe(true);
  const sum = (a: number[]) => a.reduce((s, n) => s + n, 0);
  expect(sum(keyframes), `full ${full.join(',')} vs keyframes ${keyframes.join(',')}`).toBeLessThan(sum(full) / 3);
});
