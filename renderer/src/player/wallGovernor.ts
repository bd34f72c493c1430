import { OverloadGovernor, type DegradeLevel, type TileLoad } from '../../../common/live/overloadGovernor';
import type { TileStats } from './tilePlayer';

/** What a tile tells the governor about itself, read at each tick. */
export interface GovernedTile {
  id: string;
  describe(): Omit<TileLoad, 'id' | 'decodedFps' | 'droppedFrames' | 'bufferLatencyS'> | null;
  stats(): TileStats | null;
  setLevel(level: DegradeLevel): void;
}

const TICK_MS = 1000;

/**
 * Samples every tile of a window once a second and applies the overload governor's decisions.
 * The policy is the pure OverloadGovernor; this only measures and applies.
 */
export class WallGovernor {
  private readonly tiles = new Map<string, GovernedTile>();
  private readonly last = new Map<string, { frames: number; dropped: number }>();
  private readonly policy = new OverloadGovernor();
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTickAt = performance.now();

  register(tile: GovernedTile): () => void {
    this.tiles.set(tile.id, tile);
    return () => {
      this.tiles.delete(tile.id);
      this.last.delete(tile.id);
    };
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    const seconds = Math.max(0.001, (now - this.lastTickAt) / 1000);
    this.lastTickAt = now;
    const loads: TileLoad[] = [];
    for (const tile of this.tiles.values()) {
      const info = tile.describe();
      const stats = tile.stats();
      if (!info || !stats) continue; // not playing: nothing to judge
      const before = this.last.get(tile.id);
      this.last.set(tile.id, { frames: stats.decodedFrames, dropped: stats.droppedFrames });
      if (!before || stats.decodedFrames < before.frames) continue; // first sample, or a new player
      loads.push({
        id: tile.id,
        ...info,
        decodedFps: (stats.decodedFrames - before.frames) / seconds,
        droppedFrames: stats.droppedFrames - before.dropped,
        bufferLatencyS: stats.bufferLatencyS ?? 0,
      });
    }
    const decision = this.policy.tick(now, loads, seconds);
    for (const id of decision.changed) this.tiles.get(id)?.setLevel(decision.levels.get(id) ?? 0);
  }
}
