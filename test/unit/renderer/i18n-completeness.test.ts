import { describe, expect, it } from 'vitest';
import { translationProblems } from '../../../src-renderer/i18n/completeness.js';
import { detectLanguage, english, messagesOf, TRANSLATED } from '../../../src-renderer/i18n/resources.js';
import { LANGUAGES } from '../../../src-shared/api/primitives.js';

describe('translations', () => {
  const reference = english;

  it('are held for every language of the contract', () => {
    expect([...TRANSLATED].sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key of English, none empty, same placeholders', async (language) => {
    expect(translationProblems(reference, await messagesOf(language), language)).toEqual([]);
  });

  it('English itself has no empty string and every plural form English needs', () => {
    expect(translationProblems(reference, reference, 'en')).toEqual([]);
  });

  it('the check notices a missing key, an empty string, a missing Polish plural form and a lost placeholder', () => {
    const ref = { a: { b: 'B {{name}}', n_one: '{{count}} x', n_other: '{{count}} xs' }, c: 'C' };
    const bad = { a: { b: 'B', n_one: '{{count}} x', n_other: '{{count}} xs', n_few: '' } };
    expect(translationProblems(ref, bad, 'pl')).toEqual(
      expect.arrayContaining(['pl: missing c', 'pl: empty a.n_few', 'pl: missing a.n_many', 'pl: a.b uses {{}} but a.b uses {{name}}']),
    );
  });
});

describe('detectLanguage', () => {
  it('takes the first supported language among the preferred ones, by its base tag', () => {
    expect(detectLanguage(['de-DE', 'it-IT', 'en'])).toBe('it');
    expect(detectLanguage(['pl'])).toBe('pl');
    expect(detectLanguage(['fr-CA'])).toBe('fr');
  });

  it('falls back to English', () => {
    expect(detectLanguage(['de', 'ja'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });
});
