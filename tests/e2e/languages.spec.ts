import { expect, test } from '@playwright/test';
import { RpcClient } from '../support/rpcClient';
import { startHost, type HostProcess } from '../support/webHostProcess';

let host: HostProcess;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test.describe('in a Portuguese browser', () => {
  test.use({ locale: 'pt-BR' });

  test('the OS locale picks the language, and the setting switches every window at once', async ({ page }) => {
    await page.goto(`${host.url}/?screen=1`);
    await expect(page).toHaveTitle('Atalaya — Tela 1');
    const console_ = await page.context().newPage();
    await console_.goto(`${host.url}/?view=console&screen=1`);
    await console_.locator('[data-language]').selectOption('es');
    await expect(page).toHaveTitle('Atalaya — Pantalla 1');
    const rpc = await RpcClient.connect(host.url);
    await rpc.call('settings.set', { locale: 'en' });
    await expect(page).toHaveTitle('Atalaya — Screen 1');
    await rpc.call('settings.set', { locale: 'auto' });
    await expect(page).toHaveTitle('Atalaya — Tela 1');
    rpc.close();
  });
});

test('the console opens the other windows (a browser gets a tab per view)', async ({ page }) => {
  await page.goto(`${host.url}/?view=console&screen=2`);
  for (const view of ['map', 'trainer', 'analytics']) {
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator(`[data-open-view="${view}"]`).click()]);
    expect(new URL(popup.url()).searchParams.get('view')).toBe(view);
    expect(new URL(popup.url()).searchParams.get('screen')).toBe('2');
    await popup.close();
  }
});
