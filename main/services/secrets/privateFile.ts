import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Files holding credentials or password hashes: readable by this OS user only (0600; Windows
 * ignores the mode and relies on the profile directory's ACL), and replaced atomically so a crash
 * leaves the old or the new content, never half of each.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export async function writePrivateFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
  // A random suffix, not pid+time: two writers in the same millisecond must not share a temp file.
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(tmp, 'wx', PRIVATE_FILE_MODE);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (err) {
    await file.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await file.close();
  await rename(tmp, path);
  // The mode of a file created before this code existed (or by hand) is tightened too.
  await chmod(path, PRIVATE_FILE_MODE).catch(() => undefined);
  await syncDirectory(dirname(path));
}

/** Makes a rename durable; some filesystems (and Windows) refuse to fsync a directory, harmlessly. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here; the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

export async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
