import type { AccountUser } from '../../src-shared/api/team.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { invoke } from '../bridge/invoke.js';

/**
 * Opens the provider's read-only, audited view of the panel as one managed user, where "Open
 * panel" opens: main's panel window in the desktop app, a popup in web mode. Called from a click,
 * so the browser still lets the page open the popup when the reply comes back.
 */
export async function viewAsUser(row: Pick<ListedAccount, 'connectionId' | 'id'>, user: Pick<AccountUser, 'userId'>): Promise<void> {
  const { url, handled } = await invoke('panel.viewAs', { connectionId: row.connectionId, accountId: row.id, userId: user.userId });
  if (!handled) window.open(url, '_blank', 'noopener');
}

/** Only a managed login that can sign in has a panel to look at; the provider refuses the others. */
export function canViewAs(user: Pick<AccountUser, 'origin' | 'status'>): boolean {
  return user.origin === 'managed' && user.status === 'active';
}
