import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, detectLanguage, english, isTranslated, messagesOf, TRANSLATED } from './resources.js';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format;
}

/** i18next asks this for a language it does not hold yet: its chunk, fetched once. */
const languageFiles: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (language, _namespace, done) => {
    if (!isTranslated(language)) return done(null, {});
    messagesOf(language).then(
      (messages) => done(null, messages),
      (err: unknown) => done(err instanceof Error ? err.message : String(err), false),
    );
  },
};

const language = typeof navigator === 'undefined' ? DEFAULT_LANGUAGE : detectLanguage(navigator.languages ?? [navigator.language]);

void i18n
  .use(languageFiles)
  .use(initReactI18next)
  .init({
    // English is held from the start; another language is fetched when chosen (mount.tsx waits for it).
    resources: { [DEFAULT_LANGUAGE]: { translation: english } },
    partialBundledLanguages: true,
    supportedLngs: TRANSLATED,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    interpolation: {
      // React escapes on render; escaping twice would show "&amp;" in customer names.
      escapeValue: false,
      // Numbers read the local way everywhere: "50,000 accounts", "50.000 account", "50 000 comptes".
      alwaysFormat: true,
      format: (value: unknown, _format?: string, lng?: string): string =>
        typeof value === 'number' ? numberFormat(lng ?? DEFAULT_LANGUAGE).format(value) : (value as string),
    },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });

if (typeof document !== 'undefined') document.documentElement.lang = language;
// Loading a locale's number data costs a few milliseconds the first time: pay it at start, not in the first list.
numberFormat(language);

export default i18n;
