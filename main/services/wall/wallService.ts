import { AppError, type ErrorCode } from '../../../common/contract/result';
import { describeProblems } from '../../../common/validation';
import type { WallAction } from '../../../common/wall/wallActions';
import type { WallContext } from '../../../common/wall/wallContext';
import { initialWallState, wallReducer, type WallErrorCode } from '../../../common/wall/wallReducer';
import type { WallState } from '../../../common/wall/wallSchema';
import { reconcileWallState, restoreWallState } from '../../../common/wall/wallValidation';
import { readTextIfExists, writeFileAtomic } from '../storage/atomicFile';

/** The reducer's precise codes, folded into the contract's. */
function errorCodeOf(code: WallErrorCode): ErrorCode {
  if (code.startsWith('unknown_')) return 'not_found';
  if (code === 'name_taken' || code === 'shared_layout' || code === 'last_screen' || code === 'limit_reached') return 'conflict';
  return 'invalid_input';
}

export interface WallSnapshot {
  rev: number;
  state: WallState;
}

export interface WallServiceOptions {
  /** Where the wall is persisted (JSON). */
  file: string;
  context: WallContext;
  /** Camera ids in site order, for the first wall of a new installation. */
  cameraIds: string[];
  screenCount: number;
  onChange: (snapshot: WallSnapshot) => void;
  onProblem?: (message: string) => void;
}

/**
 * Owns the wall state for every window and web client: actions go through the pure reducer, the
 * result is persisted (atomically, coalesced) and broadcast. The operator comes back to the same
 * wall after a restart or a crash; a persisted wall that no longer fits the site is reconciled
 * (tiles of removed cameras emptied), and an unreadable one is reported and replaced.
 */
export class WallService {
  private snapshot: WallSnapshot;
  private context: WallContext;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private readonly afterChange: Array<() => void> = [];

  private constructor(
    private readonly opts: WallServiceOptions,
    state: WallState,
  ) {
    this.context = opts.context;
    this.snapshot = { rev: 0, state };
  }

  static async open(opts: WallServiceOptions): Promise<WallService> {
    const text = await readTextIfExists(opts.file);
    let state: WallState | undefined;
    if (text !== undefined) {
      try {
        const restored = restoreWallState(JSON.parse(text), opts.context);
        if (restored.ok) {
          state = restored.state;
          if (restored.repaired.length > 0) opts.onProblem?.(describeProblems(opts.file, restored.repaired));
        } else opts.onProblem?.(describeProblems(opts.file, restored.problems));
      } catch (err) {
        opts.onProblem?.(`${opts.file}: not valid JSON (${(err as Error).message})`);
      }
      if (!state) {
        const aside = `${opts.file}.invalid-${Date.now()}`;
        await writeFileAtomic(aside, text);
        opts.onProblem?.(`The saved wall could not be restored and was kept as ${aside}; starting a new wall.`);
      }
    }
    const service = new WallService(opts, state ?? initialWallState({ screenCount: opts.screenCount, cameraIds: opts.cameraIds }));
    await service.persist();
    return service;
  }

  get(): WallSnapshot {
    return this.snapshot;
  }

  /** Runs after every committed change, once its broadcast has gone out (the tour runner re-evaluates). */
  onAfterChange(listener: () => void): void {
    this.afterChange.push(listener);
  }

  dispatch(action: WallAction): WallSnapshot {
    const result = wallReducer(this.snapshot.state, action, this.context);
    if (!result.ok) throw new AppError(errorCodeOf(result.error.code), result.error.message);
    if (result.state === this.snapshot.state) return this.snapshot;
    this.commit(result.state);
    return this.snapshot;
  }

  /** The site changed: drop what no longer exists, keep everything else. */
  setContext(context: WallContext): void {
    this.context = context;
    const { state } = reconcileWallState(this.snapshot.state, context);
    if (state !== this.snapshot.state) this.commit(state);
  }

  /** Resolves when everything changed so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private commit(state: WallState): void {
    this.snapshot = { rev: this.snapshot.rev + 1, state };
    this.opts.onChange(this.snapshot);
    void this.persist();
    for (const listener of this.afterChange) listener();
  }

  /** One write at a time; changes made meanwhile are written once the current write ends. */
  private persist(): Promise<void> {
    if (this.writing) {
      this.dirty = true;
      return this.writing;
    }
    this.writing = (async () => {
      try {
        do {
          this.dirty = false;
          await writeFileAtomic(this.opts.file, JSON.stringify(this.snapshot.state));
        } while (this.dirty);
      } catch (err) {
        this.opts.onProblem?.(`Could not save the wall to ${this.opts.file}: ${(err as Error).message}`);
      } finally {
        this.writing = undefined;
      }
    })();
    return this.writing;
  }
}
