import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/**
 * Password hashing with scrypt, the memory-hard KDF built into node:crypto (no native module).
 *
 * Defaults follow OWASP's Password Storage Cheat Sheet minimum for scrypt: N = 2^17, r = 8, p = 1.
 * Memory is 128 · N · r bytes = 128 MiB per hash, which is what makes a GPU or ASIC guessing rig
 * expensive; it costs about 0.35 s on the 2-core development machines. The parameters are stored
 * with each hash, so they can be raised later and old hashes are upgraded at the next login.
 * Each hash has its own 16-byte random salt, so equal passwords give different hashes and no
 * precomputed table helps. Comparison uses timingSafeEqual so the time taken does not reveal
 * how many leading bytes of a guess were right.
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size; memory grows with N · r. */
  r: number;
  /** Parallelism; 1 keeps memory per hash at 128 · N · r. */
  p: number;
}

export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

/**
 * A stored hash. Bounds on N, r and p are checked when reading: a tampered accounts file must not
 * be able to make a login allocate gigabytes.
 */
export const PasswordHashSchema = z
  .object({
    algorithm: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64,
    hash: base64,
  })
  .strict();
export type PasswordHash = z.infer<typeof PasswordHashSchema>;

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default ceiling (32 MiB) is below what N = 2^17 needs; allow the need plus headroom.
    maxmem: 128 * params.N * params.r * params.p + 16 * 1024 * 1024,
  };
  // NFC so the same password typed on two keyboards (precomposed é vs e + combining accent) matches.
  const normalized = password.normalize('NFC');
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<PasswordHash> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return { algorithm: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  if (expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(stored.salt, 'base64'), stored, expected.length);
  return timingSafeEqual(actual, expected);
}

/** True when the stored hash is weaker than the current parameters and should be redone. */
export function needsRehash(stored: PasswordHash, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  return stored.N < params.N || stored.r < params.r || stored.p < params.p;
}

/**
 * Bounds how many hashes run at once. Each one holds 128 MiB while it runs, so a burst of logins
 * (or an attacker hammering the web host's login) queues instead of exhausting memory.
 */
export class KdfLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max = 2) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
