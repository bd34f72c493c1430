import { z } from 'zod';

/**
 * VMS targets a bookmark is delivered to. Credentials are never in the site file itself:
 * `secretRef` names an entry of the encrypted credential store kept by main.
 */
const base = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _'),
  name: z.string().min(1).max(120).optional(),
  url: z.url({ protocol: /^https?$/ }),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
};

export const VmsTargetSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('webhook'), secretRef: z.string().min(1).optional() }).strict(),
  z.object({ ...base, type: z.literal('nx'), secretRef: z.string().min(1), apiVersion: z.number().int().min(1).max(9).default(3) }).strict(),
  z.object({ ...base, type: z.literal('milestone'), secretRef: z.string().min(1) }).strict(),
  z.object({ ...base, type: z.literal('frigate'), secretRef: z.string().min(1).optional(), label: z.string().min(1).default('atalaya') }).strict(),
]);

export type VmsTarget = z.infer<typeof VmsTargetSchema>;
