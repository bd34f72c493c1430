import { readFile } from 'node:fs/promises';
import type { EditHistory } from '../../../common/contract/methods/map';
import type { LoadedSite } from '../../../common/contract/contract';
import { AppError } from '../../../common/contract/result';
import {
  PlacementHistory,
  patchSiteJson,
  placementOf,
  samePlacement,
  tidyPlacement,
  withChange,
  type CameraPlacement,
  type PlacementChange,
  type PlacementEdit,
} from '../../../common/map/cameraPlacement';
import { SiteSchema, type Camera, type Site } from '../../../common/site/siteSchema';
import { describeProblems, problemsOf } from '../../../common/validation';
import { writeFileAtomic } from '../storage/atomicFile';

/** What the edit service needs of the site service. */
export interface SiteAccess {
  current(): LoadedSite;
  /** Re-reads and validates a site file (after this service has written it). */
  load(path: string): Promise<LoadedSite>;
  /**
   * Puts an edited copy of the site in use without reading a file. Needed for the built-in demo
   * site, which has no file of its own to write; without it the demo is read-only.
   */
  replace?(site: Site): LoadedSite;
}

export interface CameraEditServiceOptions {
  site: SiteAccess;
  /** Called with the new site after every saved edit (main broadcasts it and updates the wall). */
  onSiteChanged(loaded: LoadedSite): void;
  onHistoryChanged?(history: EditHistory): void;
  /** For the audit trail: an edit, undo or redo was saved. */
  onSaved?(event: { kind: 'edit' | 'undo' | 'redo'; edit: PlacementEdit; actor: string }): void | Promise<void>;
  now?: () => number;
}

export interface EditOutcome {
  camera: Camera | null;
  history: EditHistory;
}

/**
 * Supervisors' camera placement edits from the map: validated, saved to the site file (atomically,
 * changing only that camera's position, heading, fov and range), pushed to every window, undoable.
 * Edits run one at a time, so two supervisors dragging at once cannot interleave a read and a
 * write. The history is main's, shared by everyone editing the site, and forgotten when another
 * site is loaded or the site file is reloaded from outside.
 */
export class CameraEditService {
  private readonly history = new PlacementHistory();
  private queue: Promise<unknown> = Promise.resolve();
  /** The LoadedSite this service last produced or saw; another one means the site changed under us. */
  private known: LoadedSite | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: CameraEditServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.known = opts.site.current();
  }

  /** Why edits are refused for the site in use, or null. */
  readOnlyReason(): string | null {
    const loaded = this.opts.site.current();
    if (loaded.demo && !this.opts.site.replace) return 'The built-in demo site is read-only: load a site file to edit camera positions.';
    return null;
  }

  historyView(): EditHistory {
    this.forgetIfSiteChanged();
    const undo = this.history.peekUndo();
    const redo = this.history.peekRedo();
    return {
      undo: this.history.undoCount,
      redo: this.history.redoCount,
      nextUndo: undo ? { cameraId: undo.cameraId, actor: undo.actor } : null,
      nextRedo: redo ? { cameraId: redo.cameraId, actor: redo.actor } : null,
      readOnly: this.readOnlyReason(),
    };
  }

  edit(cameraId: string, change: PlacementChange, actor: string, base?: CameraPlacement): Promise<EditOutcome> {
    return this.serialized(async () => {
      this.forgetIfSiteChanged();
      const camera = this.cameraOf(cameraId);
      const before = placementOf(camera);
      if (base && !samePlacement(base, before)) {
        throw new AppError('conflict', `camera ${camera.number} was changed by someone else meanwhile; its map shows the new placement`);
      }
      // Only what was changed is rounded: a field the supervisor did not touch stays as written.
      const after = withChange(before, tidyPlacement(change));
      if (samePlacement(before, after)) return { camera, history: this.historyView() };
      const saved = await this.save(cameraId, after);
      const edit: PlacementEdit = { cameraId, before, after, actor, at: this.now() };
      this.history.record(edit);
      await this.opts.onSaved?.({ kind: 'edit', edit, actor });
      return this.outcome(saved);
    });
  }

  /** `check` may refuse (throw) for the camera the undo would move, e.g. outside the user's groups. */
  undo(actor: string, check?: (cameraId: string) => void): Promise<EditOutcome> {
    return this.serialized(async () => {
      this.forgetIfSiteChanged();
      for (;;) {
        const edit = this.history.peekUndo();
        if (!edit) return { camera: null, history: this.historyView() };
        const current = this.findCamera(edit.cameraId);
        // Moved since (by hand, another tool) or gone: this step no longer undoes anything.
        if (!current || !samePlacement(placementOf(current), edit.after)) {
          this.history.dropUndo();
          continue;
        }
        check?.(edit.cameraId);
        const saved = await this.save(edit.cameraId, edit.before);
        this.history.markUndone();
        await this.opts.onSaved?.({ kind: 'undo', edit, actor });
        return this.outcome(saved);
      }
    });
  }

  redo(actor: string, check?: (cameraId: string) => void): Promise<EditOutcome> {
    return this.serialized(async () => {
      this.forgetIfSiteChanged();
      for (;;) {
        const edit = this.history.peekRedo();
        if (!edit) return { camera: null, history: this.historyView() };
        const current = this.findCamera(edit.cameraId);
        if (!current || !samePlacement(placementOf(current), edit.before)) {
          this.history.dropRedo();
          continue;
        }
        check?.(edit.cameraId);
        const saved = await this.save(edit.cameraId, edit.after);
        this.history.markRedone();
        await this.opts.onSaved?.({ kind: 'redo', edit, actor });
        return this.outcome(saved);
      }
    });
  }

  /** The camera's current entry, for permission checks before an edit. */
  findCamera(cameraId: string): Camera | undefined {
    return this.opts.site.current().site.cameras.find((c) => c.id === cameraId);
  }

  private cameraOf(cameraId: string): Camera {
    const camera = this.findCamera(cameraId);
    if (!camera) throw new AppError('not_found', `there is no camera "${cameraId}" in this site`);
    return camera;
  }

  private outcome(camera: Camera): EditOutcome {
    const history = this.historyView();
    this.opts.onHistoryChanged?.(history);
    return { camera, history };
  }

  /**
   * Writes the placement and makes the result the site in use. The file is re-read rather than
   * rewritten from memory, so a supervisor's hand edits elsewhere in it are kept, and the patched
   * text is validated as a whole before it replaces the file: a save can never leave a site that
   * does not load.
   */
  private async save(cameraId: string, placement: CameraPlacement): Promise<Camera> {
    const loaded = this.opts.site.current();
    const camera = this.cameraOf(cameraId);
    if (camera.floor !== undefined) checkOnFloor(loaded.site, camera, placement);
    let next: LoadedSite;
    if (loaded.demo) {
      const reason = this.readOnlyReason();
      if (reason || !this.opts.site.replace) throw new AppError('forbidden', reason ?? 'read-only site');
      const patched = patchSiteJson(loaded.site, cameraId, placement);
      next = this.opts.site.replace(validSite(patched, 'demo site'));
    } else {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(loaded.source, 'utf8'));
      } catch (err) {
        throw new AppError('unavailable', `${loaded.source}: cannot read the site file to save the change (${(err as Error).message})`);
      }
      const patched = patchSiteJson(raw, cameraId, placement);
      if (patched === null) throw new AppError('conflict', `${loaded.source} no longer has camera "${cameraId}"; reload the site`);
      validSite(patched, loaded.source);
      await writeFileAtomic(loaded.source, `${JSON.stringify(patched, null, 2)}\n`);
      next = await this.opts.site.load(loaded.source);
    }
    this.known = next;
    this.opts.onSiteChanged(next);
    return next.site.cameras.find((c) => c.id === cameraId) ?? camera;
  }

  private forgetIfSiteChanged(): void {
    const current = this.opts.site.current();
    if (current === this.known) return;
    this.known = current;
    if (this.history.undoCount + this.history.redoCount > 0) {
      this.history.clear();
      this.opts.onHistoryChanged?.(this.historyView());
    }
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function validSite(raw: unknown, source: string): Site {
  const parsed = SiteSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid_input', describeProblems(source, problemsOf(parsed.error)));
  return parsed.data;
}

/** A camera on a floor plan stays on the plan: its position is in plan units, 0…width × 0…height. */
function checkOnFloor(site: Site, camera: Camera, placement: CameraPlacement): void {
  const floor = site.map.floors.find((f) => f.id === camera.floor);
  if (!floor) return;
  const { lat: y, lng: x } = placement.position;
  if (x < 0 || y < 0 || x > floor.width || y > floor.height) {
    throw new AppError('invalid_input', `camera ${camera.number} would leave floor plan "${floor.name}" (${floor.width} × ${floor.height})`);
  }
}
