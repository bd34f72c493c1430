import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeyCipher, fileKeyCipher } from '../../../../../main/services/secrets/fileKeyCipher';
import { SECRETS_FILE_NAME, SecretStore } from '../../../../../main/services/secrets/secretStore';

const SECRET = 'nx-Pa55:wörd/with@odd&chars "quoted"';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openStore(extra: { redactor?: { addSecret(v: string): void } } = {}) {
  return SecretStore.open({ dataDir: dir, cipher: await createFileKeyCipher(dir), ...extra });
}

describe('SecretStore', () => {
  it('round-trips by ref and survives a reopen', async () => {
    const store = await openStore();
    expect(await store.get('vms.nx')).toBeUndefined();
    await store.set('vms.nx', SECRET);
    await store.set('stream:cam-1', 'rtsp-pass');
    expect(await store.get('vms.nx')).toBe(SECRET);
    expect(store.refs()).toEqual(['stream:cam-1', 'vms.nx']);
    const again = await openStore();
    expect(await again.get('vms.nx')).toBe(SECRET);
    expect(again.unreadable).toEqual([]);
    expect(await again.delete('vms.nx')).toBe(true);
    expect(await again.delete('vms.nx')).toBe(false);
    expect((await openStore()).refs()).toEqual(['stream:cam-1']);
  });

  it('keeps only ciphertext on disk, in a 0600 file', async () => {
    const store = await openStore();
    await store.set('vms.nx', SECRET);
    const raw = await readFile(join(dir, SECRETS_FILE_NAME));
    for (const form of [SECRET, 'Pa55', Buffer.from(SECRET).toString('base64'), JSON.stringify(SECRET).slice(1, -1)]) {
      expect(raw.includes(form)).toBe(false);
    }
    for (const name of await readdir(dir)) {
      expect((await readFile(join(dir, name))).includes('Pa55')).toBe(false);
    }
    if (process.platform !== 'win32') expect((await stat(join(dir, SECRETS_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('hands every value to the redactor, on set and on open', async () => {
    const seen: string[] = [];
    const store = await openStore({ redactor: { addSecret: (v) => seen.push(v) } });
    await store.set('a', 'first-secret');
    expect(seen).toEqual(['first-secret']);
    const reopenedSeen: string[] = [];
    await openStore({ redactor: { addSecret: (v) => reopenedSeen.push(v) } });
    expect(reopenedSeen).toEqual(['first-secret']);
  });

  it('gives contract handlers a view that cannot read secrets back', async () => {
    const store = await openStore();
    const view = store.refsView();
    await view.set('vms.nx', SECRET);
    expect(view.refs()).toEqual(['vms.nx']);
    expect(view.has('vms.nx')).toBe(true);
    expect(view.isSecure).toBe(false);
    expect('get' in view).toBe(false);
    expect(JSON.stringify(view)).not.toContain('Pa55');
    expect(JSON.stringify(store)).toBe('{"refs":["vms.nx"],"isSecure":false}');
  });

  it('reports entries it cannot decrypt instead of failing or guessing', async () => {
    const store = await openStore();
    await store.set('vms.nx', SECRET);
    const other = await SecretStore.open({ dataDir: dir, cipher: fileKeyCipher(Buffer.alloc(32, 9)) });
    expect(other.unreadable).toEqual(['vms.nx']);
    expect(await other.get('vms.nx')).toBeUndefined();
    await other.set('vms.nx', 'retyped');
    expect(other.unreadable).toEqual([]);
  });

  it('binds each ciphertext to its ref: swapped entries become unreadable, not swapped', async () => {
    const store = await openStore();
    await store.set('vms.nx', 'nx-password');
    await store.set('vms.hook', 'hook-token');
    const path = join(dir, SECRETS_FILE_NAME);
    const file = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, { data: string }> };
    [file.entries['vms.nx']!.data, file.entries['vms.hook']!.data] = [file.entries['vms.hook']!.data, file.entries['vms.nx']!.data];
    await writeFile(path, JSON.stringify(file));
    const reopened = await openStore();
    expect(reopened.unreadable.sort()).toEqual(['vms.hook', 'vms.nx']);
    expect(await reopened.get('vms.nx')).toBeUndefined();
  });

  it('validates refs and values', async () => {
    const store = await openStore();
    await expect(store.set('bad ref', 'x')).rejects.toThrow();
    await expect(store.set('ok', '')).rejects.toThrow(/non-empty/);
  });

  it('refuses a corrupt secrets file', async () => {
    await writeFile(join(dir, SECRETS_FILE_NAME), '{"version":2}');
    await expect(openStore()).rejects.toThrow(/secrets file is invalid/);
  });

  it('serialises concurrent writes without losing any', async () => {
    const store = await openStore();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`ref-${i}`, `value-${i}`)));
    const again = await openStore();
    expect(again.refs()).toHaveLength(20);
    expect(await again.get('ref-13')).toBe('value-13');
  });
});
