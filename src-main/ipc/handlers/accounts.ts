import type { accountsChannels } from '../../../src-shared/ipc/channels/accounts.js';
import type { IpcHandlers } from '../dispatcher.js';
import { requireAccount } from '../guards.js';
import type { HandlerDeps } from '../handler-deps.js';
import { AccountListLog } from './accounts-list-log.js';
import { AccountListWindows } from './accounts-list-windows.js';

export function createAccountsHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof accountsChannels> {
  const { connections, cache, marks } = deps;
  // The same array while nothing changed lets the dispatcher reuse its checked output: 50,000
  // rows are not checked again for nothing.
  const log = new AccountListLog({ connections, cache, marks });
  const windows = new AccountListWindows(log);
  followAnnouncedChanges(deps.events, windows);

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

/** Long enough for the renderers already open to have asked for their changes first: they are waited on. */
const FOLLOW_AFTER_MS = 200;

/** The order a starting renderer copies is brought up to date after each announced change of the list, not while it starts. */
function followAnnouncedChanges(events: HandlerDeps['events'], windows: AccountListWindows): void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  events.on((event, payload) => {
    if (event !== 'data.changed' || pending || !(payload as { lists: string[] }).lists.includes('accounts')) return;
    pending = setTimeout(() => {
      pending = null;
      try {
        windows.follow();
      } catch {
        // Nothing is lost: the next accounts.window works the order out itself and reports what fails.
      }
    }, FOLLOW_AFTER_MS);
    pending.unref();
  });
}
