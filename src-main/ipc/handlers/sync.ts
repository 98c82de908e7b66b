import type { syncChannels } from '../../../src-shared/ipc/channels/sync.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createSyncHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof syncChannels> {
  const { connections, sync, replayInBackground } = deps;
  return {
    'sync.status': async () => sync.statuses(),

    // The user asked: the whole list is validated, so access removed meanwhile shows now.
    'sync.now': async ({ connectionId }) => {
      if (connectionId === undefined) {
        const statuses = await sync.syncAll({ validate: true });
        replayInBackground();
        return statuses;
      }
      connections.get(connectionId);
      await sync.syncOne(connectionId, { validate: true });
      replayInBackground(connectionId);
      return sync.statuses();
    },
  };
}
