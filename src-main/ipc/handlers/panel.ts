import type { panelChannels } from '../../../src-shared/ipc/channels/panel.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart, requireAccount, requireCapability } from '../guards.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createPanelHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof panelChannels> {
  const { connections, cache, marks } = deps;
  return {
    'panel.open': async ({ connectionId, accountId, target }) => {
      const connection = connections.get(connectionId);
      const what = 'open customer panels';
      requireCapability(connection, 'sso', what);
      const account = requireAccount(connections, cache, connectionId, accountId);
      // An open panel is brought forward as it is: no new link, no lost place in the panel.
      if (target === 'window' && deps.panelOpener?.focus?.(connectionId, accountId)) {
        marks.recordOpened(connectionId, accountId, deps.clock());
        return { url: '', expiresAt: deps.clock().toISOString(), handled: true };
      }
      const link = await (await capablePart(connections, connectionId, 'sso', what)).createLink(accountId);
      marks.recordOpened(connectionId, accountId, deps.clock());
      const handled = deps.panelOpener
        ? await deps.panelOpener.open({ url: link.url, target, connection, account: { id: account.id, name: account.name } })
        : false;
      return { url: link.url, expiresAt: link.expiresAt, handled };
    },
  };
}
