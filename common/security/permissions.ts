import { z } from 'zod';
import type { Role } from './roles';

/**
 * Every right Atalaya checks, one per feature. `scoped: true` rights concern a camera and are also
 * limited by the user's camera groups (see policy.ts); the others are about the application as a
 * whole. The descriptions are for the account-management screen and for audit readers.
 */
export const PERMISSION_INFO = {
  'wall.view': { scoped: true, description: 'See live video on the wall and in previews' },
  'wall.operate': { scoped: true, description: 'Call cameras to tiles, select, maximise, start and stop tours' },
  'map.view': { scoped: false, description: 'See the map with camera positions and fields of view' },
  'playback.view': { scoped: true, description: 'Watch recorded footage' },
  'layout.apply': { scoped: false, description: 'Switch a wall to a saved layout' },
  'layout.personal.write': { scoped: false, description: 'Save and edit one’s own layouts' },
  'layout.shared.write': { scoped: false, description: 'Build shared walls, screens, layouts and tours' },
  'camera.edit': { scoped: true, description: 'Set camera positions, headings and fields of view' },
  'mask.edit': { scoped: true, description: 'Draw and change privacy masks' },
  'mask.lift': { scoped: true, description: 'Lift a privacy mask for a while, with a typed reason' },
  'bookmark.create': { scoped: true, description: 'Bookmark an incident and send it to the VMS' },
  'bookmark.read': { scoped: true, description: 'See bookmarks and their delivery state' },
  'export.create': { scoped: true, description: 'Export snapshots, clips or incident reports' },
  'exercise.run': { scoped: false, description: 'Run a training exercise on the wall' },
  'exercise.edit': { scoped: false, description: 'Write exercise scripts and scoring' },
  'audit.read': { scoped: false, description: 'Read, verify and export the audit trail' },
  'accounts.manage': { scoped: false, description: 'Create accounts, set roles and camera groups, reset passwords' },
  'secrets.manage': { scoped: false, description: 'Set stream and VMS credentials (they are never shown back)' },
  'settings.manage': { scoped: false, description: 'Change the site, VMS targets and application settings' },
} as const satisfies Record<string, { scoped: boolean; description: string }>;

export type Permission = keyof typeof PERMISSION_INFO;
export const PERMISSIONS = Object.keys(PERMISSION_INFO) as Permission[];
export const PermissionSchema = z.enum(PERMISSIONS as [Permission, ...Permission[]]);

export function isScoped(permission: Permission): boolean {
  return PERMISSION_INFO[permission].scoped;
}

const operator: Permission[] = [
  'wall.view',
  'wall.operate',
  'map.view',
  'playback.view',
  'layout.apply',
  'layout.personal.write',
  'bookmark.create',
  'bookmark.read',
];

// Supervisors build what operators use and are the ones trusted to lift masks and export.
const supervisor: Permission[] = [
  ...operator,
  'layout.shared.write',
  'camera.edit',
  'mask.edit',
  'mask.lift',
  'export.create',
];

// Trainers replay footage and run exercises; they do not deliver bookmarks to the real VMS,
// change the real site, or see behind privacy masks.
const trainer: Permission[] = [
  'wall.view',
  'wall.operate',
  'map.view',
  'playback.view',
  'layout.apply',
  'layout.personal.write',
  'bookmark.read',
  'exercise.run',
  'exercise.edit',
];

// The audit trail records what staff looked at, which is personal data about them: only admins
// read it. Admins otherwise hold every right, as in the usual VMS model, so that the first-run
// admin can set the site up; every use of those rights is audited like anyone else's.
const admin: Permission[] = [...PERMISSIONS];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  operator: new Set(operator),
  supervisor: new Set(supervisor),
  trainer: new Set(trainer),
  admin: new Set(admin),
};
