import { renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { SettingsSchema, type Settings } from '../../../common/contract/contract';
import { describeProblems, problemsOf } from '../../../common/validation';

export const DEFAULT_SETTINGS: Settings = { locale: 'auto', sitePath: null, shortcuts: {} };

/** The minimal key-value surface shared by `conf` (Node) and `electron-store` (Electron). */
export interface KeyValueStore {
  readonly path: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface SettingsLoad {
  store: SettingsStore;
  /** Set when the file on disk was unreadable and was moved aside. */
  problem?: string;
}

/**
 * App settings (language, site file…). Values are validated with the contract's schema on the way
 * in and out, so a hand-edited settings file cannot smuggle in a wrong type.
 */
export class SettingsStore {
  constructor(private readonly kv: KeyValueStore) {}

  get path(): string {
    return this.kv.path;
  }

  get(): Settings {
    const raw = { ...DEFAULT_SETTINGS, ...((this.kv.get('settings') as object | undefined) ?? {}) };
    const parsed = SettingsSchema.safeParse(raw);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.safeParse({ ...this.get(), ...patch });
    if (!next.success) throw new Error(describeProblems('settings', problemsOf(next.error)));
    this.kv.set('settings', next.data);
    return next.data;
  }
}

/**
 * Opens the settings file with `conf` (electron-store's base) in plain Node. A corrupt file is
 * moved aside (kept for inspection, never deleted) and the app starts with defaults.
 */
export function openNodeSettings(dataDir: string): SettingsLoad {
  const open = () => new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'atalaya', clearInvalidConfig: false });
  try {
    return { store: new SettingsStore(open()) };
  } catch (err) {
    const file = join(dataDir, 'settings.json');
    const aside = `${file}.corrupt-${Date.now()}`;
    renameSync(file, aside);
    return {
      store: new SettingsStore(open()),
      problem: `${file}: unreadable (${(err as Error).message}); moved to ${aside}, using defaults`,
    };
  }
}
