import type { auditChannels } from '../../../src-shared/ipc/channels/audit.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

export function createAuditHandlers({ connections }: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof auditChannels> {
  return {
    'audit.list': async ({ connectionId, accountId, cursor }) =>
      (await capablePart(connections, connectionId, 'audit', 'show the audit trail')).list(accountId, cursor),
  };
}
