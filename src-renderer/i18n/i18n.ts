import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, detectLanguage, resources } from './resources.js';

const language = typeof navigator === 'undefined' ? DEFAULT_LANGUAGE : detectLanguage(navigator.languages ?? [navigator.language]);

void i18n.use(initReactI18next).init({
  resources,
  lng: language,
  fallbackLng: DEFAULT_LANGUAGE,
  // React escapes on render; escaping twice would show "&amp;" in customer names.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = language;

export default i18n;
