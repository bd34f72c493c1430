import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../../../main/services/log/logger';
import { Redactor } from '../../../../../main/services/log/redactor';
import { createFileKeyCipher } from '../../../../../main/services/secrets/fileKeyCipher';
import { SecretStore } from '../../../../../main/services/secrets/secretStore';

let dir: string;
const at = Date.UTC(2026, 2, 1, 9, 0, 0);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file logger', () => {
  it('writes levelled, component-tagged lines with JSON fields', async () => {
    const file = join(dir, 'logs', 'main.log');
    const log = createFileLogger({ file, redactor: new Redactor(), level: 'info', now: () => at });
    log.debug('hidden');
    log.info('started', { port: 5173 });
    log.child('vms').child('nx').warn('slow reply', { ms: 2300 });
    log.error('failed', { err: new Error('boom') });
    log.close();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('2026-03-01T09:00:00.000Z INFO  started {"port":5173}');
    expect(lines[1]).toBe('2026-03-01T09:00:00.000Z WARN  [vms/nx] slow reply {"ms":2300}');
    expect(lines[2]).toMatch(/ERROR failed \{"err":\{"name":"Error","message":"boom","stack":"Error: boom\\n/);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('escapes line breaks in messages so a line cannot be forged', async () => {
    const file = join(dir, 'main.log');
    const log = createFileLogger({ file, redactor: new Redactor(), now: () => at });
    log.info('login failed for "ana\n2026-03-01T09:00:00.000Z INFO  login ok for admin"');
    log.close();
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(2);
  });

  it('rotates by size and keeps a bounded number of old files', async () => {
    const file = join(dir, 'main.log');
    const log = createFileLogger({ file, redactor: new Redactor(), maxBytes: 200, keep: 2 });
    for (let i = 0; i < 20; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    log.close();
    expect((await readdir(dir)).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2']);
    for (const name of await readdir(dir)) expect((await stat(join(dir, name))).size).toBeLessThanOrEqual(200);
    expect(await readFile(file, 'utf8')).toContain('line 19');
  });

  it('never writes a known secret, in any of the forms it turns up in (grep the file)', async () => {
    const redactor = new Redactor();
    const store = await SecretStore.open({ dataDir: dir, cipher: await createFileKeyCipher(dir), redactor });
    const secret = 'Kq9#vms pass/ñ@"x"';
    await store.set('vms.nx', secret);
    const file = join(dir, 'logs', 'main.log');
    const log = createFileLogger({ file, redactor, level: 'debug' });
    const vms = log.child('vms');

    vms.info(`connecting with ${secret}`);
    vms.info(`upstream rtsp://admin:${encodeURIComponent(secret)}@10.1.2.3/live`);
    vms.info('request', { url: `https://nx.local/api?user=admin&password=${encodeURIComponent(secret)}`, body: JSON.stringify({ password: secret }) });
    vms.debug('headers', { authorization: `Basic ${Buffer.from(`admin:${secret}`).toString('base64')}` });
    vms.debug(`raw header Authorization: Basic ${Buffer.from(`admin:${secret}`).toString('base64')}`);
    vms.warn('form', { form: `user=admin&pass=${encodeURIComponent(secret).replace(/%20/g, '+')}` });
    vms.error('delivery failed', { err: new Error(`401 for credentials ${secret}`) });
    vms.info('config dump', { target: { id: 'nx', secretRef: 'vms.nx', password: secret, b64: Buffer.from(secret).toString('base64') } });
    log.close();

    const text = await readFile(file, 'utf8');
    const forbidden = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      JSON.stringify(secret).slice(1, -1),
      Buffer.from(secret).toString('base64'),
      Buffer.from(`admin:${secret}`).toString('base64'),
      'Kq9', // any fragment of it
    ];
    for (const form of forbidden) expect(text).not.toContain(form);
    expect(text.split('\n').filter(Boolean)).toHaveLength(8);
    expect(text).toContain('secretRef');
    expect(text).toContain('[REDACTED]');
  });
});
