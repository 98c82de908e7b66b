import type { syncChannels } from '../../../src-shared/ipc/channels/sync.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createSyncHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof syncChannels> {
  const { connections, sync, reconciler } = deps;
  return {
    'sync.status': async () => sync.statuses(),

    // The user asked: the whole list is validated, so access removed meanwhile shows now.
    'sync.now': async ({ connectionId }) => {
      if (connectionId !== undefined) connections.get(connectionId);
      return reconciler.syncNow(connectionId);
    },
  };
}
