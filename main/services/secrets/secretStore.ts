import { join } from 'node:path';
import { z } from 'zod';
import { describeProblems, parseJsonWith } from '../../../common/validation';
import type { Cipher } from './cipher';
import { readIfExists, writePrivateFileAtomic } from './privateFile';

/**
 * Stream and VMS credentials, by reference (`secretRef` in the site file names one), encrypted at
 * rest through the injected Cipher in `<dataDir>/secrets.json`.
 *
 * Secrets flow one way: into main, and out only to main code that uses them (a VMS adapter
 * building its Authorization header, the stream relay opening an upstream URL). Contract handlers
 * get `refsView()`, which can list, set and delete but has no `get`; nothing here is ever part of
 * app state, the wall, an event or an error message. Every value is handed to the log redactor
 * as soon as it is known, so a stray log line cannot carry it either.
 */
export const SECRETS_FILE_NAME = 'secrets.json';

export const SecretRefSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1–128 letters, digits or _ . : -');

const SecretsFileSchema = z
  .object({
    version: z.literal(1),
    entries: z.record(SecretRefSchema, z.object({ data: z.base64(), updatedAt: z.iso.datetime() }).strict()),
  })
  .strict();

/** What a contract handler may hold: it can manage secrets but never read one back. */
export interface SecretRefs {
  refs(): string[];
  has(ref: string): boolean;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<boolean>;
  readonly isSecure: boolean;
}

export interface SecretStoreOptions {
  dataDir: string;
  cipher: Cipher;
  /** Receives every secret value (the log redactor), so logs never show it. */
  redactor?: { addSecret(value: string): void };
  now?: () => number;
}

interface Entry {
  data: string;
  updatedAt: string;
}

// Each ciphertext carries the ref it belongs to, checked on decryption: swapping two entries in
// the file (say, to send the NX password to a webhook) makes both unreadable instead.
interface Sealed {
  ref: string;
  value: string;
}

export class SecretStore {
  private entries: Map<string, Entry>;
  private writes: Promise<unknown> = Promise.resolve();
  /** Refs present in the file that this cipher cannot decrypt (another machine's key, tampering). */
  readonly unreadable: string[];

  private constructor(
    private readonly path: string,
    private readonly cipher: Cipher,
    entries: Map<string, Entry>,
    private readonly opts: SecretStoreOptions,
  ) {
    this.entries = entries;
    this.unreadable = [];
    for (const ref of entries.keys()) {
      const value = this.tryDecrypt(ref);
      if (value === undefined) this.unreadable.push(ref);
      else opts.redactor?.addSecret(value);
    }
  }

  static async open(opts: SecretStoreOptions): Promise<SecretStore> {
    const path = join(opts.dataDir, SECRETS_FILE_NAME);
    const bytes = await readIfExists(path);
    const entries = new Map<string, Entry>();
    if (bytes !== undefined) {
      const parsed = parseJsonWith(SecretsFileSchema, bytes.toString('utf8'));
      if (!parsed.ok) throw new Error(`secrets file is invalid:\n${describeProblems(path, parsed.problems)}`);
      for (const [ref, entry] of Object.entries(parsed.value.entries)) entries.set(ref, entry);
    }
    return new SecretStore(path, opts.cipher, entries, opts);
  }

  /** Whether the key is held by the OS; see Cipher.isSecure. */
  get isSecure(): boolean {
    return this.cipher.isSecure;
  }

  /**
   * The plain secret, for main code about to use it. Undefined when absent or unreadable.
   * Async although decryption is synchronous today, so a cipher backed by an asynchronous OS
   * keychain can replace it without touching callers (the VMS adapters' SecretStore shape).
   */
  async get(ref: string): Promise<string | undefined> {
    return this.entries.has(ref) ? this.tryDecrypt(ref) : undefined;
  }

  has(ref: string): boolean {
    return this.entries.has(ref);
  }

  refs(): string[] {
    return [...this.entries.keys()].sort();
  }

  async set(ref: string, value: string): Promise<void> {
    SecretRefSchema.parse(ref);
    if (typeof value !== 'string' || value.length === 0) throw new TypeError('a secret must be a non-empty string');
    this.opts.redactor?.addSecret(value);
    const sealed: Sealed = { ref, value };
    const data = this.cipher.encrypt(JSON.stringify(sealed)).toString('base64');
    await this.change((entries) => entries.set(ref, { data, updatedAt: new Date((this.opts.now ?? Date.now)()).toISOString() }));
    const at = this.unreadable.indexOf(ref);
    if (at !== -1) this.unreadable.splice(at, 1);
  }

  async delete(ref: string): Promise<boolean> {
    if (!this.entries.has(ref)) return false;
    await this.change((entries) => entries.delete(ref));
    const at = this.unreadable.indexOf(ref);
    if (at !== -1) this.unreadable.splice(at, 1);
    return true;
  }

  /** The write-only face for contract handlers (see the module comment). */
  refsView(): SecretRefs {
    return {
      refs: () => this.refs(),
      has: (ref) => this.has(ref),
      set: (ref, value) => this.set(ref, value),
      delete: (ref) => this.delete(ref),
      isSecure: this.isSecure,
    };
  }

  /** Never the secrets, should the store end up in a log or a JSON reply by mistake. */
  toJSON(): { refs: string[]; isSecure: boolean } {
    return { refs: this.refs(), isSecure: this.isSecure };
  }

  private tryDecrypt(ref: string): string | undefined {
    const entry = this.entries.get(ref);
    if (!entry) return undefined;
    try {
      const sealed = JSON.parse(this.cipher.decrypt(Buffer.from(entry.data, 'base64'))) as Partial<Sealed>;
      return sealed.ref === ref && typeof sealed.value === 'string' ? sealed.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Applies a change to a copy, writes it, and only then makes it current; one change at a time. */
  private change(apply: (entries: Map<string, Entry>) => void): Promise<void> {
    const run = this.writes.then(async () => {
      const next = new Map(this.entries);
      apply(next);
      const file = { version: 1, entries: Object.fromEntries([...next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
      await writePrivateFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
      this.entries = next;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}
