import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { RpcClient } from '../support/rpcClient';
import { startHost, type HostProcess } from '../support/webHostProcess';

let host: HostProcess;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

const MASK = [
  [0.3, 0.3],
  [0.7, 0.3],
  [0.7, 0.7],
  [0.3, 0.7],
];

/** RGB of the screenshot at fractions (fx, fy) of its width and height. */
function pixel(png: PNG, fx: number, fy: number): [number, number, number] {
  const x = Math.min(png.width - 1, Math.round(fx * png.width));
  const y = Math.min(png.height - 1, Math.round(fy * png.height));
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

test('a masked region of a tile shows the mask colour, in every frame, until lifted with a reason', async ({ page }) => {
  const rpc = await RpcClient.connect(host.url);
  await rpc.call('masks.set', { cameraId: 'cam-01', polygons: [MASK] });
  await page.goto(`${host.url}/?screen=1`);
  await expect(page.locator('[data-tile="0"]')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  // The picture's box (an element screenshot of a playing video can wait forever for stability,
  // so the page is captured with a clip instead).
  const clip = (await page.locator('[data-tile="0"] .tile__videos').boundingBox())!;
  const shoot = async () => PNG.sync.read(await page.screenshot({ clip }));

  for (let shot = 0; shot < 3; shot++) {
    const png = await shoot();
    for (const fx of [0.35, 0.5, 0.65]) for (const fy of [0.35, 0.5, 0.65]) expect(pixel(png, fx, fy), `inside at ${fx},${fy}`).toEqual([64, 64, 64]);
    // Outside the mask the picture is visible: not all mask-grey.
    const outside = [pixel(png, 0.1, 0.1), pixel(png, 0.9, 0.9), pixel(png, 0.1, 0.9), pixel(png, 0.9, 0.1)];
    expect(outside.some(([r, g, b]) => !(r === 64 && g === 64 && b === 64))).toBe(true);
    await page.waitForTimeout(400);
  }

  // Lifting needs a reason; then the picture shows through (only a dashed outline remains).
  await expect(rpc.call('masks.lift', { cameraId: 'cam-01', reason: 'look' })).rejects.toThrow(/^invalid_params/);
  await rpc.call('masks.lift', { cameraId: 'cam-01', reason: 'Robbery in progress at the corner, need the face', minutes: 5 });
  await expect(page.locator('[data-tile="0"] [data-mask]')).toHaveAttribute('data-mask', 'lifted');
  const lifted = await shoot();
  expect(pixel(lifted, 0.5, 0.5)).not.toEqual([64, 64, 64]);

  await rpc.call('masks.reapply', { cameraId: 'cam-01' });
  await expect(page.locator('[data-tile="0"] [data-mask]')).toHaveAttribute('data-mask', 'on');
  rpc.close();

  await host.stop();
  const audit = readFileSync(join(host.dataDir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(audit.filter((e) => e.action.startsWith('mask.')).map((e) => [e.action, e.details.cameraId])).toEqual([
    ['mask.edited', 'cam-01'],
    ['mask.lifted', 'cam-01'],
    ['mask.reapplied', 'cam-01'],
  ]);
  expect(audit.find((e) => e.action === 'mask.lifted').details.reason).toMatch(/Robbery/);
});

test('a supervisor draws a mask on a still frame with the keyboard and mouse', async ({ page }) => {
  host = await startHost();
  await page.goto(`${host.url}/?screen=1`);
  const tile = page.locator('[data-tile="1"]');
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await tile.click();
  await expect(tile).toHaveClass(/tile--selected/);
  await page.keyboard.press('p');
  const stage = page.locator('[data-mask-canvas]');
  await expect(stage).toBeVisible();
  const box = (await stage.boundingBox())!;
  const corners: Array<[number, number]> = [
    [0.1, 0.1],
    [0.4, 0.1],
    [0.4, 0.5],
    [0.1, 0.5],
  ];
  for (const [fx, fy] of corners) {
    await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
  }
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+s');
  await expect(stage).toHaveCount(0);
  const rpc = await RpcClient.connect(host.url);
  const state = await rpc.call<{ masks: Record<string, number[][][]> }>('masks.get');
  rpc.close();
  expect(state.masks['cam-02']).toHaveLength(1);
  const [polygon] = state.masks['cam-02']!;
  expect(polygon).toHaveLength(4);
  polygon!.forEach(([x, y], i) => {
    expect(x).toBeCloseTo(corners[i]![0], 1);
    expect(y).toBeCloseTo(corners[i]![1], 1);
  });
  // And the tile now draws it.
  await expect(tile.locator('[data-mask="on"]')).toHaveCount(1);
});
