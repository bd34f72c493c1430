import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeyCipher, fileKeyCipher, KEY_FILE_NAME } from '../../../../../main/services/secrets/fileKeyCipher';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-cipher-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file-key cipher', () => {
  it('round-trips, with a fresh nonce each time', async () => {
    const cipher = await createFileKeyCipher(dir);
    const a = cipher.encrypt('contraseña: ñandú 🔑');
    const b = cipher.encrypt('contraseña: ñandú 🔑');
    expect(a.equals(b)).toBe(false);
    expect(cipher.decrypt(a)).toBe('contraseña: ñandú 🔑');
    expect(a.toString('latin1')).not.toContain('contrase');
  });

  it('says honestly that it is not an OS keychain', async () => {
    const cipher = await createFileKeyCipher(dir);
    expect(cipher.isSecure).toBe(false);
    expect(cipher.description).toMatch(/not an OS keychain/);
  });

  it('creates a 32-byte 0600 key once and reuses it', async () => {
    const first = await createFileKeyCipher(dir);
    const key = await readFile(join(dir, KEY_FILE_NAME));
    expect(key).toHaveLength(32);
    if (process.platform !== 'win32') expect((await stat(join(dir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
    const second = await createFileKeyCipher(dir);
    expect(second.decrypt(first.encrypt('x'))).toBe('x');
    expect(await readFile(join(dir, KEY_FILE_NAME))).toEqual(key);
  });

  it('two processes starting at once agree on one key', async () => {
    const [a, b] = await Promise.all([createFileKeyCipher(dir), createFileKeyCipher(dir)]);
    expect(b.decrypt(a.encrypt('same key'))).toBe('same key');
  });

  it('tightens a key file left readable by others', async () => {
    if (process.platform === 'win32') return;
    await createFileKeyCipher(dir);
    await chmod(join(dir, KEY_FILE_NAME), 0o644);
    await createFileKeyCipher(dir);
    expect((await stat(join(dir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file rather than replacing it', async () => {
    await writeFile(join(dir, KEY_FILE_NAME), Buffer.alloc(7));
    await expect(createFileKeyCipher(dir)).rejects.toThrow(/refusing/);
  });

  it('rejects altered ciphertext and another key', async () => {
    const cipher = fileKeyCipher(Buffer.alloc(32, 1));
    const data = cipher.encrypt('secret');
    const flipped = Buffer.from(data);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => cipher.decrypt(flipped)).toThrow();
    expect(() => fileKeyCipher(Buffer.alloc(32, 2)).decrypt(data)).toThrow();
    expect(() => cipher.decrypt(Buffer.from('short'))).toThrow(/not data from this cipher/);
  });
});
