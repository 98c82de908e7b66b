import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import { DEFAULT_SORT, NO_FILTER, type AccountFilter, type AccountIndex, type AccountSort } from '../../../src-renderer/accounts/account-filter.js';
import { AccountSearch } from '../../../src-renderer/accounts/account-search.js';

/** A list row as main sends it, with only what a test cares about set. */
export function accountRow(name: string, providerLabel: string, extra: Partial<ListedAccount> = {}): ListedAccount {
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
    favourite: false,
    lastOpenedAt: null,
    domains: [],
    ...extra,
  };
}

/** The rows the list shows for this filter and sort, from a search that held no earlier answer. */
export function searchRows(index: AccountIndex, filter: Partial<AccountFilter>, sort: AccountSort = DEFAULT_SORT): ListedAccount[] {
  return new AccountSearch().run(index, { ...NO_FILTER, ...filter }, sort).rows;
}
