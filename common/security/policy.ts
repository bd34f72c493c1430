import { ROLE_PERMISSIONS, isScoped, type Permission } from './permissions';
import { ALL_GROUPS, type User } from './userSchema';

export { ALL_GROUPS };

/** The group of a camera whose site entry names none (matches the site schema's comment). */
export const DEFAULT_CAMERA_GROUP = 'default';

export function cameraGroupOf(camera: { group?: string | undefined }): string {
  return camera.group ?? DEFAULT_CAMERA_GROUP;
}

export interface PermissionTarget {
  /** The camera group the action concerns; only consulted for scoped permissions. */
  cameraGroup?: string;
}

export type DenyReason = 'disabled' | 'role' | 'camera-group';
export type Decision = { allowed: true } | { allowed: false; reason: DenyReason; message: string };

/** The fields of a user the policy reads, so a session's user snapshot can be passed as is. */
export type Subject = Pick<User, 'username' | 'role' | 'groups' | 'disabled'>;

/**
 * Whether `user` may do `permission`, and if not why (for the error shown and the audit entry).
 *
 * Scoped permissions are checked in two steps by design: without `cameraGroup` the answer is about
 * the feature (may this user operate walls at all?), which is what the dispatcher asks before any
 * handler runs; with `cameraGroup` it is about one camera, which the handler asks once it knows
 * which camera is meant. A user limited to no groups therefore passes the first step and fails
 * every second one: the dispatcher check alone is not enough for camera-specific methods.
 */
export function decide(user: Subject, permission: Permission, target: PermissionTarget = {}): Decision {
  if (user.disabled !== false) return { allowed: false, reason: 'disabled', message: `account ${user.username} is disabled` };
  // Optional chaining: a role or permission that is not in the table (bad data reaching here
  // despite the schemas) is a refusal, not an exception that some caller might catch and ignore.
  if (ROLE_PERMISSIONS[user.role]?.has(permission) !== true) {
    return { allowed: false, reason: 'role', message: `role ${user.role} lacks ${permission}` };
  }
  if (isScoped(permission) && target.cameraGroup !== undefined && !inGroup(user.groups, target.cameraGroup)) {
    return {
      allowed: false,
      reason: 'camera-group',
      message: `${user.username} may not use ${permission} on camera group ${target.cameraGroup}`,
    };
  }
  return { allowed: true };
}

export function can(user: Subject, permission: Permission, target: PermissionTarget = {}): boolean {
  return decide(user, permission, target).allowed;
}

function inGroup(groups: readonly string[], group: string): boolean {
  return Array.isArray(groups) && (groups.includes(ALL_GROUPS) || groups.includes(group));
}

/** Every permission the user holds (ignoring groups), for the UI to hide what cannot be used. */
export function permissionsOf(user: Subject): Permission[] {
  if (user.disabled !== false) return [];
  return [...(ROLE_PERMISSIONS[user.role] ?? [])];
}
