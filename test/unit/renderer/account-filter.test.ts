import { describe, expect, it } from 'vitest';
import { applyAccountChanges } from '../../../src-renderer/accounts/account-changes.js';
import {
  accountKey,
  holdsPermission,
  indexAccounts,
  isFiltered,
  needsAttention,
  NO_FILTER,
  patchAccounts,
  positionOf,
  sortOrder,
  type AccountFilter,
  type AccountSort,
} from '../../../src-renderer/accounts/account-filter.js';
import { visibleRange } from '../../../src-renderer/accounts/use-row-window.js';
import { accountRow as row, searchRows } from './account-rows.js';

const rows = [
  row('Zeta Studio', 'Acme Hosting', { role: 'owner', summary: { services: 9, domainsExpiringSoon: 0, unpaidInvoices: 2, openTickets: 0 } }),
  row('Société Générale de Café', 'Nordhost', { domains: ['cafe-generale.fr'], favourite: true }),
  row('Alpha Bakery', 'Nordhost', { role: 'admin', permissions: ['users.manage', 'billing.invoices'], lastOpenedAt: '2025-03-01T10:00:00.000Z' }),
  row('alpha Dental', 'Acme Hosting', {
    summary: { services: 3, domainsExpiringSoon: 1, unpaidInvoices: 0, openTickets: 4 },
    lastOpenedAt: '2025-03-02T10:00:00.000Z',
  }),
];
const index = indexAccounts(rows);
const names = (f: Partial<AccountFilter>, sort?: AccountSort) => searchRows(index, f, sort).map((r) => r.name);

describe('indexAccounts', () => {
  it('sorts by name, ignoring case, and finds a row by its key', () => {
    expect(index.rows.map((r) => r.name)).toEqual(['Alpha Bakery', 'alpha Dental', 'Société Générale de Café', 'Zeta Studio']);
    expect(positionOf(index, accountKey(rows[0]!))).toBe(3);
  });
});

describe('the list’s filter', () => {
  it('returns every row without a filter', () => {
    expect(names({})).toHaveLength(4);
  });

  it('matches the name, case- and accent-insensitively', () => {
    expect(names({ query: 'societe' })).toEqual(['Société Générale de Café']);
    expect(names({ query: 'ALPHA' })).toEqual(['Alpha Bakery', 'alpha Dental']);
  });

  it('matches the provider and the domain names too, and needs every word', () => {
    expect(names({ query: 'acme' })).toEqual(['alpha Dental', 'Zeta Studio']);
    expect(names({ query: 'alpha nordhost' })).toEqual(['Alpha Bakery']);
    expect(names({ query: 'generale.fr' })).toEqual(['Société Générale de Café']);
    expect(names({ query: '  ' })).toHaveLength(4);
  });

  it('filters by connection, role and permission', () => {
    expect(names({ connectionId: 'c2' })).toEqual(['Alpha Bakery', 'Société Générale de Café']);
    expect(names({ role: 'owner' })).toEqual(['Zeta Studio']);
    expect(names({ role: 'admin', query: 'zeta' })).toEqual([]);
    // Owners hold every permission whatever is stored; a member never holds users.manage.
    expect(names({ permission: 'billing.invoices' })).toEqual(['Alpha Bakery', 'Zeta Studio']);
    expect(names({ permission: 'users.manage' })).toEqual(['Alpha Bakery', 'Zeta Studio']);
  });

  it('shows the accounts that need attention, favourites and recently opened', () => {
    expect(names({ needsAttention: true })).toEqual(['alpha Dental', 'Zeta Studio']);
    expect(names({ show: 'favourites' })).toEqual(['Société Générale de Café']);
    expect(names({ show: 'recent' }, { key: 'lastOpened', dir: 'desc' })).toEqual(['alpha Dental', 'Alpha Bakery']);
  });

  it('sorts by any column, ties in name order, never-opened accounts last in both directions', () => {
    expect(names({}, { key: 'name', dir: 'desc' })).toEqual(['Zeta Studio', 'Société Générale de Café', 'alpha Dental', 'Alpha Bakery']);
    expect(names({}, { key: 'services', dir: 'desc' })).toEqual(['Zeta Studio', 'alpha Dental', 'Alpha Bakery', 'Société Générale de Café']);
    expect(names({}, { key: 'role', dir: 'asc' })).toEqual(['Zeta Studio', 'Alpha Bakery', 'alpha Dental', 'Société Générale de Café']);
    expect(names({}, { key: 'lastOpened', dir: 'asc' })).toEqual(['Alpha Bakery', 'alpha Dental', 'Société Générale de Café', 'Zeta Studio']);
    expect(names({}, { key: 'lastOpened', dir: 'desc' })).toEqual(['alpha Dental', 'Alpha Bakery', 'Société Générale de Café', 'Zeta Studio']);
    expect(names({ query: 'alpha' }, { key: 'openTickets', dir: 'desc' })).toEqual(['alpha Dental', 'Alpha Bakery']);
  });

  it('finds a query’s words anywhere in 50,000 rows, reading no row object but the ones it keeps', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => row(`Customer ${i}`, i % 2 ? 'Acme Hosting' : 'Nordhost'));
    const many = indexAccounts(rows);
    // A row object is a cache miss at this size: the pass reads masks and search texts only.
    let reads = 0;
    const counted = new Proxy(many.rows, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const hits = searchRows({ ...many, rows: counted }, { query: 'customer 4999' });
    // Words match anywhere: "4999" is in 4999, 14999, ..., 49990-49999.
    expect(hits).toHaveLength(15);
    expect(hits.every((r) => r.name.includes('4999'))).toBe(true);
    expect(reads).toBe(15);
  });
});

describe('patchAccounts', () => {
  it('changes one row without re-indexing, and forgets the last-opened order only', () => {
    const local = indexAccounts(rows);
    sortOrder(local, { key: 'lastOpened', dir: 'desc' });
    sortOrder(local, { key: 'services', dir: 'desc' });
    const key = accountKey(rows[0]!);
    const next = patchAccounts(local, new Map([[key, { favourite: true, lastOpenedAt: '2025-04-01T00:00:00.000Z' }]]));
    expect(next.rows[3]).toMatchObject({ name: 'Zeta Studio', favourite: true });
    expect(local.rows[3]!.favourite).toBe(false);
    expect(next.haystacks).toBe(local.haystacks);
    expect([...next.orders.keys()]).toEqual(['services:desc']);
    expect(searchRows(next, { show: 'recent' }, { key: 'lastOpened', dir: 'desc' })[0]!.name).toBe('Zeta Studio');
  });
});

describe('helpers', () => {
  it('says whether any filter is set', () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, query: ' ' })).toBe(false);
    expect(isFiltered({ ...NO_FILTER, role: 'member' })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, show: 'favourites' })).toBe(true);
    expect(isFiltered({ ...NO_FILTER, needsAttention: true })).toBe(true);
  });

  it('needs attention for an expiring domain or an unpaid invoice, not for open tickets', () => {
    expect(needsAttention(rows[0]!)).toBe(true);
    expect(needsAttention(rows[3]!)).toBe(true);
    expect(needsAttention(row('Calm', 'Nordhost', { summary: { services: 1, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 5 } }))).toBe(false);
  });

  it('holds a permission the way docs/ARCHITECTURE.md §9 says', () => {
    expect(holdsPermission({ role: 'owner', permissions: [] }, 'affiliates')).toBe(true);
    expect(holdsPermission({ role: 'member', permissions: ['users.manage'] }, 'users.manage')).toBe(false);
    expect(holdsPermission({ role: 'admin', permissions: ['users.manage'] }, 'users.manage')).toBe(true);
  });

  it('tells apart equal account ids at different connections', () => {
    expect(accountKey({ connectionId: 'a', id: '1' })).not.toBe(accountKey({ connectionId: 'b', id: '1' }));
  });
});

describe('the name order', () => {
  it('sorts numbers in names by value', () => {
    const local = indexAccounts([row('Studio 10', 'Nordhost'), row('Studio 2', 'Nordhost'), row('studio 1', 'Nordhost')]);
    expect(local.rows.map((r) => r.name)).toEqual(['studio 1', 'Studio 2', 'Studio 10']);
  });
});

describe('visibleRange', () => {
  it('renders the rows in view and a few around them, whatever the list length', () => {
    expect(visibleRange(50_000, 44, 0, 440, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(50_000, 44, 44 * 1000, 440, 5)).toEqual({ start: 995, end: 1015 });
    expect(visibleRange(50_000, 44, 44 * 49_995, 440, 5)).toEqual({ start: 49_990, end: 50_000 });
    expect(visibleRange(3, 44, 0, 440, 5)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(0, 44, 0, 440, 5)).toEqual({ start: 0, end: 0 });
  });
});

describe('attention count', () => {
  it('is counted with the data and follows a change of counts from main', () => {
    const local = indexAccounts(rows);
    expect(local.attention).toBe(2);
    const calmer = applyAccountChanges(local, [{ ...rows[0]!, summary: { ...rows[0]!.summary, unpaidInvoices: 0 } }], []);
    expect(calmer.attention).toBe(1);
  });
});
