import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StoredIncidentSchema, type StoredIncident } from '../../../common/analytics/incident';
import type { ParsedRecord } from '../../../common/analytics/importRecords';
import { ImportSummarySchema, type ImportSummary } from '../../../common/contract/methods/analytics';
import { readTextIfExists, writeFileAtomic } from '../storage/atomicFile';

/**
 * Imported incident records, in one JSON file in the data dir. Every change writes the whole new
 * file atomically (temporary file, fsync, rename): a crash or a full disk mid-import leaves the
 * previous file, so an import either completes or changes nothing. The in-memory copy is replaced
 * only after the write succeeded. 100 000 records are ~15 MB and take a fraction of a second to
 * write; imports are rare, so simplicity wins over an incremental format.
 */

export const ANALYTICS_DIR_NAME = 'analytics';
export const INCIDENTS_FILE_NAME = 'incidents.json';

const ImportEntrySchema = ImportSummarySchema.omit({ current: true }).extend({ mapping: z.unknown().optional() });
type ImportEntry = z.infer<typeof ImportEntrySchema>;

const StoreFileSchema = z
  .object({
    format: z.literal('atalaya-incidents'),
    version: z.literal(1),
    revision: z.number().int().min(0),
    imports: z.array(ImportEntrySchema),
    incidents: z.array(StoredIncidentSchema),
  })
  .strict();

export interface ApplyResult {
  added: number;
  updated: number;
  total: number;
}

export class IncidentStore {
  private records: StoredIncident[] = [];
  private byId = new Map<string, number>();
  private importList: ImportEntry[] = [];
  private rev = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly path: string) {}

  /**
   * Opens (or starts) the store. A file that does not parse or validate is moved aside (kept for
   * inspection, never deleted) and the store starts empty; `problem` says so.
   */
  static async open(dataDir: string, now: () => number = Date.now): Promise<{ store: IncidentStore; problem?: string }> {
    const store = new IncidentStore(join(dataDir, ANALYTICS_DIR_NAME, INCIDENTS_FILE_NAME));
    const text = await readTextIfExists(store.path);
    if (text === undefined) return { store };
    let parsed;
    try {
      parsed = StoreFileSchema.safeParse(JSON.parse(text));
    } catch (err) {
      parsed = { success: false as const, error: err as Error };
    }
    if (!parsed.success) {
      const aside = `${store.path}.unreadable-${now()}`;
      await rename(store.path, aside);
      return { store, problem: `The imported incidents file ${store.path} could not be read (${parsed.error.message.slice(0, 200)}); it was moved to ${aside} and analytics start without imported data.` };
    }
    store.records = parsed.data.incidents;
    store.importList = parsed.data.imports;
    store.rev = parsed.data.revision;
    store.reindex();
    return { store };
  }

  get incidents(): readonly StoredIncident[] {
    return this.records;
  }

  get revision(): number {
    return this.rev;
  }

  imports(): ImportSummary[] {
    const current = new Map<string, number>();
    for (const r of this.records) current.set(r.importId, (current.get(r.importId) ?? 0) + 1);
    return this.importList.map(({ mapping: _mapping, ...entry }) => ({ ...entry, current: current.get(entry.importId) ?? 0 }));
  }

  /** How many records the store would hold after adding these (ids already there are updates). */
  sizeAfter(records: readonly ParsedRecord[]): number {
    let added = 0;
    for (const r of records) if (!this.byId.has(r.id)) added++;
    return this.records.length + added;
  }

  /** Adds or updates (same id) the records, as one import; resolves once on disk. */
  apply(records: readonly ParsedRecord[], entry: Omit<ImportEntry, 'added' | 'updated'>): Promise<ApplyResult> {
    return this.serial(async () => {
      const next = this.records.slice();
      const byId = new Map(this.byId);
      let added = 0;
      let updated = 0;
      for (const r of records) {
        const stored: StoredIncident = {
          id: r.id,
          lat: r.lat,
          lng: r.lng,
          time: r.time,
          ...(r.category !== undefined ? { category: r.category } : {}),
          ...(r.fields !== undefined ? { fields: r.fields } : {}),
          importId: entry.importId,
        };
        const at = byId.get(r.id);
        if (at === undefined) {
          byId.set(r.id, next.length);
          next.push(stored);
          added++;
        } else {
          next[at] = stored;
          updated++;
        }
      }
      const imports = [...this.importList, { ...entry, added, updated }];
      await this.write(next, imports, this.rev + 1);
      this.records = next;
      this.byId = byId;
      this.importList = imports;
      this.rev++;
      return { added, updated, total: next.length };
    });
  }

  /** Removes the records that still belong to `importId` and the import's entry. */
  removeImport(importId: string): Promise<number | undefined> {
    return this.serial(async () => {
      if (!this.importList.some((i) => i.importId === importId)) return undefined;
      const next = this.records.filter((r) => r.importId !== importId);
      const imports = this.importList.filter((i) => i.importId !== importId);
      await this.write(next, imports, this.rev + 1);
      const removed = this.records.length - next.length;
      this.records = next;
      this.importList = imports;
      this.rev++;
      this.reindex();
      return removed;
    });
  }

  private reindex(): void {
    this.byId = new Map(this.records.map((r, i) => [r.id, i]));
  }

  private async write(incidents: StoredIncident[], imports: ImportEntry[], revision: number): Promise<void> {
    // Built by hand rather than one JSON.stringify of the whole object: one line per record keeps
    // the file diffable and the peak memory of the string lower.
    const head = JSON.stringify({ format: 'atalaya-incidents', version: 1, revision, imports });
    const parts = [head.slice(0, -1), ',"incidents":[\n'];
    for (let i = 0; i < incidents.length; i++) parts.push(i ? ',\n' : '', JSON.stringify(incidents[i]));
    parts.push('\n]}\n');
    await writeFileAtomic(this.path, parts.join(''));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
