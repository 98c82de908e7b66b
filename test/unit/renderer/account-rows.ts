import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TFunction } from 'i18next';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import { AccountRowView, type RowLabels } from '../../../src-renderer/accounts/AccountRowView.js';
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

/** One list row's markup, as the table renders it at `index` (not active, not opening, no handlers that do anything). */
export function rowMarkup(row: ListedAccount, t: TFunction, labels: RowLabels, language: string, index: number, now: Date): string {
  const noop = () => undefined;
  return renderToStaticMarkup(
    createElement(AccountRowView, {
      row,
      t,
      labels,
      language,
      index,
      start: index * 44,
      active: index === 0,
      opening: false,
      now,
      onOpen: noop,
      onDetails: noop,
      onFavourite: noop,
    }),
  );
}
