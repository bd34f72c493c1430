import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoadedSite } from '../../../common/contract/contract';
import { AppError } from '../../../common/contract/result';
import { SiteSchema, type Site } from '../../../common/site/siteSchema';
import { describeProblems, parseJsonWith } from '../../../common/validation';
import { readTextIfExists, writeFileAtomic } from '../storage/atomicFile';

export interface SiteServiceOptions {
  demoSitePath: string;
  dataDir: string;
  simulatorBase: string | null;
  now?: () => Date;
}

/** Reads and validates a site file; the error names the file, the JSON path and the problem. */
export async function readSiteFile(path: string): Promise<Site> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError('invalid_input', `${path}: cannot read the site file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const parsed = parseJsonWith(SiteSchema, text);
  if (!parsed.ok) throw new AppError('invalid_input', describeProblems(path, parsed.problems));
  return parsed.value;
}

/**
 * Holds the site in use. Loading a new one either fully succeeds or changes nothing: the last
 * good site stays in use and a copy of it is kept in the data dir for the next start.
 */
export class SiteService {
  private loaded!: LoadedSite;
  private readonly now: () => Date;

  constructor(private readonly opts: SiteServiceOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  private get lastGoodPath(): string {
    return join(this.opts.dataDir, 'last-good-site.json');
  }

  current(): LoadedSite {
    return this.loaded;
  }

  /**
   * Swaps the site in memory, keeping where it came from (used to edit the read-only built-in demo
   * for the session; a site file is edited on disk and reloaded instead).
   */
  replace(site: Site): LoadedSite {
    this.loaded = { ...this.loaded, site, loadedAt: this.now().toISOString() };
    return this.loaded;
  }

  /** Electron starts the simulator after reading the site (it needs the site's camera list). */
  setSimulatorBase(base: string | null): LoadedSite {
    this.opts.simulatorBase = base;
    this.loaded = { ...this.loaded, simulatorBase: base };
    return this.loaded;
  }

  /** `path` null means the built-in demo site. */
  async load(path: string | null): Promise<LoadedSite> {
    const source = path === null ? 'demo' : resolve(path);
    const site = await readSiteFile(path === null ? this.opts.demoSitePath : source);
    this.loaded = {
      site,
      source,
      demo: path === null,
      simulatorBase: this.opts.simulatorBase,
      loadedAt: this.now().toISOString(),
    };
    if (path !== null) await writeFileAtomic(this.lastGoodPath, JSON.stringify({ source, site }));
    return this.loaded;
  }

  /**
   * First load at start. A bad configured site must not leave the operator with nothing: fall
   * back to the last good copy of that same site, else to the demo, and say so.
   */
  async start(path: string | null): Promise<{ loaded: LoadedSite; problem?: string }> {
    try {
      return { loaded: await this.load(path) };
    } catch (err) {
      if (path === null) throw err;
      const problem = (err as Error).message;
      const copy = await readTextIfExists(this.lastGoodPath);
      const backup = copy === undefined ? undefined : (JSON.parse(copy) as { source?: unknown; site?: unknown });
      const site = SiteSchema.safeParse(backup?.site);
      if (backup && backup.source === resolve(path) && site.success) {
        this.loaded = { site: site.data, source: resolve(path), demo: false, simulatorBase: this.opts.simulatorBase, loadedAt: this.now().toISOString() };
        return { loaded: this.loaded, problem: `${problem}\nUsing the last good copy of this site.` };
      }
      return { loaded: await this.load(null), problem: `${problem}\nNo good copy of this site: showing the demo site.` };
    }
  }
}
