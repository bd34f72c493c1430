import { z } from 'zod';

/**
 * VMS targets a bookmark is delivered to. Credentials are never in the site file itself:
 * `secretRef` names an entry of the encrypted credential store kept by main (the HMAC key of a
 * webhook, the password of a VMS user). User names are not secret and live here.
 */
const CameraIdKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a camera id');

const base = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _'),
  name: z.string().min(1).max(120).optional(),
  url: z.url({ protocol: /^https?$/ }),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  /**
   * This VMS's id for a camera when it differs from the camera's `vmsDeviceId` — for sites
   * that record on more than one VMS. Keyed by camera id.
   */
  deviceIds: z.record(CameraIdKey, z.string().min(1).max(200)).optional(),
};

export const VmsTargetSchema = z.discriminatedUnion('type', [
  /** Unsigned when no secretRef is given: only for a receiver on a trusted network. */
  z.object({ ...base, type: z.literal('webhook'), secretRef: z.string().min(1).optional() }).strict(),
  z
    .object({
      ...base,
      type: z.literal('nx'),
      username: z.string().min(1).max(120),
      secretRef: z.string().min(1),
      /** `/rest/v{n}`; bookmarks and session login exist from v1 (Nx Witness 5.1). */
      apiVersion: z.number().int().min(1).max(9).default(3),
    })
    .strict(),
  z.object({ ...base, type: z.literal('milestone'), username: z.string().min(1).max(120), secretRef: z.string().min(1) }).strict(),
  z
    .object({
      ...base,
      type: z.literal('frigate'),
      /** Both absent for Frigate's unauthenticated internal port (5000). */
      username: z.string().min(1).max(120).optional(),
      secretRef: z.string().min(1).optional(),
      label: z.string().min(1).default('atalaya'),
    })
    .strict()
    .refine((t) => (t.username === undefined) === (t.secretRef === undefined), { message: 'username and secretRef go together', path: ['secretRef'] }),
]);

export type VmsTarget = z.infer<typeof VmsTargetSchema>;
