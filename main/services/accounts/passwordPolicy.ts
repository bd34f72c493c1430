import { normalizeUsername } from '../../../common/security/userSchema';

/**
 * What a new password must satisfy. Follows NIST SP 800-63B: a minimum length and a check against
 * known-bad choices, and no composition rules (they push people to "Password1!"). The codes are
 * stable so the UI can translate them.
 */
export type PasswordProblem = 'too_short' | 'too_long' | 'contains_username' | 'too_common' | 'repetitive';

export const MIN_PASSWORD_LENGTH = 10;
// Long enough for any passphrase; bounded so a megabyte "password" cannot tie up the KDF.
export const MAX_PASSWORD_LENGTH = 256;

// The commonest choices from public breach lists, plus the obvious local ones (product, Spanish,
// Portuguese). Compared after lowercasing.
const COMMON = new Set([
  '1234567890', '0123456789', '12345678910', '1111111111', '0987654321', 'qwertyuiop', '1q2w3e4r5t',
  'password123', 'password12', 'password1!', 'passw0rd123', 'iloveyou123', 'admin12345', 'administrator',
  'administrador', 'contraseña', 'contrasena1', 'contraseña1', 'contrasena123', 'contraseña123', 'senha12345',
  'senha123456', 'atalaya123', 'atalaya2024', 'atalaya2025', 'atalaya2026', 'supervisor', 'supervisor1',
  'operador123', 'operator123', 'changeme123', 'welcome123', 'bienvenido', 'bienvenido1', 'qwerty12345',
]);

export function checkNewPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('too_short');
  if (length > MAX_PASSWORD_LENGTH) problems.push('too_long');
  const lower = password.normalize('NFC').toLowerCase();
  const name = normalizeUsername(username);
  if (name.length >= 3 && lower.includes(name)) problems.push('contains_username');
  if (COMMON.has(lower)) problems.push('too_common');
  if (new Set(password).size <= 2) problems.push('repetitive');
  return problems;
}

export function describePasswordProblems(problems: PasswordProblem[]): string {
  const text: Record<PasswordProblem, string> = {
    too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    too_long: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
    contains_username: 'must not contain the username',
    too_common: 'is too common',
    repetitive: 'repeats too few different characters',
  };
  return `password ${problems.map((p) => text[p]).join('; ')}`;
}
