import { UNCATEGORISED } from '../../../common/geo/coverage';

/** Numbers and shares as the analytics window prints them, in the UI language. */
export function formatters(language: string) {
  const number = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return {
    n: (x: number) => number.format(x),
    pct: (x: number) => percent.format(x),
    signedPct: (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${percent.format(x)}`),
  };
}

/** A category's label: a bookmark category's name in the UI language, an imported one as written. */
export function categoryLabeller(names: ReadonlyMap<string, string>, none: string): (category: string) => string {
  return (category) => (category === UNCATEGORISED || category === '' ? none : (names.get(category) ?? category));
}

/** The browser's own time zone (the analyst's), used for days, hours and installation dates. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Saves a file the app produced: a download in a browser, the save dialog in Electron. */
export function download(file: { fileName: string; mimeType: string; encoding: 'utf8' | 'base64'; data: string }): void {
  let blob: Blob;
  if (file.encoding === 'base64') {
    const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
    blob = new Blob([bytes], { type: file.mimeType });
  } else blob = new Blob([file.data], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
