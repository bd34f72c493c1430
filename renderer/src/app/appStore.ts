import type { EventPayload, LoadedSite, Notice, Settings } from '../../../common/contract/contract';
import type { WallApi } from '../../../common/contract/wallApi';

export interface AppSnapshot {
  site: LoadedSite | null;
  settings: Settings | null;
  wall: EventPayload<'wall.changed'> | null;
  masks: EventPayload<'masks.changed'>;
  /** What each tour tile shows now (main's tour runner decides). */
  tours: EventPayload<'wall.tours'>['tiles'];
  notices: Notice[];
  connected: boolean;
}

/**
 * The renderer's copy of main's state: fetched once, then kept current by push events. Main owns
 * the truth; this store never changes anything on its own.
 */
export class AppStore {
  private snapshot: AppSnapshot = { site: null, settings: null, wall: null, masks: { masks: {}, lifts: {} }, tours: [], notices: [], connected: true };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: WallApi) {
    api.on('site.changed', (site) => this.set({ site }));
    api.on('settings.changed', (settings) => this.set({ settings }));
    api.on('wall.changed', (wall) => {
      // Events and call results can cross; never go back to an older revision.
      if (!this.snapshot.wall || wall.rev >= this.snapshot.wall.rev) this.set({ wall });
    });
    api.on('wall.tours', ({ tiles }) => this.set({ tours: tiles }));
    api.on('masks.changed', (masks) => this.set({ masks }));
    api.on('app.notice', (notice) => this.set({ notices: [...this.snapshot.notices, notice].slice(-5) }));
  }

  async refresh(): Promise<void> {
    const [site, settings, wall, tours, masks] = await Promise.all([
      this.api.call('site.get', {}),
      this.api.call('settings.get', {}),
      this.api.call('wall.get', {}),
      this.api.call('wall.tours', {}),
      this.api.call('masks.get', {}),
    ]);
    this.set({
      masks: masks.ok ? masks.value : this.snapshot.masks,
      tours: tours.ok ? tours.value.tiles : this.snapshot.tours,
      site: site.ok ? site.value : this.snapshot.site,
      settings: settings.ok ? settings.value : this.snapshot.settings,
      wall: wall.ok ? wall.value : this.snapshot.wall,
    });
  }

  setConnected(connected: boolean): void {
    if (connected !== this.snapshot.connected) this.set({ connected });
  }

  dismissNotice(at: string): void {
    this.set({ notices: this.snapshot.notices.filter((n) => n.at !== at) });
  }

  private set(patch: Partial<AppSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  get = (): AppSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
