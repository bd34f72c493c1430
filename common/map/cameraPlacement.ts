import { z } from 'zod';
import { normalizeDegrees } from '../geo/geodesy';
import { LatLngSchema, type Camera, type LatLng } from '../site/siteSchema';

/**
 * Where a camera is and what it sees: the part of a camera a supervisor edits on the map.
 * Limits are the site schema's, so an edit that passes here cannot make the site invalid.
 */
export const CameraPlacementSchema = z
  .object({
    position: LatLngSchema,
    heading: z.number().min(0).max(360),
    fov: z.number().gt(0).max(360),
    range: z.number().positive().max(20000),
  })
  .strict();

export const PlacementChangeSchema = CameraPlacementSchema.partial()
  .strict()
  .refine((change) => Object.keys(change).length > 0, { message: 'give at least one of position, heading, fov, range' });

export type CameraPlacement = z.infer<typeof CameraPlacementSchema>;
export type PlacementChange = z.infer<typeof PlacementChangeSchema>;

export function placementOf(camera: Pick<Camera, 'position' | 'heading' | 'fov' | 'range'>): CameraPlacement {
  return { position: { lat: camera.position.lat, lng: camera.position.lng }, heading: camera.heading, fov: camera.fov, range: camera.range };
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/**
 * A drag gives doubles with 16 digits; the site file is read by people. Positions to 1e-7° (about
 * a centimetre, the precision of the demo site), angles to 0.1°, range to 0.1 m. Heading 360 is
 * written as 0. Floor-plan positions (plan units) get the same 7 decimals, far below a pixel.
 */
export function tidyPlacement(change: PlacementChange): PlacementChange {
  const out: PlacementChange = {};
  if (change.position) out.position = { lat: round(change.position.lat, 7), lng: round(change.position.lng, 7) };
  if (change.heading !== undefined) out.heading = round(normalizeDegrees(round(change.heading, 1)), 1);
  if (change.fov !== undefined) out.fov = Math.min(360, Math.max(0.1, round(change.fov, 1)));
  if (change.range !== undefined) out.range = Math.min(20000, Math.max(0.1, round(change.range, 1)));
  return out;
}

export function samePlacement(a: CameraPlacement, b: CameraPlacement): boolean {
  return a.position.lat === b.position.lat && a.position.lng === b.position.lng && a.heading === b.heading && a.fov === b.fov && a.range === b.range;
}

export function withChange(placement: CameraPlacement, change: PlacementChange): CameraPlacement {
  return {
    position: change.position ? { ...change.position } : placement.position,
    heading: change.heading ?? placement.heading,
    fov: change.fov ?? placement.fov,
    range: change.range ?? placement.range,
  };
}

/**
 * The site file's JSON with one camera's placement replaced, every other byte of meaning kept:
 * fields the schema would default (tags, engine) stay absent, unknown-to-us fields stay as they
 * are, and key order is kept. Returns null when the file has no camera with that id. The caller
 * validates the result with the site schema before writing it.
 */
export function patchSiteJson(raw: unknown, cameraId: string, placement: CameraPlacement): unknown | null {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { cameras?: unknown }).cameras)) return null;
  const site = raw as { cameras: unknown[] };
  const index = site.cameras.findIndex((c) => typeof c === 'object' && c !== null && (c as { id?: unknown }).id === cameraId);
  if (index === -1) return null;
  const camera = site.cameras[index] as Record<string, unknown>;
  const position: LatLng = { lat: placement.position.lat, lng: placement.position.lng };
  const patched = { ...camera, position, heading: placement.heading, fov: placement.fov, range: placement.range };
  return { ...site, cameras: site.cameras.map((c, i) => (i === index ? patched : c)) };
}

// --- Undo ------------------------------------------------------------------------------------

export interface PlacementEdit {
  cameraId: string;
  before: CameraPlacement;
  after: CameraPlacement;
  /** Who made it, for the undo button's tooltip and the audit. */
  actor: string;
  at: number;
}

/**
 * Undo and redo of placement edits, one shared history per site in main (two supervisors on one
 * site see one history, as with a shared document). Undoing restores `before` only if the camera
 * is still at `after`: the caller checks that and drops the entry otherwise (someone moved the
 * camera since, by hand or by reloading the file).
 */
export class PlacementHistory {
  private done: PlacementEdit[] = [];
  private undone: PlacementEdit[] = [];

  constructor(private readonly limit = 200) {}

  record(edit: PlacementEdit): void {
    this.done.push(edit);
    if (this.done.length > this.limit) this.done.shift();
    // A new edit after undoing forks history: the undone edits can no longer be redone.
    this.undone = [];
  }

  peekUndo(): PlacementEdit | undefined {
    return this.done[this.done.length - 1];
  }

  peekRedo(): PlacementEdit | undefined {
    return this.undone[this.undone.length - 1];
  }

  /** Moves the last edit to the redo stack (after the caller has applied `before`). */
  markUndone(): PlacementEdit | undefined {
    const edit = this.done.pop();
    if (edit) this.undone.push(edit);
    return edit;
  }

  /** Moves the last undone edit back (after the caller has applied `after`). */
  markRedone(): PlacementEdit | undefined {
    const edit = this.undone.pop();
    if (edit) this.done.push(edit);
    return edit;
  }

  /** Forgets the edit on top of the undo (or redo) stack: it no longer applies. */
  dropUndo(): void {
    this.done.pop();
  }

  dropRedo(): void {
    this.undone.pop();
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  get undoCount(): number {
    return this.done.length;
  }

  get redoCount(): number {
    return this.undone.length;
  }
}
