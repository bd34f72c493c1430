import { z } from 'zod';
import { PermissionSchema } from '../../security/permissions';
import { RoleSchema } from '../../security/roles';
import { EMPTY_PARAMS as empty, type MethodSpec } from '../methodSpec';

/**
 * Signing in. A session belongs to the connection (a window or a web client) that opened it; the
 * token is returned once so a browser can resume after its socket reconnects, and is never part
 * of app state. The built-in demo site signs every connection in as the demo supervisor.
 */
export const AuthStatusSchema = z
  .object({
    signedIn: z.boolean(),
    user: z
      .object({ username: z.string(), displayName: z.string().optional(), role: RoleSchema, groups: z.array(z.string()) })
      .strict()
      .nullable(),
    demo: z.boolean(),
    /** No account exists yet: the first person to arrive creates the admin. */
    needsSetup: z.boolean(),
    locked: z.boolean(),
    permissions: z.array(PermissionSchema),
  })
  .strict();

export const SignInResultSchema = z.object({ status: AuthStatusSchema, token: z.string() }).strict();

const credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

export const authMethods = {
  'auth.status': { access: 'public', input: empty, output: AuthStatusSchema },
  'auth.login': { access: 'public', input: credentials, output: SignInResultSchema },
  'auth.resume': { access: 'public', input: z.object({ token: z.string().min(1).max(200) }).strict(), output: AuthStatusSchema },
  'auth.setup': { access: 'public', input: credentials, output: SignInResultSchema },
  'auth.logout': { access: 'public', input: empty, output: AuthStatusSchema },
  'auth.lock': { access: 'public', input: empty, output: AuthStatusSchema },
  'auth.unlock': { access: 'public', input: z.object({ password: z.string().min(1).max(1024) }).strict(), output: AuthStatusSchema },
} as const satisfies Record<string, MethodSpec>;

export type AuthStatus = z.infer<typeof AuthStatusSchema>;
