/**
 * One exact text for a JSON value, so a hash over it means the same thing whoever recomputes it:
 * object keys sorted by UTF-16 code unit (as RFC 8785 does), no whitespace, numbers and strings
 * as JSON.stringify writes them. Only JSON values are accepted: a Date, a Map, NaN or a function
 * in audit details is a bug to surface, not something to silently turn into "{}" or "null".
 * Object properties whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0, '$');
}

const MAX_DEPTH = 32;

function write(value: unknown, depth: number, path: string): string {
  if (depth > MAX_DEPTH) throw new TypeError(`${path}: nested deeper than ${MAX_DEPTH} levels`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item, i) => {
        if (item === undefined) throw new TypeError(`${path}[${i}]: undefined is not a JSON value`);
        return write(item, depth + 1, `${path}[${i}]`);
      })
      .join(',')}]`;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${path}: only plain objects are JSON values (got ${(value as object).constructor?.name ?? 'an object'})`);
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], depth + 1, `${path}.${k}`)}`).join(',')}}`;
  }
  throw new TypeError(`${path}: a ${typeof value} is not a JSON value`);
}
