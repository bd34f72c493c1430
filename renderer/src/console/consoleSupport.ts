import { useEffect, useState } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Permission } from '../../../common/security/permissions';
import type { WallAction } from '../../../common/wall/wallActions';

/** Dispatches a wall action; resolves with main's refusal message, or null when it was applied. */
export async function dispatchWall(api: WallApi, action: WallAction): Promise<string | null> {
  const result = await api.call('wall.dispatch', { action });
  return result.ok ? null : result.error.message;
}

/**
 * The signed-in user's permissions, to hide what main would refuse (main enforces it anyway).
 * Null until known.
 */
export function usePermissions(api: WallApi): ReadonlySet<Permission> | null {
  const [permissions, setPermissions] = useState<ReadonlySet<Permission> | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('auth.status', {}).then((status) => {
      if (live) setPermissions(new Set(status.ok ? status.value.permissions : []));
    });
    return () => {
      live = false;
    };
  }, [api]);
  return permissions;
}

/** A file name for a layout name: letters, digits, - and _ only. */
export function fileNameFor(name: string, extension: string): string {
  const base = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base === '' ? 'layout' : base}.${extension}`;
}

/** Saves text as a file through the browser's download (works in Electron and in a browser). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
