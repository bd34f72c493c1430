import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { es } from '../../../renderer/src/i18n/es';
import { languageFor, resolveLanguage } from '../../../renderer/src/i18n/i18n';
import { pt } from '../../../renderer/src/i18n/pt';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}

function lookup(strings: unknown, key: string): string {
  return key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], strings) as string;
}

describe('translations', () => {
  for (const [name, strings] of [['es', es], ['pt', pt]] as const) {
    it(`${name} has every English key, with the same placeholders, and is translated`, () => {
      expect(keys(strings).sort()).toEqual(keys(en).sort());
      for (const key of keys(en)) {
        expect(placeholders(lookup(strings, key)), key).toEqual(placeholders(lookup(en, key)));
        expect(lookup(strings, key), key).not.toBe('');
      }
      // A copy of the English file would pass the checks above; a few words ("Error") are the same.
      // Language names, the product name and abbreviations (SUB, fps) may stay as they are.
      const properNoun = (k: string) => k.startsWith('languages.') || k === 'app.title' || k === 'app.demo';
      const same = keys(en).filter((k) => !properNoun(k) && lookup(strings, k) === lookup(en, k));
      expect(same.length, same.join(', ')).toBeLessThanOrEqual(Math.ceil(keys(en).length * 0.1));
    });
  }

  it('picks the language from the OS locale, or the setting', () => {
    expect(languageFor('pt-BR')).toBe('pt');
    expect(languageFor('es-419')).toBe('es');
    expect(languageFor('fr-FR')).toBe('en');
    expect(languageFor(undefined)).toBe('en');
    expect(resolveLanguage('auto', 'es-AR')).toBe('es');
    expect(resolveLanguage('pt', 'es-AR')).toBe('pt');
  });
});
