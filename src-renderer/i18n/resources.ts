import en from './locales/en.json';
import fr from './locales/fr.json';
import it from './locales/it.json';
import pl from './locales/pl.json';
import { LANGUAGES, type Language } from '../../src-shared/api/primitives.js';

export const DEFAULT_LANGUAGE: Language = 'en';

export const resources: Record<Language, { translation: Messages }> = {
  en: { translation: en },
  it: { translation: it },
  fr: { translation: fr },
  pl: { translation: pl },
};

export interface Messages {
  [key: string]: string | Messages;
}

/** The first of the user's preferred languages we translate to; English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const hit = LANGUAGES.find((l) => l === base);
    if (hit) return hit;
  }
  return DEFAULT_LANGUAGE;
}
