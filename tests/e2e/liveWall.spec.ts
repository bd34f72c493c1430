import { expect, test } from '@playwright/test';
import { installFrameCounter, tileFrames } from './frameCounter';
import { startHost, type HostProcess } from '../support/webHostProcess';

let host: HostProcess;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});


test('all 16 tiles of screen 1 decode live frames from the simulator', async ({ page }) => {
  await installFrameCounter(page);
  await page.goto(`${host.url}/?screen=1`);
  await expect(page.locator('[data-tile]')).toHaveCount(16);
  const numbers = await page.$$eval('[data-tile]', (tiles) => tiles.map((t) => t.getAttribute('data-camera-number')));
  expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));

  await page.waitForFunction(() => document.querySelectorAll('[data-tile] video').length >= 16);
  const before = await tileFrames(page, 16);
  // Every tile's decoded-frame count (getVideoPlaybackQuality().totalVideoFrames) rises within 10 s.
  await expect.poll(async () => (await tileFrames(page, 16)).every((n, i) => n > before[i]! + 5), { timeout: 10_000 }).toBe(true);
  await expect(page.locator('[data-tile][data-state="live"]')).toHaveCount(16);
  // The tile says which camera it is.
  await expect(page.locator('[data-tile="0"] .tile__label')).toContainText('1');
});

test('screen 2 shows the next cameras', async ({ page }) => {
  await page.goto(`${host.url}/?screen=2`);
  await expect(page.locator('[data-tile="0"]')).toHaveAttribute('data-camera-number', '17');
});
