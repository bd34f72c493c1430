import { z } from 'zod';
import { CameraIdSchema } from '../../site/siteSchema';
import { EMPTY_PARAMS as empty, type MethodSpec } from '../methodSpec';

/**
 * Privacy masks: polygons over a camera's picture, in picture coordinates from 0 to 1 (x right,
 * y down), so they fit every stream of the camera whatever its resolution. Drawn by supervisors;
 * lifted only with the permission and a typed reason, for a limited time, always audited.
 */
export const PointSchema = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);
export const MaskPolygonSchema = z.array(PointSchema).min(3).max(64);

export const MaskLiftSchema = z
  .object({
    /** Epoch ms when the mask is applied again by itself. */
    until: z.number().int().nonnegative(),
    by: z.string(),
    reason: z.string(),
  })
  .strict();

export const MasksStateSchema = z
  .object({
    masks: z.record(CameraIdSchema, z.array(MaskPolygonSchema).max(32)),
    lifts: z.record(CameraIdSchema, MaskLiftSchema),
  })
  .strict();

/** Long enough that "checking" cannot be typed as a reason; short enough to stay a sentence. */
export const MIN_LIFT_REASON_CHARS = 10;
export const DEFAULT_LIFT_MINUTES = 30;

export const maskMethods = {
  'masks.get': { access: 'wall.view', input: empty, output: MasksStateSchema },
  'masks.set': { access: 'mask.edit', input: z.object({ cameraId: CameraIdSchema, polygons: z.array(MaskPolygonSchema).max(32) }).strict(), output: MasksStateSchema },
  'masks.lift': {
    access: 'mask.lift',
    input: z
      .object({
        cameraId: CameraIdSchema,
        reason: z.string().trim().min(MIN_LIFT_REASON_CHARS, `say why, in at least ${MIN_LIFT_REASON_CHARS} characters`).max(500),
        minutes: z.number().int().min(1).max(240).optional(),
      })
      .strict(),
    output: MasksStateSchema,
  },
  'masks.reapply': { access: 'mask.lift', input: z.object({ cameraId: CameraIdSchema }).strict(), output: MasksStateSchema },
} as const satisfies Record<string, MethodSpec>;

export const maskEvents = {
  'masks.changed': MasksStateSchema,
} as const satisfies Record<string, z.ZodType>;

export type MasksState = z.infer<typeof MasksStateSchema>;
export type MaskPolygon = z.infer<typeof MaskPolygonSchema>;
