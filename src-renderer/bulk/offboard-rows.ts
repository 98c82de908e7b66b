import type { AccessSearch } from '../../src-shared/ipc/channels/bulk.js';
import type { IpcInput } from '../../src-shared/ipc/contract.js';
import { targetKey } from './bulk-progress.js';

/** One line of what offboarding would change: a membership to remove or a pending invitation to withdraw. */
export interface OffboardRow {
  key: string;
  connectionId: string;
  providerLabel: string;
  accountName: string;
  /** The member's role, or null for a pending invitation. */
  role: AccessSearch['found'][number]['role'] | null;
  target: IpcInput<'bulk.offboard'>['targets'][number];
}

/** What a search found, memberships first, each with the target `bulk.offboard` takes for it. */
export function offboardRows(search: AccessSearch): OffboardRow[] {
  return [
    ...search.found.map((f) => ({
      key: targetKey(f.connectionId, f.accountId),
      connectionId: f.connectionId,
      providerLabel: f.providerLabel,
      accountName: f.accountName,
      role: f.role,
      target: { connectionId: f.connectionId, accountId: f.accountId, userId: f.userId },
    })),
    ...search.invitations.map((i) => ({
      key: `${targetKey(i.connectionId, i.accountId)}\u0000invitation`,
      connectionId: i.connectionId,
      providerLabel: i.providerLabel,
      accountName: i.accountName,
      role: null,
      target: { connectionId: i.connectionId, accountId: i.accountId, invitationId: i.invitationId },
    })),
  ];
}
