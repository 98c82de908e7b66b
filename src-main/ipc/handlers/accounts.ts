import type { accountsChannels, ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { IpcHandlers } from '../dispatcher.js';
import { requireAccount } from '../guards.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createAccountsHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof accountsChannels> {
  const { connections, cache, marks } = deps;

  /**
   * Every account of every connection as a row. The array is rebuilt only when a connection, its
   * cached accounts or a mark changed; otherwise the very same array is returned, which lets the
   * dispatcher reuse its checked output (50,000 rows are not checked again for nothing).
   */
  let rowsMemo: { key: unknown[]; rows: ListedAccount[] } | null = null;
  function accountRows(): ListedAccount[] {
    const list = connections.list();
    const key = [marks.version, ...list.flatMap((c) => [c.id, c.label, cache.read(c.id).accounts])];
    if (rowsMemo && rowsMemo.key.length === key.length && rowsMemo.key.every((k, i) => k === key[i])) return rowsMemo.rows;
    const rows = list.flatMap((c) => {
      const markOf = marks.forConnection(c.id);
      // The provider's domain names become the row's searchable `domains`, carried once.
      return cache
        .read(c.id)
        .accounts.map(({ domainNames, ...a }) => ({ ...a, connectionId: c.id, providerLabel: c.label, ...markOf(a.id), domains: domainNames ?? [] }));
    });
    rowsMemo = { key, rows };
    return rows;
  }

  return {
    'accounts.list': async () => accountRows(),

    'accounts.setFavourite': async ({ connectionId, accountId, favourite }) => {
      requireAccount(connections, cache, connectionId, accountId);
      marks.setFavourite(connectionId, accountId, favourite);
      return { favourite };
    },
  };
}
