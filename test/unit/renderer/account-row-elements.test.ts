import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { rowLabels } from '../../../src-renderer/accounts/AccountRowView.js';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import { accountRow, rowMarkup } from './account-rows.js';

/** Keys for words: what a row says does not matter here, only what it is made of. */
const t = ((key: string) => key) as unknown as TFunction;
const now = new Date('2025-02-01T00:00:00.000Z');
const labels = rowLabels(t, [{ id: 'c1', label: 'Acme Hosting', isDemo: false }]);
const markup = (row: ListedAccount) => rowMarkup(row, t, labels, 'en', 3, now);

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

/** The rows most of a screenful is made of: with a domain or not, opened before or never, a favourite. */
const TYPICAL: [string, ListedAccount][] = [
  [
    'a member with a domain, opened before',
    accountRow('Alpen Digital', 'Acme Hosting', { domains: ['alpen.example'], lastOpenedAt: '2025-01-31T12:00:00.000Z' }),
  ],
  ['a favourite owner without a domain, never opened', accountRow('Bellini', 'Acme Hosting', { role: 'owner', favourite: true })],
  [
    'an admin with open tickets and unpaid invoices',
    accountRow('Côte Bleue', 'Acme Hosting', {
      role: 'admin',
      domains: ['cote.example'],
      summary: { services: 3, domainsExpiringSoon: 1, unpaidInvoices: 2, openTickets: 4 },
    }),
  ],
];

/**
 * Every element of a row is created, styled and laid out again when a row comes on screen, and
 * re-checked on each keystroke: a row was 28 elements (2.5 per cell) with its icons as inline SVG.
 */
describe('a list row is few elements', () => {
  for (const [what, row] of TYPICAL) {
    it(`${what}: at most two elements per cell, no SVG`, () => {
      const html = markup(row);
      const cells = count(html, /role="cell"/g);
      const elements = count(html, /<[a-z]/g);
      expect(cells).toBe(11);
      expect(elements / cells).toBeLessThanOrEqual(2);
      expect(html).not.toContain('<svg');
    });
  }

  it('keeps its buttons named and the favourite pressed, with the icons drawn by CSS', () => {
    const html = markup(TYPICAL[1]![1]);
    expect(html).toContain('class="star star--on" tabindex="-1" aria-pressed="true" aria-label="accounts.favouriteFor"');
    expect(html).toMatch(/class="btn btn--small btn--ghost btn--square details-arrow"[^>]*aria-label="accounts.detailsFor"/);
  });
});
