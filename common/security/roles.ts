import { z } from 'zod';

/**
 * The four kinds of people who use Atalaya (see design.md, "Who uses it"). A user has exactly one
 * role; what a role may do is the table in permissions.ts, so adding a right never means a new role.
 */
export const ROLES = ['operator', 'supervisor', 'trainer', 'admin'] as const;

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
