import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';
import { pt } from './pt';

export const LANGUAGES = ['en', 'es', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Maps a BCP 47 tag (e.g. "pt-BR", "es-419") to one of our languages; English otherwise. */
export function languageFor(tag: string | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

/** The language a setting selects: 'auto' follows the OS/browser locale. */
export function resolveLanguage(setting: string, systemLocale: string | undefined): Language {
  return setting === 'auto' ? languageFor(systemLocale) : languageFor(setting);
}

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es }, pt: { translation: pt } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
