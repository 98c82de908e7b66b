import type { queueChannels } from '../../../src-shared/ipc/channels/queue.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createQueueHandlers({ answers }: HandlerDeps): Pick<IpcHandlers, keyof typeof queueChannels> {
  return {
    'queue.list': async () => answers.list(),

    'queue.dismiss': async ({ actionId }) => {
      answers.dismiss(actionId);
      return { dismissed: true as const };
    },
  };
}
