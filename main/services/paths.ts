import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file so tsx (source) and the Electron bundle (out/main)
 * both resolve resources. Packaged builds pass `resourcesDir` explicitly instead.
 */
function findRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // main/services (source) or out/main (bundle): both are two levels below the root.
  return join(here, '..', '..');
}

export const REPO_ROOT = findRoot();
export const DEFAULT_RESOURCES_DIR = join(REPO_ROOT, 'resources');
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');
