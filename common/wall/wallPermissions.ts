import type { WallAction } from './wallActions';
import type { WallState } from './wallSchema';

/**
 * Who may dispatch what, first cut (full accounts come with the security issue). Operators
 * change what is on screen; supervisors build the wall: its screens and displays, shared
 * layouts, tours and layout cycles. Main enforces this on the contract before the reducer runs.
 */

export type WallRole = 'operator' | 'supervisor';

const RANK: Record<WallRole, number> = { operator: 0, supervisor: 1 };

/** `state` is needed because deleting a layout is a supervisor's act only if it is shared. */
export function requiredRole(action: WallAction, state: WallState): WallRole {
  switch (action.type) {
    case 'screen.add':
    case 'screen.remove':
    case 'screen.rename':
    case 'screen.bind':
    case 'screen.setLayoutCycle':
    case 'tour.upsert':
    case 'tour.delete':
      return 'supervisor';
    case 'layout.save':
    case 'layout.import':
      return action.shared ? 'supervisor' : 'operator';
    case 'layout.delete':
      return state.layouts.some((l) => l.id === action.layoutId && l.shared) ? 'supervisor' : 'operator';
    case 'screen.setLayout':
    case 'tile.assign':
    case 'tile.swap':
    case 'tile.clear':
    case 'select':
    case 'selection.move':
    case 'maximize.toggle':
    case 'camera.callUp':
      return 'operator';
  }
}

export function roleAllows(role: WallRole, required: WallRole): boolean {
  return RANK[role] >= RANK[required];
}
