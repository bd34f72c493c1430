import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cipher } from './cipher';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, syncDirectory } from './privateFile';

/**
 * AES-256-GCM with a random 256-bit key kept in a 0600 file in the data dir, for the web host and
 * tests where Electron's safeStorage does not exist.
 *
 * This is NOT an OS keychain and says so (`isSecure: false`): the key sits on the same disk as the
 * ciphertext, readable by the same OS user. It keeps credentials out of the secrets file itself, so
 * that file can be copied, backed up or attached to a bug report without disclosing them, and it
 * keeps them out of reach of other OS users. It does not protect against anyone who can read the
 * whole data directory as this user.
 */
export const KEY_FILE_NAME = 'secrets.key';

const KEY_BYTES = 32;
const IV_BYTES = 12; // the GCM standard nonce size; random per message
const TAG_BYTES = 16;
const VERSION = 0x01;
// Binds ciphertexts to this use: data encrypted by some other AES-GCM user of the same key won't decrypt here.
const AAD = Buffer.from('atalaya/file-key-cipher/v1');

export function fileKeyCipher(key: Buffer): Cipher {
  if (key.length !== KEY_BYTES) throw new Error(`secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
  return {
    isSecure: false,
    description: 'AES-256-GCM, key in a file in the data directory (not an OS keychain)',
    encrypt(plain: string): Buffer {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(AAD);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
    },
    decrypt(buf: Buffer): string {
      if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== VERSION) throw new Error('not data from this cipher');
      const iv = buf.subarray(1, 1 + IV_BYTES);
      const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(AAD).setAuthTag(tag);
      return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Loads the key from `<dataDir>/secrets.key`, creating it on first use. Creation is atomic and
 * never overwrites: the key is written to a temp file and hard-linked into place, so two
 * processes starting together end up with the same key, and an existing key is never replaced
 * (replacing it would make every stored secret unreadable).
 */
export async function createFileKeyCipher(dataDir: string): Promise<Cipher> {
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const path = join(dataDir, KEY_FILE_NAME);
  const existing = await readKey(path);
  if (existing) return fileKeyCipher(existing);

  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(tmp, 'wx', PRIVATE_FILE_MODE);
  try {
    await file.writeFile(randomBytes(KEY_BYTES));
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await syncDirectory(dataDir);
  const key = await readKey(path);
  if (!key) throw new Error(`could not create ${path}`);
  return fileKeyCipher(key);
}

async function readKey(path: string): Promise<Buffer | undefined> {
  let key: Buffer;
  try {
    key = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (key.length !== KEY_BYTES) throw new Error(`${path} is ${key.length} bytes, expected ${KEY_BYTES}: refusing to use or replace it`);
  // A key made readable to others (a careless copy, a restore from backup) is tightened again.
  if (process.platform !== 'win32' && ((await stat(path)).mode & 0o077) !== 0) await chmod(path, PRIVATE_FILE_MODE);
  return key;
}
