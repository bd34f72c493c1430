import type { WallState } from '../../../common/wall/wallSchema';

export interface CameraView {
  cameraId: string;
  screen: string;
  tile: number;
  /** ISO times. */
  from: string;
  to: string;
}

/**
 * Which camera was shown on which screen, from when to when: the audit needs it to answer "who
 * could see this place at that time". Fed every wall state; reports each view when it ends.
 */
export class CameraViewTracker {
  private readonly shown = new Map<string, { cameraId: string; screen: string; tile: number; since: string }>();

  update(state: WallState, nowIso: string): CameraView[] {
    const next = new Map<string, { cameraId: string; screen: string; tile: number }>();
    for (const screen of state.screens) {
      screen.tiles.forEach((tile, index) => {
        if (tile.kind === 'camera') next.set(`${screen.id}:${index}`, { cameraId: tile.cameraId, screen: screen.id, tile: index });
      });
    }
    const ended: CameraView[] = [];
    for (const [key, view] of this.shown) {
      if (next.get(key)?.cameraId === view.cameraId) continue;
      ended.push({ cameraId: view.cameraId, screen: view.screen, tile: view.tile, from: view.since, to: nowIso });
      this.shown.delete(key);
    }
    for (const [key, view] of next) if (!this.shown.has(key)) this.shown.set(key, { ...view, since: nowIso });
    return ended;
  }

  /** Ends every view (shutdown), so the audit has an end time for each. */
  endAll(nowIso: string): CameraView[] {
    const ended = [...this.shown.values()].map((v) => ({ cameraId: v.cameraId, screen: v.screen, tile: v.tile, from: v.since, to: nowIso }));
    this.shown.clear();
    return ended;
  }
}
