import { readFile } from 'node:fs/promises';
import { writePrivateFileAtomic } from '../secrets/privateFile';

/**
 * Writes a whole file so that a crash at any instant leaves either the old or the new content.
 * Everything Atalaya keeps in its data dir (wall, site copy, masks…) is the operator's business
 * only, so this is the private-file writer: temp file, fsync, rename, directory fsync, mode 0600.
 */
export const writeFileAtomic = writePrivateFileAtomic;

/** Reads a text file, or undefined if it does not exist (other errors propagate). */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
