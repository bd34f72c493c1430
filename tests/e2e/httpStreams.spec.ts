import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_RESOURCES_DIR } from '../../main/services/paths';
import { createSimulator, demoCameraIds, type Simulator } from '../../main/services/simulator/simulator';
import { tempDirWith, testSite } from '../support/testSite';
import { startHost, type HostProcess } from '../support/webHostProcess';
import { installFrameCounter, tileFrames } from './frameCounter';

/**
 * 16 HTTP-FLV cameras behind one host (a separate simulator process stands in for the gateway).
 * Chromium opens at most 6 HTTP/1.1 connections per host, so played directly the 7th tile stalls;
 * through the web host's stream multiplexer (one WebSocket per page) all 16 play.
 */
let simulator: Simulator;
let host: HostProcess;

test.beforeAll(async () => {
  const ids = demoCameraIds(16);
  simulator = createSimulator({ cameras: ids.map((id) => ({ id })), clipsDir: join(DEFAULT_RESOURCES_DIR, 'demo', 'clips') });
  const gateway = await simulator.listen(0, '127.0.0.1');
  const site = testSite(16);
  site.cameras.forEach((camera, i) => {
    camera.streams = [{ url: `${gateway}/live/${ids[i]}/sub.flv`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 }];
  });
  const dir = tempDirWith({ 'site.json': site });
  host = await startHost({ args: ['--site', join(dir, 'site.json')] });
});

test.afterAll(async () => {
  await host?.stop();
  await simulator?.close();
});

/** This site is not the demo: the first visit creates the administrator, later ones sign in. */
async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/username/i).fill('admin');
  await page.getByLabel(/password/i).fill('Watchtower at dawn 1234');
  await page.getByRole('button').click();
  await expect(page.locator('[data-tile]')).toHaveCount(16);
}

test('16 HTTP-FLV tiles from one host all play through the web host', async ({ page }) => {
  await installFrameCounter(page);
  await signIn(page, `${host.url}/?screen=1&governor=off`);
  await expect(page.locator('[data-tile][data-state="live"]')).toHaveCount(16, { timeout: 20_000 });
  const before = await tileFrames(page, 16);
  await expect.poll(async () => (await tileFrames(page, 16)).every((n, i) => n > before[i]! + 5), { timeout: 10_000 }).toBe(true);
});

test('played directly, the same wall stalls after 6 tiles (why the multiplexer exists)', async ({ page }) => {
  await signIn(page, `${host.url}/?screen=1&governor=off&streams=direct`);
  await page.waitForTimeout(8000);
  const live = await page.locator('[data-tile][data-state="live"]').count();
  expect(live).toBeLessThanOrEqual(6);
  expect(live).toBeGreaterThan(0);
});
