import en from './locales/en.json';
import type { Language } from '../../src-shared/api/primitives.js';

export const DEFAULT_LANGUAGE: Language = 'en';

export interface Messages {
  [key: string]: string | Messages;
}

/** English is in the first script: it is the default and what every other language falls back to. */
export const english: Messages = en;

/**
 * Each language's messages. The other three are chunks of their own, fetched only when chosen, so
 * a cold start does not parse and hold four languages to show one (docs/ARCHITECTURE.md §4).
 */
const LANGUAGE_FILES: Record<Language, () => Promise<Messages>> = {
  en: () => Promise.resolve(english),
  it: async () => (await import('./locales/it.json')).default,
  fr: async () => (await import('./locales/fr.json')).default,
  pl: async () => (await import('./locales/pl.json')).default,
};

/** The languages the app is translated to (every one of the contract's: the record above is typed by it). */
export const TRANSLATED = Object.keys(LANGUAGE_FILES) as Language[];

export function isTranslated(language: string): language is Language {
  return (TRANSLATED as string[]).includes(language);
}

export function messagesOf(language: Language): Promise<Messages> {
  return LANGUAGE_FILES[language]();
}

/** The first of the user's preferred languages we translate to; English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isTranslated(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}
