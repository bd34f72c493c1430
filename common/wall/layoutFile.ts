import { z } from 'zod';
import { parseJsonWith, type Parsed } from '../validation';
import { MAX_GRID } from './layoutMath';
import { LayoutSchema, NameSchema, TileSchema, WHEN_WELL_FORMED, type SavedLayout } from './wallSchema';

/**
 * The JSON file a layout is exported to and imported from. It carries no id and no `shared`
 * flag: those belong to the wall it is imported into, and are decided there.
 */

export const LAYOUT_FILE_FORMAT = 'atalaya.layout';

export const LayoutFileSchema = z
  .object({
    format: z.literal(LAYOUT_FILE_FORMAT),
    version: z.literal(1),
    name: NameSchema,
    layout: LayoutSchema,
    tiles: z.array(TileSchema).max(MAX_GRID * MAX_GRID).optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (file.tiles !== undefined && file.tiles.length !== file.layout.cells.length) {
      ctx.addIssue({ code: 'custom', path: ['tiles'], message: `has ${file.tiles.length} tiles for ${file.layout.cells.length} layout cells` });
    }
  }, WHEN_WELL_FORMED);

export type LayoutFile = z.infer<typeof LayoutFileSchema>;

export function exportLayoutFile(saved: SavedLayout): string {
  const file: LayoutFile = { format: LAYOUT_FILE_FORMAT, version: 1, name: saved.name, layout: saved.layout };
  if (saved.tiles !== undefined) file.tiles = saved.tiles;
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function parseLayoutFile(text: string): Parsed<LayoutFile> {
  return parseJsonWith(LayoutFileSchema, text);
}
