import { ROLE_PERMISSIONS, type Permission } from '../security/permissions';
import type { WallAction } from './wallActions';
import type { WallContext } from './wallContext';
import type { Tile, WallState } from './wallSchema';

/**
 * Who may dispatch what, in the terms of common/security/permissions.ts. Operators change what
 * is on screen and keep personal layouts; supervisors build the wall: screens and displays,
 * shared layouts, tours and layout cycles. Main enforces this on the contract before the
 * reducer runs; the UI only hides what would be refused.
 */

/** `state` is needed because deleting a layout is a supervisor's act only if it is shared. */
export function requiredPermission(action: WallAction, state: WallState): Permission {
  switch (action.type) {
    case 'screen.add':
    case 'screen.remove':
    case 'screen.rename':
    case 'screen.bind':
    case 'screen.setLayoutCycle':
    case 'tour.upsert':
    case 'tour.delete':
      return 'layout.shared.write';
    case 'layout.save':
    case 'layout.import':
      return action.shared ? 'layout.shared.write' : 'layout.personal.write';
    case 'layout.delete':
      return state.layouts.some((l) => l.id === action.layoutId && l.shared) ? 'layout.shared.write' : 'layout.personal.write';
    case 'screen.setLayout':
      return action.layout.kind === 'saved' ? 'layout.apply' : 'wall.operate';
    case 'tile.assign':
    case 'tile.swap':
    case 'tile.clear':
    case 'select':
    case 'selection.move':
    case 'maximize.toggle':
    case 'camera.callUp':
      return 'wall.operate';
  }
}

/** The least of the two wall roles that may dispatch `action`. */
export function requiredRole(action: WallAction, state: WallState): 'operator' | 'supervisor' {
  return ROLE_PERMISSIONS.operator.has(requiredPermission(action, state)) ? 'operator' : 'supervisor';
}

/**
 * Cameras an action would newly put on a screen, for the camera-group check of `wall.operate`
 * (a user limited to some groups must not call up a camera outside them, even by number).
 * Unknown references are left out: the reducer refuses those anyway.
 */
export function camerasShownBy(action: WallAction, state: WallState, ctx: WallContext): string[] {
  return [...new Set(camerasNamed(action, state, ctx))];
}

function camerasNamed(action: WallAction, state: WallState, ctx: WallContext): string[] {
  const ofTiles = (tiles: readonly Tile[]) =>
    tiles.flatMap((tile) => (tile.kind === 'camera' ? [tile.cameraId] : tile.kind === 'tour' ? (state.tours.find((t) => t.id === tile.tourId)?.cameraIds ?? []) : []));
  switch (action.type) {
    case 'tile.assign':
      return ofTiles([action.tile]);
    case 'camera.callUp': {
      const id = ctx.cameraIdByNumber.get(action.number);
      return id === undefined ? [] : [id];
    }
    case 'screen.setLayout':
    case 'screen.add': {
      const ref = action.layout;
      const saved = ref?.kind === 'saved' ? state.layouts.find((l) => l.id === ref.layoutId) : undefined;
      return ofTiles(saved?.tiles ?? []);
    }
    case 'screen.setLayoutCycle':
      return ofTiles(action.cycle?.layoutIds.flatMap((id) => state.layouts.find((l) => l.id === id)?.tiles ?? []) ?? []);
    default:
      return [];
  }
}
