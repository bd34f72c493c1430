/**
 * CSV as police and emergency-call systems export it: RFC 4180 quoting, CRLF or LF, an optional
 * UTF-8 byte-order mark (Excel writes one), and a delimiter that is often `;` where the decimal
 * separator is a comma (Spanish and Portuguese locales). The first record is the header.
 */

export type CsvDelimiter = ',' | ';' | '\t' | '|';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

export interface CsvRecord {
  /** The line the record starts on, 1-based, as a text editor or spreadsheet numbers it (the header is line 1). */
  line: number;
  values: string[];
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  header: string[];
  records: CsvRecord[];
  /** Problems with the file's structure (an unclosed quote), by line. */
  problems: Array<{ line: number; problem: string }>;
}

/**
 * The delimiter that splits the header and the first lines most consistently: the one giving the
 * same, largest field count on each line. Quotes are not parsed here; a quoted delimiter in the
 * first lines only makes a wrong guess less likely to win, and the caller can override it.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = stripBom(text).split(/\r?\n/, 6).filter((l) => l.trim() !== '');
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const delimiter of CSV_DELIMITERS) {
    const counts = lines.map((l) => l.split(delimiter).length);
    const first = counts[0] ?? 1;
    if (first < 2) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses the whole text. Blank lines are skipped (trailing newlines at the end of an export are
 * not records). Header names are trimmed; values are kept as written (the importer trims them).
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvTable {
  const src = stripBom(text);
  const rows: CsvRecord[] = [];
  const problems: CsvTable['problems'] = [];
  const n = src.length;
  const d = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const values: string[] = [];
    let field = '';
    let atRecordEnd = false;
    while (!atRecordEnd) {
      if (src.charCodeAt(i) === 34 /* " */) {
        // A quoted field: runs to the next lone quote; "" is a quote; newlines are part of it.
        i++;
        let closed = false;
        let chunkStart = i;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === 34) {
            if (src.charCodeAt(i + 1) === 34) {
              field += src.slice(chunkStart, i + 1);
              i += 2;
              chunkStart = i;
              continue;
            }
            field += src.slice(chunkStart, i);
            i++;
            closed = true;
            break;
          }
          if (c === 10) line++;
          i++;
        }
        if (!closed) {
          field += src.slice(chunkStart, i);
          problems.push({ line: startLine, problem: 'a quoted value is never closed (a " is missing): the rest of the file is read as that one value' });
        }
        // Anything between the closing quote and the delimiter is kept (lenient, like spreadsheets).
        const rest = i;
        while (i < n && src.charCodeAt(i) !== d && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
        field += src.slice(rest, i);
      } else {
        const start = i;
        while (i < n) {
          const c = src.charCodeAt(i);
          if (c === d || c === 10 || c === 13) break;
          i++;
        }
        field += src.slice(start, i);
      }
      if (i >= n) {
        values.push(field);
        atRecordEnd = true;
      } else {
        const c = src.charCodeAt(i);
        if (c === d) {
          values.push(field);
          field = '';
          i++;
          // A delimiter as the very last character still ends in an empty field.
          if (i >= n) {
            values.push('');
            atRecordEnd = true;
          }
        } else {
          values.push(field);
          if (c === 13 && src.charCodeAt(i + 1) === 10) i += 2;
          else i++;
          line++;
          atRecordEnd = true;
        }
      }
    }
    if (values.length === 1 && values[0]!.trim() === '') continue; // blank line
    rows.push({ line: startLine, values });
  }
  const [head, ...records] = rows;
  return { delimiter, header: (head?.values ?? []).map((h) => h.trim()), records, problems };
}

/** One CSV value, quoted when it needs to be (RFC 4180). Formula-looking text is defused. */
export function csvValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A cell starting with = + - @ is run as a formula by spreadsheets (CSV injection); a leading
  // apostrophe shows it as text. Numbers (which may start with -) are left alone.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: header then rows, CRLF line ends as RFC 4180 asks. */
export function csvDocument(header: readonly string[], rows: Iterable<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  const lines = [header.map(csvValue).join(',')];
  for (const row of rows) lines.push(row.map(csvValue).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
