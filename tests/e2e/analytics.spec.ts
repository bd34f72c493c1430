import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { analyticsCameras } from '../../common/analytics/coverageModel';
import { syntheticIncidents } from '../../common/analytics/synthetic';
import { fovContains } from '../../common/geo/fieldOfView';
import { SiteSchema } from '../../common/site/siteSchema';
import { RpcClient } from '../support/rpcClient';
import { startHost, type HostProcess } from '../support/webHostProcess';

/**
 * The analytics window against the real web host: import a police-style CSV of 10 000 incidents
 * through the dialog, see the heat layer drawn, and check the coverage share on screen against a
 * brute-force count done here; a file with bad rows lists its problems and imports nothing.
 */

let host: HostProcess;
const dir = mkdtempSync(join(tmpdir(), 'atalaya-analytics-e2e-'));
const site = SiteSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/demo/site.json'), 'utf8')));
const cameras = analyticsCameras(site.cameras);
const incidents = syntheticIncidents({ count: 10_000, seed: 2024, cameras, from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) });

const pad = (n: number) => String(n).padStart(2, '0');
/** A Chilean police-style export: Spanish headers, day-first dates, a separate time column. */
function policeCsv(rows: typeof incidents): string {
  const lines = ['folio,fecha,hora,latitud,longitud,delito,sector'];
  rows.forEach((i, k) => {
    const d = new Date(i.time);
    lines.push(`${i.id},${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()},${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())},${i.lat},${i.lng},${i.category},S${k % 7}`);
  });
  return `${lines.join('\n')}\n`;
}

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file').setInputFiles(path);
  // The Spanish headers were recognised: latitude, longitude, date, separate time, category, id.
  await expect(page.locator('select[data-field="lat"]')).toHaveValue('latitud');
  await expect(page.locator('select[data-field="time"]')).toHaveValue('fecha');
  await expect(page.locator('select[data-field="timeOfDay"]')).toHaveValue('hora');
  await expect(page.locator('select[data-field="id"]')).toHaveValue('folio');
  await page.getByTestId('import-run').click();
}

/** Pixels of the heat canvas that are not fully transparent. */
const heatPixels = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="heat-canvas"]');
    if (!canvas || !canvas.isConnected || canvas.width === 0) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

test('importing 10 000 incidents draws the heat layer and shows the coverage share this test counts by brute force', async ({ page }) => {
  test.setTimeout(120_000);
  const csvPath = join(dir, 'delitos-2024.csv');
  writeFileSync(csvPath, policeCsv(incidents));

  // Independent count: every incident against every street camera, no index, no engine.
  let covered = 0;
  for (const i of incidents) if (cameras.some((c) => fovContains(c, i))) covered++;
  const byCategory = new Map<string, { total: number; covered: number }>();
  for (const i of incidents) {
    const c = byCategory.get(i.category!) ?? { total: 0, covered: 0 };
    c.total++;
    if (cameras.some((cam) => fovContains(cam, i))) c.covered++;
    byCategory.set(i.category!, c);
  }
  expect(covered).toBeGreaterThan(100);
  expect(covered).toBeLessThan(10_000);

  await page.goto(`${host.url}/?view=analytics`);
  await expect(page.getByTestId('analytics')).toBeVisible();
  // The figures are computed in Web Workers (allowed by the page's CSP), not on the UI thread.
  await expect(page.getByTestId('analytics')).toHaveAttribute('data-worker', 'yes');
  await importFile(page, csvPath);
  await expect(page.getByTestId('import-result')).toHaveAttribute('data-status', 'imported', { timeout: 60_000 });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await expect(page.getByTestId('analytics-count')).toHaveAttribute('data-total', '10000', { timeout: 30_000 });
  const share = page.getByTestId('coverage-share');
  await expect(share).toHaveAttribute('data-total', '10000');
  await expect(share).toHaveAttribute('data-covered', String(covered));
  const expectedText = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(covered / 10_000);
  await expect(share).toContainText(expectedText);
  await expect(share).toContainText(`${new Intl.NumberFormat('en').format(covered)} of 10,000`);
  // And per category, as the table lists them.
  for (const [category, c] of byCategory) {
    const row = page.locator(`[data-testid="coverage-panel"] tr[data-category="${category}"]`);
    await expect(row).toContainText(new Intl.NumberFormat('en').format(c.covered));
  }

  // The heat layer: a canvas on the map with coloured pixels where the incidents are.
  await expect.poll(() => heatPixels(page), { timeout: 30_000 }).toBeGreaterThan(1000);
  const mapBox = (await page.getByTestId('analytics-map').boundingBox())!;
  expect(mapBox.width).toBeGreaterThan(300);
  await page.screenshot({ path: join(import.meta.dirname, '../../test-results/analytics-window.png') });

  // A filter change recomputes and redraws it: one category only.
  const rendered = Number(await page.getByTestId('analytics-map').getAttribute('data-rendered'));
  const hurto = byCategory.get('Hurto')!;
  await page.locator('input[data-category="Hurto"]').check();
  await expect(page.getByTestId('analytics-map')).toHaveAttribute('data-filtered', String(hurto.total));
  await expect(share).toHaveAttribute('data-covered', String(hurto.covered));
  expect(Number(await page.getByTestId('analytics-map').getAttribute('data-rendered'))).toBeGreaterThan(rendered);
  expect(await heatPixels(page)).toBeGreaterThan(500);
  const ms = Number(await page.getByTestId('analytics-map').getAttribute('data-view-ms'));
  test.info().annotations.push({ type: 'filter change → heat redrawn (10 000 incidents)', description: `${ms} ms` });

  // The before/after states its limits before any figure.
  await page.locator('[data-tab="beforeAfter"]').click();
  await expect(page.getByTestId('before-after-limits')).toContainText('not proof that a camera caused a change');
  await expect(page.getByTestId('before-after-table')).toBeVisible();
});

test('a file with bad rows lists each problem by row and field and imports nothing', async ({ page }) => {
  const rpc = await RpcClient.connect(host.url);
  const before = await rpc.call<{ revision: string; columns: { lat: number[] } }>('analytics.dataset');

  const rows = incidents.slice(0, 40);
  const lines = policeCsv(rows).trimEnd().split('\n');
  lines[3] = lines[3]!.replace(/,-21\.\d+,/, ',latitud?,'); // row 4: latitude not a number
  lines[10] = lines[10]!.replace(/\d\d\/\d\d\/2024/, '31/02/2024'); // row 11: no such day
  lines[20] = lines[20]!.split(',').slice(0, 4).join(','); // row 21: values missing
  const badPath = join(dir, 'con-errores.csv');
  writeFileSync(badPath, `${lines.join('\n')}\n`);

  await page.goto(`${host.url}/?view=analytics`);
  await importFile(page, badPath);
  const result = page.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-status', 'rejected', { timeout: 30_000 });
  await expect(result).toHaveAttribute('data-problems', '3');
  await expect(result).toContainText('Nothing was imported');
  const problems = page.getByTestId('import-problems').locator('tbody tr');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText('4');
  await expect(problems.nth(0)).toContainText('latitud');
  await expect(problems.nth(0)).toContainText('Not a number');
  await expect(problems.nth(1)).toContainText('11');
  await expect(problems.nth(1)).toContainText('fecha');
  await expect(problems.nth(1)).toContainText('Not a date and time');
  await expect(problems.nth(2)).toContainText('21');
  await expect(problems.nth(2)).toContainText('Wrong number of values');

  // Nothing changed: same data, same revision.
  const after = await rpc.call<{ revision: string; columns: { lat: number[] } }>('analytics.dataset');
  expect(after.revision).toBe(before.revision);
  expect(after.columns.lat.length).toBe(before.columns.lat.length);
  rpc.close();
});
