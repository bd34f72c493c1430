import { createReadStream } from 'node:fs';
import { MAX_ENTRY_BYTES } from './auditChain';

/**
 * Reads an audit file line by line with byte offsets, and says whether each line ended with a
 * newline: a final line without one is a write torn by a crash, which readline would hide.
 * Lines longer than any real entry are cut short (`tooLong`) so a corrupt file cannot make the
 * verifier buffer it whole.
 */
export interface RawLine {
  /** 1-based, as an editor shows it. */
  number: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  bytes: Buffer;
  /** Length in the file, newline excluded. */
  length: number;
  terminated: boolean;
  tooLong: boolean;
}

const MAX_LINE_BYTES = MAX_ENTRY_BYTES * 2;

export async function* readAuditLines(path: string): AsyncGenerator<RawLine> {
  let number = 0;
  let lineStart = 0;
  let parts: Buffer[] = [];
  let kept = 0;
  let length = 0;
  let position = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl === -1 ? chunk.length : nl;
      const piece = chunk.subarray(from, end);
      length += piece.length;
      if (kept < MAX_LINE_BYTES) {
        const take = piece.subarray(0, MAX_LINE_BYTES - kept);
        parts.push(Buffer.from(take));
        kept += take.length;
      }
      if (nl === -1) break;
      number += 1;
      yield { number, offset: lineStart, bytes: Buffer.concat(parts), length, terminated: true, tooLong: length > MAX_LINE_BYTES };
      lineStart = position + nl + 1;
      parts = [];
      kept = 0;
      length = 0;
      from = nl + 1;
    }
    position += chunk.length;
  }
  if (length > 0) {
    number += 1;
    yield { number, offset: lineStart, bytes: Buffer.concat(parts), length, terminated: false, tooLong: length > MAX_LINE_BYTES };
  }
}
