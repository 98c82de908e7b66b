import type { bulkChannels } from '../../../src-shared/ipc/channels/bulk.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

/** Bulk invite and offboarding: the runs live in the durable queue; see `src-main/bulk/bulk-runs.ts`. */
export function createBulkHandlers({ bulk }: HandlerDeps): Pick<IpcHandlers, keyof typeof bulkChannels> {
  return {
    'bulk.invite': async (input) => bulk.invite(input),
    'bulk.findAccess': async ({ email }) => bulk.findAccess(email),
    'bulk.offboard': async (input) => bulk.offboard(input),
    'bulk.get': async ({ runId }) => bulk.get(runId),
    'bulk.list': async () => bulk.list(),
    'bulk.retry': async ({ runId }) => bulk.retry(runId),
    'bulk.summaryCsv': async ({ runId }) => bulk.summaryCsv(runId),
  };
}
