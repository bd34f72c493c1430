/**
 * HTTP Range requests (RFC 9110 §14) for one byte range: what a PMTiles reader sends for every
 * directory and tile. Several ranges in one request are answered with the whole file (200), which
 * the RFC allows and no PMTiles client asks for.
 */

export type RangeAnswer =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * `header` is the request's Range value (undefined when absent); `size` the file's length.
 * `end` is inclusive, as in Content-Range.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  // Another unit, or garbage: a server ignores a Range it does not understand.
  if (!match) return { kind: 'full' };
  const specs = (match[1] as string).split(',').map((s) => s.trim());
  if (specs.length !== 1) return { kind: 'full' };
  const spec = /^(\d*)-(\d*)$/.exec(specs[0] as string);
  if (!spec) return { kind: 'full' };
  const [, first, last] = spec as unknown as [string, string, string];
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // bytes=-N: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(end) || end < start) return last !== '' && Number(last) < start ? { kind: 'full' } : { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
