import type { LiveStatus } from '../../../common/contract/methods/map';
import { combineReports, type MapLiveState, type ReportedState } from '../../../common/map/liveStatus';

/** Windows repeat their report every 10 s; three missed repeats and the window is presumed gone. */
export const REPORT_TTL_MS = 30_000;
/** Reports from 64 tiles starting at once arrive together: one broadcast per burst is enough. */
export const BROADCAST_DELAY_MS = 200;

export interface LiveStatusServiceOptions {
  publish(status: LiveStatus): void;
  now?: () => number;
  /** Injected for tests; defaults to setTimeout. */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
}

interface Report {
  cameras: Map<string, ReportedState>;
  at: number;
}

/**
 * Combines what every window's players say about each camera into one state per camera
 * (see common/map/liveStatus) and pushes it when it changes. Knows nothing of video: it trusts
 * the windows, which are main's own windows or signed-in web clients.
 */
export class LiveStatusService {
  private readonly reports = new Map<string, Report>();
  private status: LiveStatus = { rev: 0, cameras: {} };
  private pending: { cancel(): void } | undefined;
  private lastPublished = -1;
  private readonly now: () => number;
  private readonly schedule: NonNullable<LiveStatusServiceOptions['schedule']>;

  constructor(private readonly opts: LiveStatusServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.schedule =
      opts.schedule ??
      ((fn, ms) => {
        const timer = setTimeout(fn, ms);
        timer.unref?.();
        return { cancel: () => clearTimeout(timer) };
      });
  }

  /** A window's whole current set: cameras it no longer plays are left out. */
  report(clientId: string, cameras: Record<string, ReportedState>): void {
    const entries = Object.entries(cameras);
    if (entries.length === 0) this.reports.delete(clientId);
    else this.reports.set(clientId, { cameras: new Map(entries), at: this.now() });
    this.changed();
  }

  /** The window or socket closed. */
  disconnect(clientId: string): void {
    if (this.reports.delete(clientId)) this.changed();
  }

  /** Current even between a report and its (batched) broadcast. */
  get(): LiveStatus {
    this.expire();
    this.recompute();
    return this.status;
  }

  /** Drops reports of windows that stopped repeating them; called on every read and by `tick`. */
  expire(): boolean {
    const cutoff = this.now() - REPORT_TTL_MS;
    let dropped = false;
    for (const [clientId, report] of this.reports) {
      if (report.at < cutoff) {
        this.reports.delete(clientId);
        dropped = true;
      }
    }
    if (dropped) this.recompute();
    return dropped;
  }

  /** The owner calls this every few seconds so silent windows' cameras turn grey. */
  tick(): void {
    if (this.expire()) this.flush();
  }

  close(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }

  private changed(): void {
    this.pending ??= this.schedule(() => {
      this.pending = undefined;
      this.expire();
      this.recompute();
      this.flush();
    }, BROADCAST_DELAY_MS);
  }

  private flush(): void {
    if (this.status.rev === this.lastPublished) return;
    this.lastPublished = this.status.rev;
    this.opts.publish(this.status);
  }

  private recompute(): void {
    const byCamera = new Map<string, ReportedState[]>();
    for (const report of this.reports.values()) {
      for (const [cameraId, state] of report.cameras) {
        const list = byCamera.get(cameraId);
        if (list) list.push(state);
        else byCamera.set(cameraId, [state]);
      }
    }
    const cameras: Record<string, MapLiveState> = {};
    for (const [cameraId, states] of [...byCamera].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) cameras[cameraId] = combineReports(states);
    const before = this.status.cameras;
    const same = Object.keys(before).length === Object.keys(cameras).length && Object.entries(cameras).every(([id, s]) => before[id] === s);
    if (!same) this.status = { rev: this.status.rev + 1, cameras };
  }
}
