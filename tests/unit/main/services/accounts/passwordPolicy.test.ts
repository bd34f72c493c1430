import { describe, expect, it } from 'vitest';
import { checkNewPassword, describePasswordProblems } from '../../../../../main/services/accounts/passwordPolicy';

describe('passwordPolicy', () => {
  it('accepts a long ordinary passphrase', () => {
    expect(checkNewPassword('tres tristes tigres', 'maria')).toEqual([]);
  });

  it('names each problem with a stable code', () => {
    expect(checkNewPassword('short', 'maria')).toContain('too_short');
    expect(checkNewPassword('x'.repeat(300), 'maria')).toEqual(expect.arrayContaining(['too_long', 'repetitive']));
    expect(checkNewPassword('MARIA-is-the-best', 'maria')).toContain('contains_username');
    expect(checkNewPassword('Contraseña123', 'maria')).toContain('too_common');
    expect(checkNewPassword('abababababab', 'maria')).toContain('repetitive');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkNewPassword('🔒🔒🔒🔒🔒ñandú', 'maria')).not.toContain('too_short');
  });

  it('describes problems in words', () => {
    expect(describePasswordProblems(['too_short'])).toMatch(/at least 10/);
  });
});
