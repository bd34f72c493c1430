import { useEffect, useState, useSyncExternalStore } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import type { AppStore } from '../app/appStore';
import { useAuthStatus } from '../auth/SessionGate';
import { MaskEditor } from './MaskEditor';

/** The key that opens the privacy-mask editor on the selected tile (supervisors). */
export const MASK_EDITOR_KEY = 'P';

/**
 * Opens the mask editor for the selected tile's camera with `P`, for users who may edit or lift
 * masks (main checks again on save and lift).
 */
export function WallMaskEditor({ api, store, screenId }: { api: WallApi; store: AppStore; screenId: string }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const auth = useAuthStatus();
  const [open, setOpen] = useState<{ cameraId: string; video: HTMLVideoElement | null } | null>(null);
  const canEdit = auth?.permissions.includes('mask.edit') ?? false;
  const canLift = auth?.permissions.includes('mask.lift') ?? false;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key.toUpperCase() !== MASK_EDITOR_KEY || (!canEdit && !canLift)) return;
      const screen = snapshot.wall?.state.screens.find((s) => s.id === screenId);
      const tile = screen?.tiles[screen.selected];
      if (!screen || tile?.kind !== 'camera') return;
      const video = document.querySelector<HTMLVideoElement>(`[data-tile="${screen.selected}"] video:not(.tile__video--pending)`);
      setOpen({ cameraId: tile.cameraId, video });
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [snapshot.wall, screenId, canEdit, canLift]);

  const camera = open ? snapshot.site?.site.cameras.find((c) => c.id === open.cameraId) : undefined;
  if (!open || !camera) return null;
  return <MaskEditor api={api} camera={camera} masks={snapshot.masks} video={open.video} canEdit={canEdit} canLift={canLift} onClose={() => setOpen(null)} />;
}
