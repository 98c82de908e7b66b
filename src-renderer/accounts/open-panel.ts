import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { invoke } from '../bridge/invoke.js';
import { useAccounts } from './accounts-store.js';

/**
 * Asks main for the account's one-time SSO link. In Electron main opens the panel window itself;
 * in web mode it cannot, so the page opens the link. Called from a click or Enter, so the
 * browser still counts the reply as user-initiated (transient activation lasts seconds,
 * the loopback round trip milliseconds).
 */
export async function openPanel(row: Pick<ListedAccount, 'connectionId' | 'id'>): Promise<{ signInThere: boolean }> {
  const { url, handled, signInThere } = await invoke('panel.open', { connectionId: row.connectionId, accountId: row.id, target: 'window' });
  if (!handled) window.open(url, '_blank', 'noopener');
  useAccounts.getState().markOpened(row);
  // A provider without one-time links (WHMCS) opens signed out in a browser tab: the user is told.
  return { signInThere: !handled && signInThere === true };
}
