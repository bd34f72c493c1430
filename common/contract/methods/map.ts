import { z } from 'zod';
import { PlacementChangeSchema, CameraPlacementSchema } from '../../map/cameraPlacement';
import { MapLiveStateSchema, ReportedStateSchema } from '../../map/liveStatus';
import { CameraIdSchema, CameraSchema } from '../../site/siteSchema';
import { EMPTY_PARAMS as empty, type MethodSpec } from '../methodSpec';

/**
 * The map: supervisors' camera placement edits (saved to the site file, validated, undoable) and
 * the live state of every camera for the markers' colours.
 */

/** A camera per tile on the biggest wall is far below this; it bounds what one report may carry. */
export const MAX_REPORTED_CAMERAS = 1024;

export const EditHistorySchema = z
  .object({
    undo: z.number().int().nonnegative(),
    redo: z.number().int().nonnegative(),
    /** The camera the next undo / redo would move, for the buttons' tooltips. */
    nextUndo: z.object({ cameraId: CameraIdSchema, actor: z.string() }).strict().nullable(),
    nextRedo: z.object({ cameraId: CameraIdSchema, actor: z.string() }).strict().nullable(),
    /** Why edits are refused for this site (e.g. the built-in demo is read-only), or null. */
    readOnly: z.string().nullable(),
  })
  .strict();

export const CameraEditResultSchema = z
  .object({
    /** The camera as now saved; null when an undo / redo had nothing to do. */
    camera: CameraSchema.nullable(),
    history: EditHistorySchema,
  })
  .strict();

export const LiveStatusSchema = z
  .object({
    /** Grows with every change, so a window can ignore an older snapshot that arrives late. */
    rev: z.number().int().nonnegative(),
    /** Cameras some window is playing; any camera missing here is `unknown`. */
    cameras: z.record(CameraIdSchema, MapLiveStateSchema),
  })
  .strict();

const cameraReports = z
  .record(CameraIdSchema, ReportedStateSchema)
  .refine((r) => Object.keys(r).length <= MAX_REPORTED_CAMERAS, { message: `at most ${MAX_REPORTED_CAMERAS} cameras per report` });

export const mapMethods = {
  /**
   * Moves a camera or changes its view. `base`, when given, is the placement the editor started
   * from: if the camera has changed since (another supervisor), the edit is refused ('conflict').
   * Camera-scoped: main also checks `camera.edit` for the camera's group.
   */
  'map.editCamera': {
    access: 'camera.edit',
    input: z.object({ cameraId: CameraIdSchema, change: PlacementChangeSchema, base: CameraPlacementSchema.optional() }).strict(),
    output: CameraEditResultSchema,
  },
  'map.undo': { access: 'camera.edit', input: empty, output: CameraEditResultSchema },
  'map.redo': { access: 'camera.edit', input: empty, output: CameraEditResultSchema },
  'map.history': { access: 'map.view', input: empty, output: EditHistorySchema },
  /**
   * What this window's players show, per camera: the whole set each time (a camera left out is no
   * longer played here). Windows repeat it every 10 s; a window silent for 30 s is forgotten.
   */
  'streams.report': { access: 'signedIn', input: z.object({ cameras: cameraReports }).strict(), output: z.object({}).strict() },
  'streams.get': { access: 'signedIn', input: empty, output: LiveStatusSchema },
} as const satisfies Record<string, MethodSpec>;

export const mapEvents = {
  'map.historyChanged': EditHistorySchema,
  'streams.changed': LiveStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type EditHistory = z.infer<typeof EditHistorySchema>;
export type CameraEditResult = z.infer<typeof CameraEditResultSchema>;
export type LiveStatus = z.infer<typeof LiveStatusSchema>;
