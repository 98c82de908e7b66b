import type { Settings } from '../../src-shared/ipc/channels/settings.js';
import i18n from '../i18n/i18n.js';
import { detectLanguage } from '../i18n/resources.js';
import type { Language } from '../../src-shared/api/primitives.js';

export type ResolvedTheme = 'light' | 'dark';
const CACHE_KEY = 'clientdeck.settings';

/** "system" follows the operating system's scheme, as the browser reports it. */
export function resolveTheme(theme: Settings['theme'], prefersDark: boolean): ResolvedTheme {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

/** The language the UI shows: the chosen one, else the first of the system's we translate to. */
export function resolveLanguage(language: Settings['language'], preferred: readonly string[]): Language {
  return language ?? detectLanguage(preferred);
}

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

function preferredLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

let followingSystem: (() => void) | null = null;

/** Applies theme and language to the document at once; "system" keeps following the OS. */
export function applySettings(settings: Settings): void {
  const root = document.documentElement;
  const setTheme = () => {
    const resolved = resolveTheme(settings.theme, prefersDark());
    root.dataset.theme = resolved;
    root.style.colorScheme = resolved;
  };
  setTheme();
  followingSystem?.();
  followingSystem = null;
  if (settings.theme === 'system' && typeof matchMedia === 'function') {
    const query = matchMedia('(prefers-color-scheme: dark)');
    query.addEventListener('change', setTheme);
    followingSystem = () => query.removeEventListener('change', setTheme);
  }
  const language = resolveLanguage(settings.language, preferredLanguages());
  if (i18n.language !== language) void i18n.changeLanguage(language);
  root.lang = language;
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(settings));
  } catch {
    // Storage may be unavailable; main still has the settings.
  }
}

/**
 * The settings last applied, kept in the page's storage so the first frame already has the
 * user's theme and language; main's copy is the truth and replaces it a moment later.
 */
export function cachedSettings(): Settings {
  const fallback: Settings = { language: null, theme: 'system' };
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return fallback;
    const parsed = JSON.parse(raw) as Partial<Settings>;
    const theme = parsed.theme === 'light' || parsed.theme === 'dark' || parsed.theme === 'system' ? parsed.theme : 'system';
    const language = parsed.language === 'en' || parsed.language === 'it' || parsed.language === 'fr' || parsed.language === 'pl' ? parsed.language : null;
    return { theme, language };
  } catch {
    return fallback;
  }
}
