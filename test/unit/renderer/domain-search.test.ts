import { describe, expect, it } from 'vitest';
import { filterAccounts, indexAccounts, NO_FILTER, refreshIndex } from '../../../src-renderer/accounts/account-filter.js';
import { accountRow as row } from './account-rows.js';

/** Issue 5: an account is found by one of the domain names its provider lists for it. */
describe('search by domain name', () => {
  const many = Array.from({ length: 50 }, (_, i) => `site-${String(i).padStart(2, '0')}.example`);
  const rows = [
    row('Bellini Ristorante', 'Acme Hosting', { domains: ['bellini.example', 'trattoria-bellini.it'] }),
    row('Rossi Legal', 'Acme Hosting', { domains: many }),
    row('Verdi Srl', 'Nordhost'),
  ];
  const find = (query: string, index = indexAccounts(rows)) => filterAccounts(index, { ...NO_FILTER, query }).map((r) => r.name);

  it('finds an account by a whole or partial domain name, whatever the case', () => {
    expect(find('trattoria-bellini.it')).toEqual(['Bellini Ristorante']);
    expect(find('TRATTORIA')).toEqual(['Bellini Ristorante']);
    expect(find('site-49.example')).toEqual(['Rossi Legal']);
    expect(find('nowhere.example')).toEqual([]);
  });

  it('finds domain names that arrive with a later sync', () => {
    const first = indexAccounts(rows);
    expect(find('verdi.example', first)).toEqual([]);
    const synced = rows.map((r) => (r.name === 'Verdi Srl' ? { ...r, domains: ['verdi.example'] } : r));
    expect(find('verdi.example', refreshIndex(first, synced))).toEqual(['Verdi Srl']);
  });
});
