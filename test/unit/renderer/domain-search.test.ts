import { describe, expect, it } from 'vitest';
import { applyAccountChanges } from '../../../src-renderer/accounts/account-changes.js';
import { indexAccounts } from '../../../src-renderer/accounts/account-filter.js';
import { accountRow as row, searchRows } from './account-rows.js';

/** Issue 5: an account is found by one of the domain names its provider lists for it. */
describe('search by domain name', () => {
  const many = Array.from({ length: 50 }, (_, i) => `site-${String(i).padStart(2, '0')}.example`);
  const rows = [
    row('Bellini Ristorante', 'Acme Hosting', { domains: ['bellini.example', 'trattoria-bellini.it'] }),
    row('Rossi Legal', 'Acme Hosting', { domains: many }),
    row('Verdi Srl', 'Nordhost'),
  ];
  const find = (query: string, index = indexAccounts(rows)) => searchRows(index, { query }).map((r) => r.name);

  it('finds an account by a whole or partial domain name, whatever the case', () => {
    expect(find('trattoria-bellini.it')).toEqual(['Bellini Ristorante']);
    expect(find('TRATTORIA')).toEqual(['Bellini Ristorante']);
    expect(find('site-49.example')).toEqual(['Rossi Legal']);
    expect(find('nowhere.example')).toEqual([]);
  });

  it('finds domain names that arrive with a later sync', () => {
    const first = indexAccounts(rows);
    expect(find('verdi.example', first)).toEqual([]);
    const verdi = rows.find((r) => r.name === 'Verdi Srl')!;
    expect(find('verdi.example', applyAccountChanges(first, [{ ...verdi, domains: ['verdi.example'] }], []))).toEqual(['Verdi Srl']);
  });
});
