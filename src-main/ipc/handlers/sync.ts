import type { syncChannels } from '../../../src-shared/ipc/channels/sync.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createSyncHandlers(deps: HandlerDeps): Pick<IpcHandlers, keyof typeof syncChannels> {
  const { connections, sync, answers } = deps;
  return {
    'sync.status': async () => sync.statuses(),

    // The user asked: the whole list is validated, so access removed meanwhile shows now.
    'sync.now': async ({ connectionId }) => {
      if (connectionId === undefined) {
        const statuses = await sync.syncAll({ validate: true });
        void answers.replayer.replayAll();
        return statuses;
      }
      connections.get(connectionId);
      await sync.syncOne(connectionId, { validate: true });
      void answers.replayer.replay(connectionId);
      return sync.statuses();
    },
  };
}
