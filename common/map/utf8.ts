/**
 * UTF-8 for common/, which runs where TextEncoder and TextDecoder may not be declared (its
 * typecheck has no DOM or Node types). Enough for PMTiles metadata: well-formed text in and out;
 * invalid bytes decode to U+FFFD.
 */

export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(out);
}

export function utf8Decode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  const cont = (at: number) => {
    const b = bytes[at];
    return b !== undefined && (b & 0xc0) === 0x80 ? b & 0x3f : -1;
  };
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let code = -1;
    let size = 1;
    if (b < 0x80) code = b;
    else if (b >= 0xc2 && b < 0xe0) {
      const c1 = cont(i + 1);
      if (c1 >= 0) [code, size] = [((b & 0x1f) << 6) | c1, 2];
    } else if (b >= 0xe0 && b < 0xf0) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const value = ((b & 0x0f) << 12) | (c1 << 6) | c2;
      if (c1 >= 0 && c2 >= 0 && value >= 0x800 && (value < 0xd800 || value > 0xdfff)) [code, size] = [value, 3];
    } else if (b >= 0xf0 && b < 0xf5) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const c3 = cont(i + 3);
      const value = ((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (c1 >= 0 && c2 >= 0 && c3 >= 0 && value >= 0x10000 && value <= 0x10ffff) [code, size] = [value, 4];
    }
    out += code >= 0 ? String.fromCodePoint(code) : '\ufffd';
    i += code >= 0 ? size : 1;
  }
  return out;
}
