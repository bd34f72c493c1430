import { SESSION_TOKEN_PREFIX } from '../accounts/sessionTable';

/**
 * Removes credentials from text before it is written anywhere (log file, console, crash report).
 *
 * Two layers. Known secrets: every value the SecretStore holds is registered here and removed in
 * each form it is likely to take in a log line (as is, JSON-escaped, URL-encoded, form-encoded,
 * base64). Credential shapes: whatever was never registered (a password typed into a site URL, a
 * token in a VMS reply) is caught by its surroundings: URL userinfo, password=/token=/api_key=
 * pairs, Authorization and Cookie headers, Bearer/Basic values, JWTs, Atalaya session tokens and
 * PEM private keys. Over-redacting a harmless word is accepted; missing a secret is not.
 */
export const REDACTED = '[REDACTED]';

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  /** Registers a secret; all its common encodings are redacted from then on. Empty strings are ignored. */
  addSecret(value: string): void {
    if (typeof value !== 'string' || value === '') return;
    const before = this.secrets.size;
    for (const form of encodings(value)) if (form !== '') this.secrets.add(form);
    if (this.secrets.size !== before) this.pattern = null;
  }

  redact(text: string): string {
    let out = text;
    if (this.secrets.size > 0) {
      this.pattern ??= new RegExp(
        // Longest first, so a secret that contains another is removed whole.
        [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
        'g',
      );
      out = out.replace(this.pattern, REDACTED);
    }
    return redactCredentialPatterns(out);
  }
}

function encodings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const uri = encodeURIComponent(value);
  return [
    value,
    json,
    // A JSON string inside another JSON string (a logged request body) escapes twice.
    JSON.stringify(json).slice(1, -1),
    uri,
    uri.replace(/%20/g, '+'),
    encodeURI(value),
    Buffer.from(value, 'utf8').toString('base64'),
    Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, ''),
    Buffer.from(value, 'utf8').toString('base64url'),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Names whose value is a credential in query strings, form bodies, JSON and config dumps. Matched
// as whole names: `secretRef` (a reference, not a secret) and `tokens_used` are left alone.
const SECRET_KEYS = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'contraseña', 'contrasena', 'senha',
  'secret', 'client_secret', 'clientsecret',
  'token', 'access_token', 'accesstoken', 'refresh_token', 'refreshtoken', 'id_token', 'auth_token', 'authtoken', 'x-auth-token',
  'api_key', 'apikey', 'api-key', 'x-api-key', 'private_key', 'privatekey',
  'credential', 'credentials',
].join('|');

const PATTERNS: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  // PEM private keys, whole.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, `-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`],
  // scheme://user:password@host — greedy up to the last @ before the path, so an unencoded @ in
  // the password does not leave its tail behind. The user name stays: it helps and is not secret.
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s/]*)@/gi, `$1$2:${REDACTED}@`],
  // Authorization / Proxy-Authorization, as a header line or a JSON/JS property: the value is
  // removed up to its closing quote, or to the end of the line when unquoted (Digest has commas).
  [/\b((?:proxy-)?authorization)((?:\\?["'])?\s*[:=]\s*)("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\r\n]*)/gi, (_m, name, sep, value) => `${name}${sep}${quoteLike(value, REDACTED)}`],
  // Cookie and Set-Cookie carry session ids.
  [/\b(set-cookie|cookie)((?:\\?["'])?\s*:\s*)("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\r\n]*)/gi, (_m, name, sep, value) => `${name}${sep}${quoteLike(value, REDACTED)}`],
  // key=value, key: value, "key":"value", 'key': 'value'.
  [
    new RegExp(`(?<![A-Za-z0-9_-])(${SECRET_KEYS})(?![A-Za-z0-9_-])((?:\\\\?["'])?\\s*[=:]\\s*)("(?:[^"\\\\\\r\\n]|\\\\.)*"|'[^'\\r\\n]*'|\\\\"(?:[^"\\\\]|\\\\[^"])*\\\\"|[^\\s&,;"'}\\]<>]+)`, 'gi'),
    (_m, name, sep, value) => `${name}${sep}${quoteLike(value, REDACTED)}`,
  ],
  // Bearer / Basic credentials outside a header (a curl line, an error message). The value must
  // look like a token (a digit or base64 punctuation), so "Basic settings" stays readable.
  [/\b(Bearer|Basic|Token)\s+(?=[A-Za-z0-9._~+/=-]*[0-9+/=_~.-])[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Atalaya session tokens (prefix + 43 base64url characters).
  [new RegExp(`${SESSION_TOKEN_PREFIX}[A-Za-z0-9_-]{43}`, 'g'), `${SESSION_TOKEN_PREFIX}${REDACTED}`],
];

/** Keeps the quoting of a redacted value, so a redacted JSON line is still JSON. */
function quoteLike(value: string, replacement: string): string {
  if (value.startsWith('\\"')) return `\\"${replacement}\\"`;
  const q = value[0];
  if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) return `${q}${replacement}${q}`;
  return replacement;
}

export function redactCredentialPatterns(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as string);
  }
  return out;
}
