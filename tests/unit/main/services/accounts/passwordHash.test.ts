import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  KdfLimiter,
  needsRehash,
  PasswordHashSchema,
  verifyPassword,
} from '../../../../../main/services/accounts/passwordHash';

// Small N keeps the suite fast; one test below runs the real defaults.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('passwordHash', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('uses a fresh salt per hash, so equal passwords give different hashes', async () => {
    const a = await hashPassword('same password here', FAST);
    const b = await hashPassword('same password here', FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(a.hash, 'base64')).toHaveLength(32);
  });

  it('stores its parameters and never the password', async () => {
    const stored = await hashPassword('contraseña segura', FAST);
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: 2 ** 10, r: 8, p: 1 });
    expect(JSON.stringify(stored)).not.toContain('segura');
    expect(PasswordHashSchema.parse(stored)).toEqual(stored);
  });

  it('treats precomposed and decomposed accents as the same password (NFC)', async () => {
    const stored = await hashPassword('cami\u00f1o seguro', FAST);
    expect(await verifyPassword('camin\u0303o seguro', stored)).toBe(true);
  });

  it('defaults to OWASP scrypt parameters (N=2^17, r=8, p=1) and they work within Node limits', async () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword('long enough password');
    expect(stored.N).toBe(131072);
    expect(await verifyPassword('long enough password', stored)).toBe(true);
  });

  it('flags weaker stored parameters for rehashing', async () => {
    const stored = await hashPassword('whatever it is', FAST);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(stored, FAST)).toBe(false);
  });

  it('refuses stored parameters that would make a login allocate too much memory', () => {
    const base = { algorithm: 'scrypt', r: 8, p: 1, salt: 'AAAA', hash: 'AAAA' };
    expect(PasswordHashSchema.safeParse({ ...base, N: 2 ** 24 }).success).toBe(false);
    expect(PasswordHashSchema.safeParse({ ...base, N: 3000 }).success).toBe(false);
    expect(PasswordHashSchema.safeParse({ ...base, N: 2 ** 14 }).success).toBe(true);
  });

  it('KdfLimiter runs at most `max` tasks at once', async () => {
    const limiter = new KdfLimiter(2);
    let running = 0;
    let peak = 0;
    const task = () =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      });
    await Promise.all(Array.from({ length: 8 }, task));
    expect(peak).toBe(2);
  });
});
