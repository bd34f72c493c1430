import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AccountService } from '../../main/services/accounts/accountService';
import { RpcClient } from '../support/rpcClient';
import { tempDirWith, testSite } from '../support/testSite';
import { startHost, type HostProcess } from '../support/webHostProcess';

const ADMIN = { username: 'admin', password: 'Watchtower at dawn 1234' };
const OPERATOR = { username: 'ana', password: 'Operator shift 1234' };
let host: HostProcess;
let dataDir: string;

test.beforeAll(async () => {
  const dir = tempDirWith();
  dataDir = join(dir, 'data');
  const accounts = await AccountService.open({ dataDir });
  expect((await accounts.createFirstAdmin(ADMIN)).ok).toBe(true);
  expect((await accounts.createUser({ ...OPERATOR, role: 'operator', groups: ['*'] })).ok).toBe(true);
  const site = join(dir, 'site.json');
  writeFileSync(site, JSON.stringify(testSite(4)));
  host = await startHost({ args: ['--site', site], dataDir });
});

test.afterAll(async () => {
  await host?.stop();
});

test('a site other than the demo asks for a sign-in before showing the wall', async ({ page }) => {
  await page.goto(`${host.url}/?screen=1`);
  await expect(page.locator('[data-tile]')).toHaveCount(0);
  await page.getByLabel(/username/i).fill(OPERATOR.username);
  await page.getByLabel(/password/i).fill('wrong password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByRole('alert')).toContainText(/wrong username or password/);
  await page.getByLabel(/password/i).fill(OPERATOR.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.locator('[data-tile]')).toHaveCount(16);
  await expect(page.locator('.demo-badge')).toHaveCount(0);
});

test("an operator's direct contract call to save a shared layout is refused, and the refusal is audited", async () => {
  const rpc = await RpcClient.connect(host.url);
  await expect(rpc.call('wall.get')).rejects.toThrow(/^unauthenticated/);
  await rpc.call('auth.login', OPERATOR);
  const save = { type: 'layout.save', name: 'Centro', shared: true, source: { kind: 'screen', screenId: '1' } };
  await expect(rpc.call('wall.dispatch', { action: save })).rejects.toThrow(/^forbidden/);
  // What operators may do still works: a personal layout.
  await rpc.call('wall.dispatch', { action: { ...save, name: 'Mine', shared: false } });
  const { state } = await rpc.call<{ state: { layouts: Array<{ name: string; shared: boolean }> } }>('wall.get');
  expect(state.layouts).toEqual([expect.objectContaining({ name: 'Mine', shared: false })]);
  rpc.close();

  await host.stop();
  const entries = readFileSync(join(dataDir, 'audit.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const denied = entries.find((e) => e.action === 'permission.denied');
  expect(denied).toMatchObject({ actor: { type: 'user', username: 'ana', role: 'operator' }, details: { method: 'wall.dispatch', permission: 'layout.shared.write' } });
  expect(entries.some((e) => e.action === 'auth.login' && e.actor.username === 'ana')).toBe(true);
  // The trail verifies with the command the README documents.
  const verified = execFileSync(process.execPath, ['--import', 'tsx', 'main/services/audit/verifyCli.ts', join(dataDir, 'audit.log')], { encoding: 'utf8' });
  expect(verified).toMatch(/^OK: \d+ entries/);
});
