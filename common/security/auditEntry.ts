import { z } from 'zod';
import { RoleSchema } from './roles';
import type { Session } from './userSchema';

/**
 * One line of the audit trail. The chain fields (seq, prevHash, hash) are filled in by the audit
 * log in main; callers supply actor, action and details. Here so the renderer can show entries
 * to users holding audit.read.
 */

export const GENESIS_HASH = '0'.repeat(64);

export const HashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** Where a call came from: an Electron window, a web client, or main itself. */
const origin = z.string().min(1).max(200).optional();

export const AuditActorSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('user'),
      userId: z.string().min(1).max(64),
      username: z.string().min(1).max(64),
      role: RoleSchema,
      sessionId: z.string().min(1).max(64).optional(),
      demo: z.boolean().optional(),
      origin,
    })
    .strict(),
  // Something main did on its own: a mask re-applied by its timer, recovery after a crash.
  z.object({ type: z.literal('system'), component: z.string().min(1).max(64), origin }).strict(),
  // Not signed in, e.g. a failed login: the name typed is recorded as claimed, not as a user.
  z.object({ type: z.literal('anonymous'), claimedUsername: z.string().max(64).optional(), origin }).strict(),
]);
export type AuditActor = z.infer<typeof AuditActorSchema>;

/** The actor for an entry about something a signed-in user did. `origin`: which window or web client. */
export function actorOf(session: Session, origin?: string): AuditActor {
  return {
    type: 'user',
    userId: session.user.id,
    username: session.user.username,
    role: session.user.role,
    sessionId: session.id,
    ...(session.demo ? { demo: true } : {}),
    ...(origin !== undefined ? { origin: origin.slice(0, 200) } : {}),
  };
}

/** Dotted lowercase names, most general part first: `auth.login.failed`, `mask.lifted`. */
export const AuditActionSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, 'must be dotted lowercase words, e.g. auth.login.failed');

/** The names Atalaya writes; a constant per event so a typo is a compile error, not a new action. */
export const AUDIT_ACTIONS = {
  login: 'auth.login',
  loginFailed: 'auth.login.failed',
  lockedOut: 'auth.locked-out',
  logout: 'auth.logout',
  sessionLocked: 'auth.session.locked',
  sessionUnlocked: 'auth.session.unlocked',
  sessionExpired: 'auth.session.expired',
  passwordChanged: 'auth.password.changed',
  demoSession: 'auth.demo-session',
  accountCreated: 'account.created',
  accountUpdated: 'account.updated',
  passwordReset: 'account.password.reset',
  /** details: cameraId, screen, tile, from, to (ISO times) — written when the camera leaves the tile. */
  cameraViewed: 'view.camera',
  playbackViewed: 'view.playback',
  bookmarkCreated: 'bookmark.created',
  layoutChanged: 'layout.changed',
  exportCreated: 'export.created',
  maskEdited: 'mask.edited',
  maskLifted: 'mask.lifted',
  maskReapplied: 'mask.reapplied',
  permissionDenied: 'permission.denied',
  secretChanged: 'secret.changed',
  settingsChanged: 'settings.changed',
  /** A camera's position, heading, field of view or range changed on the map (or undone/redone). */
  cameraEdited: 'camera.edited',
  exerciseStarted: 'exercise.started',
  exerciseEnded: 'exercise.ended',
  auditExported: 'audit.exported',
  /** Written by the audit log itself when it opens a file whose tail was torn by a crash. */
  auditRecovered: 'audit.recovered',
  /** Written by the audit log itself when it opens a file whose chain does not verify. */
  auditIntegrityFailure: 'audit.integrity-failure',
} as const;

export const AuditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    /** ISO 8601 UTC with milliseconds. */
    time: z.string().min(1).max(40),
    actor: AuditActorSchema,
    action: AuditActionSchema,
    details: z.record(z.string(), z.json()),
    prevHash: HashSchema,
    hash: HashSchema,
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
