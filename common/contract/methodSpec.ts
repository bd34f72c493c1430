import { z } from 'zod';
import type { Permission } from '../security/permissions';

/**
 * Who may call a method, checked by main on every call whatever the transport:
 * - 'public': anyone, signed in or not (app info, signing in);
 * - 'signedIn': any unlocked session;
 * - a Permission: a session whose role grants it (camera-scoped permissions are checked again
 *   per camera by the handler);
 * - 'dynamic': depends on the params (e.g. the wall action); main's gate decides.
 */
export type MethodAccess = 'public' | 'signedIn' | 'dynamic' | Permission;

/** A contract method: who may call it, the schema main applies to the `unknown` params, and what it answers. */
export interface MethodSpec {
  access: MethodAccess;
  input: z.ZodType;
  output: z.ZodType;
}

/** Params of a method that takes none. */
export const EMPTY_PARAMS = z.object({}).strict();
