import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { AccountService } from '../../main/services/accounts/accountService';
import { tempDirWith } from '../support/testSite';
import { startHost, type HostProcess } from '../support/webHostProcess';
import { benchSite } from './benchSite';

/**
 * The real web host (what `npm run serve` runs) on the bench site, with one administrator so
 * the bench can sign in: a site other than the demo asks every connection to.
 */

export const BENCH_ADMIN = { username: 'bench', password: 'Glass to glass 2024' };

export async function startBenchHost(sourceBase: string): Promise<HostProcess> {
  const dir = tempDirWith();
  const dataDir = join(dir, 'data');
  const accounts = await AccountService.open({ dataDir });
  const created = await accounts.createFirstAdmin(BENCH_ADMIN);
  if (!created.ok) throw new Error(`could not create the bench administrator: ${JSON.stringify(created)}`);
  const site = join(dir, 'site.json');
  writeFileSync(site, JSON.stringify(benchSite(sourceBase), null, 1));
  return startHost({ args: ['--site', site], dataDir });
}

/** Opens the wall in the page and signs in through the login screen, as an operator would. */
export async function openSignedIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/username/i).fill(BENCH_ADMIN.username);
  await page.getByLabel(/password/i).fill(BENCH_ADMIN.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.locator('[data-tile]').first().waitFor({ timeout: 15_000 });
}
