import type { auditChannels } from '../../../src-shared/ipc/channels/audit.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capableConnector } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

export function createAuditHandlers({ connections }: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof auditChannels> {
  return {
    'audit.list': async ({ connectionId, accountId, cursor }) =>
      (await capableConnector(connections, connectionId, 'audit', 'show the audit trail')).listAudit(accountId, cursor),
  };
}
