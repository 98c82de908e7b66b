import type { panelChannels } from '../../../src-shared/ipc/channels/panel.js';
import { checkPanelLink } from '../../connections/panel-link.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart, requireAccount, requireCapability } from '../guards.js';
import type { HandlerDeps } from '../handler-deps.js';

/** The panel window (and partition) of one view-as session, apart from the account's own. */
export function viewAsWindowKey(accountId: string, userId: string): string {
  return `${accountId}/view-as/${userId}`;
}

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
      const url = checkPanelLink(link.url, connection.baseUrl, connection.label);
      marks.recordOpened(connectionId, accountId, deps.clock());
      const handled = deps.panelOpener ? await deps.panelOpener.open({ url, target, connection, account: { id: account.id, name: account.name } }) : false;
      return { url: handled ? '' : url, expiresAt: link.expiresAt, handled };
    },
    'panel.viewAs': async ({ connectionId, accountId, userId }) => {
      const connection = connections.get(connectionId);
      const what = 'view the panel as a user';
      const account = requireAccount(connections, cache, connectionId, accountId);
      const link = await (await capablePart(connections, connectionId, 'managedUsers', what)).viewAs(accountId, userId);
      const url = checkPanelLink(link.url, connection.baseUrl, connection.label);
      // A window key of its own: the view-as session's cookie must never replace the owner's in
      // the account's panel window, nor that window be focused instead of showing the view.
      const handled = deps.panelOpener
        ? await deps.panelOpener.open({ url, target: 'window', connection, account: { id: viewAsWindowKey(accountId, userId), name: account.name } })
        : false;
      return { url: handled ? '' : url, expiresAt: link.expiresAt, handled };
    },
  };
}
