/**
 * Text for PDFs drawn with pdf-lib's standard fonts, shared by the after-action (training) and
 * analytics reports.
 */

// The standard PDF fonts encode WinAnsi (cp1252): Spanish and Portuguese are covered; anything
// else (a name in another script, an emoji) is replaced rather than failing the whole report.
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const SUBSTITUTES: Record<string, string> = { '≤': '<=', '≥': '>=', '−': '-', '÷': '/', '\u202f': '\u00a0' };

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.includes(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else out += '?';
  }
  return out;
}

/** Lays words into lines no wider than `maxWidth` (as `measure` says); a word too long is cut. */
export function wrapWords(words: readonly string[], maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    let candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    candidate = word;
    while (measure(candidate) > maxWidth && candidate.length > 1) {
      let cut = candidate.length - 1;
      while (cut > 1 && measure(candidate.slice(0, cut)) > maxWidth) cut--;
      lines.push(candidate.slice(0, cut));
      candidate = candidate.slice(cut);
    }
    line = candidate;
  }
  lines.push(line);
  return lines;
}
