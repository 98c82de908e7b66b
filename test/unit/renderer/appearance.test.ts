import { describe, expect, it } from 'vitest';
import { resolveLanguage, resolveTheme } from '../../../src-renderer/settings/appearance.js';
import { isPaletteShortcut } from '../../../src-renderer/palette/palette-store.js';
import { formatRelative, relativeParts } from '../../../src-renderer/kit/relative-time.js';

describe('settings applied', () => {
  it('resolves the theme, following the system when asked', () => {
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('resolves the language: the chosen one, else the system’s, else English', () => {
    expect(resolveLanguage('pl', ['it-IT'])).toBe('pl');
    expect(resolveLanguage(null, ['de-DE', 'fr-CA'])).toBe('fr');
    expect(resolveLanguage(null, ['ja'])).toBe('en');
  });
});

describe('the palette shortcut', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });
  it('is Ctrl+K or Cmd+K, nothing else', () => {
    expect(isPaletteShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('K', { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('k'))).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(key('j', { ctrlKey: true }))).toBe(false);
  });
});

describe('relative time', () => {
  const now = new Date('2025-06-10T12:00:00.000Z');
  it('picks the unit people would say', () => {
    expect(relativeParts('2025-06-10T11:59:30.000Z', now)).toEqual({ unit: 'now', value: 0 });
    expect(relativeParts('2025-06-10T11:15:00.000Z', now)).toEqual({ unit: 'minute', value: 45 });
    expect(relativeParts('2025-06-10T07:00:00.000Z', now)).toEqual({ unit: 'hour', value: 5 });
    expect(relativeParts('2025-06-07T12:00:00.000Z', now)).toEqual({ unit: 'day', value: 3 });
    expect(relativeParts('2025-01-01T12:00:00.000Z', now)?.unit).toBe('date');
    expect(relativeParts('not a date', now)).toBeNull();
  });

  it('words it in the UI language', () => {
    expect(formatRelative('2025-06-07T12:00:00.000Z', now, 'en')).toBe('3 days ago');
    expect(formatRelative('2025-06-09T12:00:00.000Z', now, 'fr')).toBe('hier');
    expect(formatRelative('2025-06-07T12:00:00.000Z', now, 'pl')).toBe('3 dni temu');
  });
});
