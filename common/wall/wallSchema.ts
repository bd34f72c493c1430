import { z } from 'zod';
import { CameraIdSchema } from '../site/siteSchema';
import { jsonPath } from '../validation';
import { layoutProblems, MAX_GRID } from './layoutMath';

/**
 * The wall: screens (one per physical display or browser client), each showing a grid layout
 * of tiles, plus the named layouts and tours supervisors build. Owned by main, changed only by
 * `wallReducer`, persisted and broadcast as a whole. Objects are `strict` so a persisted or
 * imported file with a misspelt field is reported instead of half-read.
 */

/** Enough for the largest control-room walls while keeping a runaway client bounded. */
export const MAX_SCREENS = 64;
export const MAX_SAVED_LAYOUTS = 500;
export const MAX_TOURS = 500;
export const MAX_TOUR_CAMERAS = 500;
/** Shorter dwells flash cameras by faster than an operator can take in a scene. */
export const MIN_DWELL_S = 3;
export const MAX_DWELL_S = 3600;

/**
 * For refinements that walk a value: zod runs refinements even after a field failed its own
 * check (a fractional row count, a name that is a number), and walking such a value could
 * throw. Those values already have an issue, so the refinement has nothing to add.
 */
export const WHEN_WELL_FORMED = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** Screen ids are small numbers as strings, because they appear in URLs (`?screen=2`). */
export const ScreenIdSchema = z.string().regex(/^[1-9][0-9]{0,2}$/, 'must be a screen number such as "1"');
/** Ids of saved layouts and tours. */
export const EntityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _');
export const NameSchema = z.string().trim().min(1, 'must not be empty').max(80);
/** May be empty: an unnamed screen is shown as "Screen N" in the operator's language. */
export const ScreenNameSchema = z.string().trim().max(80);

const gridIndex = z.number().int().min(0).max(MAX_GRID - 1);
const gridSpan = z.number().int().min(1).max(MAX_GRID);

/** A rectangle of the grid, in grid rows and columns counted from 0. */
export const CellSchema = z.object({ row: gridIndex, col: gridIndex, rowSpan: gridSpan, colSpan: gridSpan }).strict();

export const LayoutSchema = z
  .object({
    name: NameSchema.optional(),
    rows: gridSpan,
    cols: gridSpan,
    cells: z.array(CellSchema).min(1).max(MAX_GRID * MAX_GRID),
  })
  .strict()
  .superRefine((layout, ctx) => {
    for (const problem of layoutProblems(layout)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  }, WHEN_WELL_FORMED);

export const TileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }).strict(),
  z.object({ kind: z.literal('camera'), cameraId: CameraIdSchema }).strict(),
  z.object({ kind: z.literal('tour'), tourId: EntityIdSchema }).strict(),
]);

export const BoundsSchema = z
  .object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() })
  .strict();

/**
 * Where a screen is shown. A display binding is kept while the display is unplugged, so the
 * screen returns to it when it comes back (main shows it in a reachable window meanwhile).
 */
export const BindingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('display'), displayId: z.number().int().nonnegative(), bounds: BoundsSchema }).strict(),
  z.object({ kind: z.literal('client') }).strict(),
  z.object({ kind: z.literal('unbound') }).strict(),
]);

export const DwellSchema = z.number().int().min(MIN_DWELL_S).max(MAX_DWELL_S);

export const LayoutCycleSchema = z
  .object({
    layoutIds: z.array(EntityIdSchema).min(2, 'a layout cycle needs at least two layouts').max(64),
    dwellS: DwellSchema,
  })
  .strict();

export const ScreenSchema = z
  .object({
    id: ScreenIdSchema,
    name: ScreenNameSchema,
    binding: BindingSchema,
    layout: LayoutSchema,
    /** One per layout cell, in the same order. */
    tiles: z.array(TileSchema).max(MAX_GRID * MAX_GRID),
    /** Index of the selected cell: every screen has exactly one. */
    selected: z.number().int().min(0),
    /** Index of the maximized cell, always the selected one, or null. */
    maximized: z.number().int().min(0).nullable(),
    layoutCycle: LayoutCycleSchema.optional(),
  })
  .strict();

/**
 * A named layout. With `tiles` it is a view (grid and what each cell shows); without, a grid
 * template that keeps the screen's tiles when applied.
 */
export const SavedLayoutSchema = z
  .object({
    id: EntityIdSchema,
    name: NameSchema,
    /** Shared layouts are the supervisor's: operators use them but cannot change them. */
    shared: z.boolean(),
    layout: LayoutSchema,
    tiles: z.array(TileSchema).max(MAX_GRID * MAX_GRID).optional(),
  })
  .strict();

export const TourSchema = z
  .object({
    id: EntityIdSchema,
    name: NameSchema,
    cameraIds: z.array(CameraIdSchema).min(1, 'a tour needs at least one camera').max(MAX_TOUR_CAMERAS),
    dwellS: DwellSchema,
  })
  .strict();

/** Shape plus every invariant that does not depend on the site (see wallValidation for cameras). */
export const WallStateSchema = z
  .object({
    version: z.literal(1),
    screens: z.array(ScreenSchema).min(1).max(MAX_SCREENS),
    layouts: z.array(SavedLayoutSchema).max(MAX_SAVED_LAYOUTS),
    tours: z.array(TourSchema).max(MAX_TOURS),
  })
  .strict()
  .superRefine((state, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const tourIds = new Set(state.tours.map((t) => t.id));
    const layoutIds = new Set(state.layouts.map((l) => l.id));
    const checkTiles = (tiles: Tile[], cellCount: number, path: PropertyKey[]) => {
      if (tiles.length !== cellCount) issue([...path, 'tiles'], `has ${tiles.length} tiles for ${cellCount} layout cells`);
      tiles.forEach((tile, i) => {
        if (tile.kind === 'tour' && !tourIds.has(tile.tourId)) issue([...path, 'tiles', i, 'tourId'], `unknown tour "${tile.tourId}"`);
      });
    };
    const firstAt = new Map<string, string>();
    const unique = (what: string, key: string, path: PropertyKey[], shown = key) => {
      const first = firstAt.get(`${what}:${key}`);
      if (first === undefined) firstAt.set(`${what}:${key}`, jsonPath(path));
      else issue(path, `duplicate ${what} "${shown}" (also ${first})`);
    };

    state.screens.forEach((screen, i) => {
      const path = ['screens', i];
      unique('screen id', screen.id, [...path, 'id']);
      if (screen.binding.kind === 'display') unique('display', String(screen.binding.displayId), [...path, 'binding', 'displayId']);
      const cellCount = screen.layout.cells.length;
      checkTiles(screen.tiles, cellCount, path);
      if (screen.selected >= cellCount) issue([...path, 'selected'], `cell ${screen.selected} is outside the ${cellCount}-cell layout`);
      if (screen.maximized !== null && screen.maximized !== screen.selected) issue([...path, 'maximized'], 'the maximized cell must be the selected one');
      screen.layoutCycle?.layoutIds.forEach((id, j) => {
        if (!layoutIds.has(id)) issue([...path, 'layoutCycle', 'layoutIds', j], `unknown layout "${id}"`);
      });
    });
    state.layouts.forEach((saved, i) => {
      unique('layout id', saved.id, ['layouts', i, 'id']);
      unique('layout name', saved.name.toLowerCase(), ['layouts', i, 'name'], saved.name);
      if (saved.tiles !== undefined) checkTiles(saved.tiles, saved.layout.cells.length, ['layouts', i]);
    });
    state.tours.forEach((tour, i) => unique('tour id', tour.id, ['tours', i, 'id']));
  }, WHEN_WELL_FORMED);

export type Cell = z.infer<typeof CellSchema>;
export type Layout = z.infer<typeof LayoutSchema>;
export type Tile = z.infer<typeof TileSchema>;
export type Bounds = z.infer<typeof BoundsSchema>;
export type Binding = z.infer<typeof BindingSchema>;
export type LayoutCycle = z.infer<typeof LayoutCycleSchema>;
export type Screen = z.infer<typeof ScreenSchema>;
export type SavedLayout = z.infer<typeof SavedLayoutSchema>;
export type Tour = z.infer<typeof TourSchema>;
export type WallState = z.infer<typeof WallStateSchema>;

/** Shared by every empty tile, so frozen. */
export const EMPTY_TILE: Tile = Object.freeze({ kind: 'empty' });
