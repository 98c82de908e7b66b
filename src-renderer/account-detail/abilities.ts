import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import { holdsPermission } from '../accounts/account-filter.js';

/** What the account detail offers: the user's own rights on the account and what the connector can do. */
export interface Abilities {
  manageUsers: boolean;
  managedUsers: boolean;
  contacts: boolean;
  audit: boolean;
  leave: boolean;
  openPanel: boolean;
}

export function abilitiesFor(row: Pick<ListedAccount, 'role' | 'permissions'>, connection: Pick<Connection, 'capabilities'> | undefined): Abilities {
  const caps = new Set(connection?.capabilities ?? []);
  // Owners and admins granted users.manage run the account's team (docs/ARCHITECTURE.md §9).
  const manageUsers = (row.role === 'owner' || row.role === 'admin') && holdsPermission(row, 'users.manage') && caps.has('users.manage');
  return {
    manageUsers,
    managedUsers: manageUsers && caps.has('managed_users'),
    contacts: caps.has('contacts') && holdsPermission(row, 'contacts.manage'),
    audit: manageUsers && caps.has('audit'),
    leave: row.role !== 'owner' && caps.has('users.manage'),
    openPanel: caps.has('sso'),
  };
}
