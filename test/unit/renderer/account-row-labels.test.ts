import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { rowLabels } from '../../../src-renderer/accounts/AccountRowView.js';
import { messagesOf, TRANSLATED } from '../../../src-renderer/i18n/resources.js';
import type { Language } from '../../../src-shared/api/primitives.js';
import { accountRow, rowMarkup } from './account-rows.js';

const CONNECTIONS = [{ id: 'c1', label: 'Acme Hosting', isDemo: false }];
const NAMES = ['Alpen Digital', 'Ünïcode & Søn', 'O’Brien {{name}} $& $1', 'a'];

async function translator(language: Language): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    lng: language,
    fallbackLng: 'en',
    resources: { [language]: { translation: await messagesOf(language) }, en: { translation: await messagesOf('en') } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

/** Counts the translator's calls, so a test can say how many a row costs. */
function counted(t: TFunction): { t: TFunction; calls: () => number } {
  let calls = 0;
  const wrapped = ((...args: Parameters<TFunction>) => {
    calls++;
    return t(...args);
  }) as TFunction;
  return { t: wrapped, calls: () => calls };
}

function renderRows(t: TFunction, language: string, n: number): string {
  const labels = rowLabels(t, CONNECTIONS);
  const now = new Date('2025-02-01T00:00:00.000Z');
  let html = '';
  for (let i = 0; i < n; i++) html += rowMarkup(accountRow(`${NAMES[i % NAMES.length]} ${i}`, 'Acme Hosting'), t, labels, language, i, now);
  return html;
}

describe('a row names its buttons without asking i18next per row', () => {
  for (const language of TRANSLATED) {
    it(`${language}: the sentences around a name are the translator's, for any name`, async () => {
      const t = await translator(language);
      const labels = rowLabels(t, CONNECTIONS);
      for (const name of NAMES) {
        expect(labels.favouriteFor(name)).toBe(t('accounts.favouriteFor', { name }));
        expect(labels.detailsFor(name)).toBe(t('accounts.detailsFor', { name }));
        expect(labels.openPanelFor(name)).toBe(t('accounts.openPanelFor', { name }));
      }
    });
  }

  it('a screenful of rows costs the translator the same calls as one row', async () => {
    const real = await translator('en');
    // The access words are kept per grant and language after their first row: fill that first.
    renderRows(real, 'en', 1);
    const one = counted(real);
    renderRows(one.t, 'en', 1);
    const many = counted(real);
    const html = renderRows(many.t, 'en', 40);
    // Rows without an access end ask for nothing; the labels are looked up once per table.
    expect(many.calls()).toBe(one.calls());
    expect(html).toContain('aria-label="Open panel for Alpen Digital 0"');
    expect(html).toContain('aria-label="Favourite O’Brien {{name}} $&amp; $1 2"');
  });

  it('a sentence that names the customer twice is still translated whole', async () => {
    const t = ((key: string, values?: { name?: string }) =>
      key === 'accounts.favouriteFor' ? `${values?.name} — ${values?.name}` : key) as unknown as TFunction;
    expect(rowLabels(t, CONNECTIONS).favouriteFor('Acme')).toBe('Acme — Acme');
  });
});
