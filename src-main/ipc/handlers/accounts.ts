import type { accountsChannels } from '../../../src-shared/ipc/channels/accounts.js';
import type { IpcHandlers } from '../dispatcher.js';
import { requireAccount } from '../guards.js';
import type { HandlerDeps } from '../handler-deps.js';
import { AccountListLog } from './accounts-list-log.js';
import { AccountListWindows, followWhenQuiet } from './accounts-list-windows.js';

export function createAccountsHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof accountsChannels> {
  const { connections, cache, marks } = deps;
  // The same array while nothing changed lets the dispatcher reuse its checked output: 50,000
  // rows are not checked again for nothing.
  const log = new AccountListLog({ connections, cache, marks });
  const windows = new AccountListWindows(log);
  followWhenQuiet(deps.events, windows);

  return {
    'accounts.list': async () => log.list(),

    'accounts.window': async (request) => windows.window(request),

    'accounts.changes': async ({ since }) => log.changesSince(since),

    'accounts.setFavourite': async ({ connectionId, accountId, favourite }) => {
      requireAccount(connections, cache, connectionId, accountId);
      marks.setFavourite(connectionId, accountId, favourite);
      return { favourite };
    },
  };
}
