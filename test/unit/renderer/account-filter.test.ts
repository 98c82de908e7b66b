import { describe, expect, it } from 'vitest';
import type { AccountRow } from '../../../src-shared/ipc/contract.js';
import { accountKey, filterAccounts, indexAccounts, isFiltered, NO_FILTER } from '../../../src-renderer/accounts/account-filter.js';

function row(name: string, providerLabel: string, extra: Partial<AccountRow> = {}): AccountRow {
  return {
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    role: 'member',
    permissions: ['tickets'],
    scope: null,
    summary: { services: 1, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 },
    updatedAt: '2025-01-01T00:00:00.000Z',
    connectionId: providerLabel === 'Acme Hosting' ? 'c1' : 'c2',
    providerLabel,
    ...extra,
  };
}

const rows = [
  row('Zeta Studio', 'Acme Hosting', { role: 'owner' }),
  row('Société Générale de Café', 'Nordhost'),
  row('Alpha Bakery', 'Nordhost', { role: 'admin' }),
  row('alpha Dental', 'Acme Hosting'),
];
const index = indexAccounts(rows);

describe('indexAccounts', () => {
  it('sorts by name, ignoring case', () => {
    expect(index.rows.map((r) => r.name)).toEqual(['Alpha Bakery', 'alpha Dental', 'Société Générale de Café', 'Zeta Studio']);
  });
});

describe('filterAccounts', () => {
  const names = (f: Partial<typeof NO_FILTER>) => filterAccounts(index, { ...NO_FILTER, ...f }).map((r) => r.name);

  it('returns every row without a filter', () => {
    expect(names({})).toHaveLength(4);
  });

  it('matches the name, case- and accent-insensitively', () => {
    expect(names({ query: 'societe' })).toEqual(['Société Générale de Café']);
    expect(names({ query: 'ALPHA' })).toEqual(['Alpha Bakery', 'alpha Dental']);
  });

  it('matches the provider too, and needs every word', () => {
    expect(names({ query: 'acme' })).toEqual(['alpha Dental', 'Zeta Studio']);
    expect(names({ query: 'alpha nordhost' })).toEqual(['Alpha Bakery']);
    expect(names({ query: '  ' })).toHaveLength(4);
  });

  it('filters by connection and role', () => {
    expect(names({ connectionId: 'c2' })).toEqual(['Alpha Bakery', 'Société Générale de Café']);
    expect(names({ role: 'owner' })).toEqual(['Zeta Studio']);
    expect(names({ role: 'admin', query: 'zeta' })).toEqual([]);
  });

  it('filters 50,000 rows well within a frame budget', () => {
    const many = indexAccounts(Array.from({ length: 50_000 }, (_, i) => row(`Customer ${i}`, i % 2 ? 'Acme Hosting' : 'Nordhost')));
    const start = performance.now();
    const hits = filterAccounts(many, { ...NO_FILTER, query: 'customer 4999' });
    const elapsed = performance.now() - start;
    // Words match anywhere: "4999" is in 4999, 14999, ..., 49990-49999.
    expect(hits).toHaveLength(15);
    expect(hits.every((r) => r.name.includes('4999'))).toBe(true);
    // Generous for a loaded CI machine; the bench measures the real figure.
    expect(elapsed).toBeLessThan(150);
  });
});

describe('isFiltered and accountKey', () => {
  it('says whether any filter is set', () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, query: ' ' })).toBe(false);
    expect(isFiltered({ ...NO_FILTER, role: 'member' })).toBe(true);
  });

  it('tells apart equal account ids at different connections', () => {
    expect(accountKey({ connectionId: 'a', id: '1' })).not.toBe(accountKey({ connectionId: 'b', id: '1' }));
  });
});
