import { z } from 'zod';
import { LAYOUT_PRESET_IDS, MAX_GRID } from './layoutMath';
import {
  BindingSchema,
  DwellSchema,
  EntityIdSchema,
  LayoutCycleSchema,
  LayoutSchema,
  MAX_TOUR_CAMERAS,
  NameSchema,
  ScreenIdSchema,
  ScreenNameSchema,
  TileSchema,
} from './wallSchema';
import { CameraIdSchema } from '../site/siteSchema';

/**
 * Everything a window, a web client or main itself may ask of the wall. Every field is
 * validated here, so the reducer can be handed whatever arrived over IPC or a WebSocket.
 */

/** A layout file is a few kilobytes; the cap keeps a pasted wrong file from being parsed. */
export const MAX_IMPORT_CHARS = 200_000;

const cell = z.number().int().min(0).max(MAX_GRID * MAX_GRID - 1);
const TileRefSchema = z.object({ screenId: ScreenIdSchema, cell }).strict();

/** Which layout to put on a screen: a preset, one drawn in the editor, or a saved one. */
export const LayoutRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preset'), preset: z.enum(LAYOUT_PRESET_IDS) }).strict(),
  z.object({ kind: z.literal('explicit'), layout: LayoutSchema }).strict(),
  z.object({ kind: z.literal('saved'), layoutId: EntityIdSchema }).strict(),
]);

/** Where a saved layout comes from: what a screen shows now, or a layout from the editor. */
export const LayoutSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('screen'), screenId: ScreenIdSchema }).strict(),
  z.object({ kind: z.literal('layout'), layout: LayoutSchema, tiles: z.array(TileSchema).max(MAX_GRID * MAX_GRID).optional() }).strict(),
]);

const action = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...shape }).strict();

export const WallActionSchema = z.discriminatedUnion('type', [
  action('screen.add', { name: ScreenNameSchema.optional(), layout: LayoutRefSchema.optional() }),
  action('screen.remove', { screenId: ScreenIdSchema }),
  action('screen.rename', { screenId: ScreenIdSchema, name: ScreenNameSchema }),
  action('screen.bind', { screenId: ScreenIdSchema, binding: BindingSchema }),
  action('screen.setLayout', { screenId: ScreenIdSchema, layout: LayoutRefSchema }),
  action('screen.setLayoutCycle', { screenId: ScreenIdSchema, cycle: LayoutCycleSchema.nullable() }),
  action('tile.assign', { screenId: ScreenIdSchema, cell, tile: TileSchema }),
  action('tile.swap', { a: TileRefSchema, b: TileRefSchema }),
  /** Without `cell`: the screen's selected cell as main sees it when applying (no race with a click). */
  action('tile.clear', { screenId: ScreenIdSchema, cell: cell.optional() }),
  action('select', { screenId: ScreenIdSchema, cell }),
  action('selection.move', { screenId: ScreenIdSchema, direction: z.enum(['up', 'down', 'left', 'right']) }),
  action('maximize.toggle', { screenId: ScreenIdSchema, cell: cell.optional() }),
  action('camera.callUp', { screenId: ScreenIdSchema, number: z.number().int().min(1).max(99999) }),
  action('layout.save', { name: NameSchema, shared: z.boolean(), source: LayoutSourceSchema }),
  action('layout.delete', { layoutId: EntityIdSchema }),
  /** `name` overrides the name in the file, e.g. when that name is already taken. */
  action('layout.import', { text: z.string().max(MAX_IMPORT_CHARS), shared: z.boolean(), name: NameSchema.optional() }),
  /** Without `id` a new tour is created; with one, that tour is replaced or created. */
  action('tour.upsert', {
    tour: z
      .object({
        id: EntityIdSchema.optional(),
        name: NameSchema,
        cameraIds: z.array(CameraIdSchema).min(1, 'a tour needs at least one camera').max(MAX_TOUR_CAMERAS),
        dwellS: DwellSchema,
      })
      .strict(),
  }),
  action('tour.delete', { tourId: EntityIdSchema }),
]);

export type LayoutRef = z.infer<typeof LayoutRefSchema>;
export type LayoutSource = z.infer<typeof LayoutSourceSchema>;
export type TileRef = z.infer<typeof TileRefSchema>;
export type WallAction = z.infer<typeof WallActionSchema>;
export type WallActionType = WallAction['type'];
/** One action type's payload, e.g. `WallActionOf<'select'>`. */
export type WallActionOf<T extends WallActionType> = Extract<WallAction, { type: T }>;
