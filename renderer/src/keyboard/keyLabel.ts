import type { TFunction } from 'i18next';
import { parseKey } from './shortcuts';

/**
 * A key string as printed on keycaps in the operator's language: "Ctrl+F" → "Ctrl F",
 * "PageDown" → "AvPág" in Spanish. Keys printed the same everywhere (arrows, F-keys, Esc)
 * are not translated.
 */
const SYMBOLS: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Control: 'Ctrl',
};

const TRANSLATED = new Set(['Enter', 'Backspace', 'Delete', 'PageUp', 'PageDown', 'Space', 'Shift']);

export function keyParts(key: string, t: TFunction): string[] {
  const { modifiers, base } = parseKey(key);
  const label = (k: string) => (TRANSLATED.has(k) ? t(`keyboard.keys.${k}`) : (SYMBOLS[k] ?? k));
  return [...modifiers.map(label), label(base)];
}

export function keyLabel(key: string, t: TFunction): string {
  return keyParts(key, t).join(' + ');
}
