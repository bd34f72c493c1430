import type { WallApi } from '../../../common/contract/wallApi';
import type { AppStore } from '../app/appStore';
import { useWallKeyboard, type WallKeyboard } from '../keyboard/useWallKeyboard';
import { useTileDragDrop } from './useTileDragDrop';

/**
 * Everything an operator does to a wall window besides clicking a tile: the CCTV keyboard
 * (starting on this window's screen) and the tiles' drag and drop and double-click.
 * Draw `<KeyboardOverlay keyboard={…} />` with the result.
 */
export function useWallWindowInput(opts: { api: WallApi; store: AppStore; screenId: string }): WallKeyboard {
  const keyboard = useWallKeyboard({ api: opts.api, store: opts.store, context: 'wall', homeScreenId: opts.screenId });
  useTileDragDrop(keyboard.dispatch);
  return keyboard;
}
