import { z } from 'zod';
import { RoleSchema } from './roles';

/** In `user.groups`, this entry grants every camera group. */
export const ALL_GROUPS = '*';

/**
 * Letters of any script (operators are named José, João, Zoë), digits and . _ - @.
 * No spaces or control characters, so a name reads the same in the audit trail and its CSV.
 */
export const UsernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'may contain letters, digits and . _ - @ only');

/**
 * Usernames are compared case-insensitively after Unicode normalisation, so "Jose" and "jose",
 * or "José" typed with a combining accent, cannot be two accounts that look alike in the audit.
 */
export function normalizeUsername(username: string): string {
  return username.normalize('NFC').toLowerCase();
}

/** A camera group as named in the site file, or ALL_GROUPS. */
export const CameraGroupSchema = z.string().min(1).max(60);

export const UserIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const UserSchema = z
  .object({
    id: UserIdSchema,
    username: UsernameSchema,
    displayName: z.string().min(1).max(120).optional(),
    role: RoleSchema,
    /**
     * Camera groups the user may work with; [ALL_GROUPS] for all of them. An empty list means
     * none (never "all"): a forgotten field must not widen access.
     */
    groups: z.array(CameraGroupSchema).max(200),
    disabled: z.boolean(),
    /** Set when an admin resets the password: the user must choose a new one on next login. */
    mustChangePassword: z.boolean().default(false),
  })
  .strict();

export type User = z.infer<typeof UserSchema>;

/**
 * What the renderer and the audit may know about a signed-in session. The bearer token is not in
 * it: it is returned once by login and held by the transport, never part of app state.
 */
export const SessionSchema = z
  .object({
    /** Public id for logs and the audit; knowing it grants nothing. */
    id: z.string().min(1).max(64),
    user: UserSchema,
    /** The built-in demo site's password-less supervisor: every screen shows DEMO. */
    demo: z.boolean(),
    /** Epoch milliseconds. */
    createdAt: z.number().int().nonnegative(),
    expiresAt: z.number().int().nonnegative(),
    lastActivityAt: z.number().int().nonnegative(),
    /** Inactivity after which the session locks; 0 when it never does (demo). */
    idleTimeoutMs: z.number().int().nonnegative(),
    /** Locked by inactivity: the user must type the password again, the wall may stay visible. */
    locked: z.boolean(),
  })
  .strict();

export type Session = z.infer<typeof SessionSchema>;
