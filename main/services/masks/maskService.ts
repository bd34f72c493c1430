import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIFT_MINUTES, MaskPolygonSchema, type MaskPolygon, type MasksState } from '../../../common/contract/methods/masks';
import { AppError } from '../../../common/contract/result';
import { describeProblems, parseJsonWith } from '../../../common/validation';
import { readTextIfExists, writeFileAtomic } from '../storage/atomicFile';

const MasksFileSchema = z.object({ version: z.literal(1), masks: z.record(z.string(), z.array(MaskPolygonSchema)) }).strict();

export interface MaskServiceOptions {
  dataDir: string;
  onChange: (state: MasksState) => void;
  /** A lift ran out and the mask is back (for the audit). */
  onReapplied: (cameraId: string) => void;
  now?: () => number;
}

/**
 * Privacy masks, kept in the data dir (not the site file: supervisors draw them in the app, and a
 * hand-edited site must not be able to drop them by accident). Lifts live in memory only: after a
 * restart every mask is on again, which is the safe side to err on.
 */
export class MaskService {
  private masks: Record<string, MaskPolygon[]>;
  private readonly lifts = new Map<string, { until: number; by: string; reason: string; timer: ReturnType<typeof setTimeout> }>();
  private readonly now: () => number;

  private constructor(
    private readonly opts: MaskServiceOptions,
    masks: Record<string, MaskPolygon[]>,
  ) {
    this.masks = masks;
    this.now = opts.now ?? Date.now;
  }

  private static file(dataDir: string): string {
    return join(dataDir, 'privacy-masks.json');
  }

  /** A masks file that cannot be read stops the start: running without masks is not an option. */
  static async open(opts: MaskServiceOptions): Promise<MaskService> {
    const text = await readTextIfExists(MaskService.file(opts.dataDir));
    if (text === undefined) return new MaskService(opts, {});
    const parsed = parseJsonWith(MasksFileSchema, text);
    if (!parsed.ok) throw new Error(describeProblems(MaskService.file(opts.dataDir), parsed.problems));
    return new MaskService(opts, parsed.value.masks);
  }

  state(): MasksState {
    return {
      masks: structuredClone(this.masks),
      lifts: Object.fromEntries([...this.lifts].map(([id, { until, by, reason }]) => [id, { until, by, reason }])),
    };
  }

  async set(cameraId: string, polygons: MaskPolygon[]): Promise<MasksState> {
    const next = { ...this.masks };
    if (polygons.length === 0) delete next[cameraId];
    else next[cameraId] = polygons;
    // On disk before anyone is told: a mask that is shown but not saved would vanish at restart.
    await writeFileAtomic(MaskService.file(this.opts.dataDir), JSON.stringify({ version: 1, masks: next }));
    this.masks = next;
    return this.changed();
  }

  lift(cameraId: string, by: string, reason: string, minutes = DEFAULT_LIFT_MINUTES): MasksState {
    if (!this.masks[cameraId]?.length) throw new AppError('not_found', `camera ${cameraId} has no privacy mask to lift`);
    this.clearLift(cameraId);
    const until = this.now() + minutes * 60_000;
    const timer = setTimeout(() => {
      this.lifts.delete(cameraId);
      this.opts.onReapplied(cameraId);
      this.changed();
    }, until - this.now());
    timer.unref?.();
    this.lifts.set(cameraId, { until, by, reason, timer });
    return this.changed();
  }

  reapply(cameraId: string): MasksState {
    this.clearLift(cameraId);
    return this.changed();
  }

  close(): void {
    for (const id of [...this.lifts.keys()]) this.clearLift(id);
  }

  private clearLift(cameraId: string): void {
    const lift = this.lifts.get(cameraId);
    if (lift) clearTimeout(lift.timer);
    this.lifts.delete(cameraId);
  }

  private changed(): MasksState {
    const state = this.state();
    this.opts.onChange(state);
    return state;
  }
}
