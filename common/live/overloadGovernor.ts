/**
 * When the renderer cannot keep up (decoded fps below the source's, latency rising, frames
 * dropped), a saturated machine lets every tile fall seconds behind at once. The governor instead
 * degrades the least important tiles first — to the substream, then to keyframes only — and gives
 * the picture back when load allows. Pure: the owner samples the tiles and calls `tick` with the
 * time; no timers here.
 */

export type DegradeLevel = 0 | 1 | 2;
export const LEVEL_NORMAL: DegradeLevel = 0;
/** Forced to the smallest stream whatever the tile's size. */
export const LEVEL_SUBSTREAM: DegradeLevel = 1;
/** Smallest stream, and only its keyframes are decoded. */
export const LEVEL_KEYFRAMES: DegradeLevel = 2;

export interface TileLoad {
  id: string;
  /** Selected or maximized tiles are degraded last (and never to keyframes only). */
  important: boolean;
  /** On-screen area in device pixels: smaller tiles lose least when degraded. */
  areaPx: number;
  /** Frame rate of the stream it plays. */
  sourceFps: number;
  /** Frames decoded per second since the last tick. */
  decodedFps: number;
  /** Frames the browser dropped since the last tick. */
  droppedFrames: number;
  /** Buffered end − play head, seconds. */
  bufferLatencyS: number;
  /** Whether a smaller stream than the one playing exists (level 1 makes sense). */
  hasSubstream: boolean;
  /** Whether the tile's transport can drop inter frames (level 2 makes sense). */
  keyframeCapable: boolean;
}

export interface GovernorOptions {
  /** A tile decoding below this share of its source fps is struggling. */
  fpsShortfall: number;
  /** Buffer latency above this is "behind". */
  latencyS: number;
  /** Overloaded when at least this share of playing tiles struggle. */
  overloadShare: number;
  /** Wait this long after a change before judging again: the effect takes time to show. */
  settleMs: number;
  /** Healthy for this long before giving a level back (much longer than settle: no flapping). */
  restoreAfterMs: number;
  /** Share of tiles degraded per step when overloaded (at least one). */
  stepShare: number;
  /**
   * Overload must last this long before anything is degraded: a busy second (a GOP burst after a
   * layout switch, a GC pause) is not overload, and a wrongly degraded wall is worse than a late frame.
   */
  sustainMs?: number;
  /** Dropped frames above this share of the source's frames mean a tile is struggling. */
  droppedShare?: number;
}

export const DEFAULT_GOVERNOR: GovernorOptions = {
  fpsShortfall: 0.8,
  latencyS: 0.8,
  overloadShare: 0.2,
  settleMs: 3000,
  restoreAfterMs: 15000,
  stepShare: 0.15,
  // Measured (bench, 64 × 320×180 on 2 cores): the wall kept up at 15 fps with the governor off,
  // while a hair trigger put most tiles on keyframes only. Degrade only on sustained overload.
  sustainMs: 4000,
  droppedShare: 0.25,
};

export interface GovernorDecision {
  levels: ReadonlyMap<string, DegradeLevel>;
  overloaded: boolean;
  changed: string[];
}

export class OverloadGovernor {
  private readonly levels = new Map<string, DegradeLevel>();
  private lastChangeAt = Number.NEGATIVE_INFINITY;
  private healthySince: number | null = null;
  private overloadedSince: number | null = null;

  constructor(private readonly opts: GovernorOptions = DEFAULT_GOVERNOR) {}

  levelOf(id: string): DegradeLevel {
    return this.levels.get(id) ?? LEVEL_NORMAL;
  }

  /** A tile that left the wall is forgotten; one that becomes important is restored at once. */
  tick(now: number, tiles: readonly TileLoad[], tickS: number): GovernorDecision {
    const present = new Set(tiles.map((t) => t.id));
    for (const id of [...this.levels.keys()]) if (!present.has(id)) this.levels.delete(id);
    const changed: string[] = [];
    for (const tile of tiles) {
      if (tile.important && this.levelOf(tile.id) === LEVEL_KEYFRAMES) {
        this.levels.set(tile.id, LEVEL_SUBSTREAM);
        changed.push(tile.id);
      }
    }

    const struggling = tiles.filter((t) => this.struggles(t, tickS));
    const overloaded = tiles.length > 0 && struggling.length / tiles.length >= this.opts.overloadShare;
    if (overloaded) {
      this.healthySince = null;
      this.overloadedSince ??= now;
    } else {
      this.healthySince ??= now;
      this.overloadedSince = null;
    }
    const sustained = overloaded && now - this.overloadedSince! >= (this.opts.sustainMs ?? 0);

    if (now - this.lastChangeAt >= this.opts.settleMs) {
      if (sustained) changed.push(...this.degrade(tiles));
      else if (this.healthySince !== null && now - this.healthySince >= this.opts.restoreAfterMs) changed.push(...this.restore(tiles));
      if (changed.length > 0) this.lastChangeAt = now;
    }
    return { levels: new Map(this.levels), overloaded, changed };
  }

  private struggles(tile: TileLoad, tickS: number): boolean {
    // A keyframes-only tile decodes ~1 fps on purpose; judge it by latency alone.
    const expectedFps = this.levelOf(tile.id) === LEVEL_KEYFRAMES ? 0 : tile.sourceFps * this.opts.fpsShortfall;
    return tile.decodedFps < expectedFps || tile.bufferLatencyS > this.opts.latencyS || tile.droppedFrames > tile.sourceFps * tickS * (this.opts.droppedShare ?? 0.1);
  }

  /** Least important first: not selected, smallest, already degraded ones go further last. */
  private degrade(tiles: readonly TileLoad[]): string[] {
    const candidates = tiles
      .filter((t) => this.nextLevel(t) !== null)
      .sort((a, b) => Number(a.important) - Number(b.important) || this.levelOf(a.id) - this.levelOf(b.id) || a.areaPx - b.areaPx || a.id.localeCompare(b.id));
    const count = Math.max(1, Math.round(tiles.length * this.opts.stepShare));
    return candidates.slice(0, count).map((t) => {
      this.levels.set(t.id, this.nextLevel(t)!);
      return t.id;
    });
  }

  private nextLevel(tile: TileLoad): DegradeLevel | null {
    const level = this.levelOf(tile.id);
    const keyframes = !tile.important && tile.keyframeCapable ? LEVEL_KEYFRAMES : null;
    if (level === LEVEL_NORMAL) return tile.hasSubstream ? LEVEL_SUBSTREAM : keyframes;
    if (level === LEVEL_SUBSTREAM) return keyframes;
    return null;
  }

  /** Most important and largest first, one level at a time. */
  private restore(tiles: readonly TileLoad[]): string[] {
    const degraded = tiles
      .filter((t) => this.levelOf(t.id) !== LEVEL_NORMAL)
      .sort((a, b) => Number(b.important) - Number(a.important) || this.levelOf(b.id) - this.levelOf(a.id) || b.areaPx - a.areaPx || a.id.localeCompare(b.id));
    const count = Math.max(1, Math.round(tiles.length * this.opts.stepShare));
    return degraded.slice(0, count).map((t) => {
      const level = this.levelOf(t.id);
      const back = (level === LEVEL_KEYFRAMES && t.hasSubstream ? LEVEL_SUBSTREAM : LEVEL_NORMAL) as DegradeLevel;
      if (back === LEVEL_NORMAL) this.levels.delete(t.id);
      else this.levels.set(t.id, back);
      return t.id;
    });
  }
}
