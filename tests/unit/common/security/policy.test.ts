import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERMISSION_INFO, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '../../../../common/security/permissions';
import { ALL_GROUPS, cameraGroupOf, can, decide, DEFAULT_CAMERA_GROUP, permissionsOf, type Subject } from '../../../../common/security/policy';
import { ROLES, type Role } from '../../../../common/security/roles';

const user = (role: Role, groups: string[] = [ALL_GROUPS], disabled = false): Subject => ({ username: `u-${role}`, role, groups, disabled });

// The table written out the other way round, so a change to permissions.ts must be made here too,
// on purpose. ✓ = granted.
const EXPECTED: Record<Permission, Role[]> = {
  'wall.view': ['operator', 'supervisor', 'trainer', 'admin'],
  'wall.operate': ['operator', 'supervisor', 'trainer', 'admin'],
  'map.view': ['operator', 'supervisor', 'trainer', 'admin'],
  'playback.view': ['operator', 'supervisor', 'trainer', 'admin'],
  'layout.apply': ['operator', 'supervisor', 'trainer', 'admin'],
  'layout.personal.write': ['operator', 'supervisor', 'trainer', 'admin'],
  'layout.shared.write': ['supervisor', 'admin'],
  'camera.edit': ['supervisor', 'admin'],
  'mask.edit': ['supervisor', 'admin'],
  'mask.lift': ['supervisor', 'admin'],
  'bookmark.create': ['operator', 'supervisor', 'admin'],
  'bookmark.read': ['operator', 'supervisor', 'trainer', 'admin'],
  'export.create': ['supervisor', 'admin'],
  'exercise.run': ['trainer', 'admin'],
  'exercise.edit': ['trainer', 'admin'],
  'audit.read': ['admin'],
  'accounts.manage': ['admin'],
  'secrets.manage': ['admin'],
  'settings.manage': ['admin'],
};

describe('role → permission table', () => {
  it('matches the reviewed table exactly', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) {
      for (const role of ROLES) {
        expect([permission, role, can(user(role), permission)]).toEqual([permission, role, EXPECTED[permission].includes(role)]);
      }
    }
  });

  it('gives an operator nothing a supervisor lacks', () => {
    for (const p of ROLE_PERMISSIONS.operator) expect(ROLE_PERMISSIONS.supervisor.has(p)).toBe(true);
  });

  it('keeps privacy-sensitive rights away from operators and trainers', () => {
    for (const role of ['operator', 'trainer'] as const) {
      for (const p of ['mask.lift', 'mask.edit', 'export.create', 'audit.read', 'accounts.manage', 'secrets.manage'] as const) {
        expect(decide(user(role), p)).toMatchObject({ allowed: false, reason: 'role' });
      }
    }
  });
});

describe('camera groups', () => {
  it('limits scoped permissions to the user’s groups', () => {
    const op = user('operator', ['north']);
    expect(can(op, 'wall.view', { cameraGroup: 'north' })).toBe(true);
    expect(decide(op, 'wall.view', { cameraGroup: 'south' })).toMatchObject({ allowed: false, reason: 'camera-group' });
    expect(can(op, 'bookmark.create', { cameraGroup: 'south' })).toBe(false);
  });

  it('answers the feature-level question when no group is given', () => {
    expect(can(user('operator', ['north']), 'wall.operate')).toBe(true);
    expect(can(user('operator', []), 'wall.operate')).toBe(true);
  });

  it('an empty group list grants no camera, "*" grants every camera', () => {
    expect(can(user('supervisor', []), 'mask.lift', { cameraGroup: 'north' })).toBe(false);
    expect(can(user('supervisor', [ALL_GROUPS]), 'mask.lift', { cameraGroup: 'anything' })).toBe(true);
  });

  it('ignores groups for application-wide permissions', () => {
    expect(can(user('admin', []), 'accounts.manage', { cameraGroup: 'north' })).toBe(true);
  });

  it('puts cameras without a group in "default"', () => {
    expect(cameraGroupOf({})).toBe(DEFAULT_CAMERA_GROUP);
    expect(cameraGroupOf({ group: 'north' })).toBe('north');
    expect(can(user('operator', ['default']), 'wall.view', { cameraGroup: cameraGroupOf({}) })).toBe(true);
  });

  it('a role lacking the right is refused whatever its groups (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(...PERMISSIONS), fc.array(fc.string()), fc.option(fc.string(), { nil: undefined }), (role, p, groups, group) => {
        const subject = user(role, groups);
        const result = can(subject, p, group === undefined ? {} : { cameraGroup: group });
        if (!ROLE_PERMISSIONS[role].has(p)) expect(result).toBe(false);
        if (result && PERMISSION_INFO[p].scoped && group !== undefined) expect(groups.includes(group) || groups.includes(ALL_GROUPS)).toBe(true);
      }),
    );
  });
});

describe('disabled users', () => {
  it('can do nothing', () => {
    const off = user('admin', [ALL_GROUPS], true);
    for (const p of PERMISSIONS) expect(decide(off, p)).toMatchObject({ allowed: false, reason: 'disabled' });
    expect(permissionsOf(off)).toEqual([]);
  });
});

describe('bad data fails closed', () => {
  it('refuses an unknown role or permission instead of throwing', () => {
    expect(decide({ username: 'x', role: 'root' as never, groups: ['*'], disabled: false }, 'wall.view')).toMatchObject({ allowed: false, reason: 'role' });
    expect(can(user('admin'), 'everything' as never)).toBe(false);
    expect(permissionsOf({ username: 'x', role: 'root' as never, groups: [], disabled: false })).toEqual([]);
  });

  it('treats a missing disabled flag as disabled', () => {
    expect(can({ username: 'x', role: 'admin', groups: ['*'] } as never, 'wall.view')).toBe(false);
  });
});
