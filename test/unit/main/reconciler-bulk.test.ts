import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { silentLogger } from '../../../src-main/logging.js';
import { Reconciler } from '../../../src-main/reconcile/reconciler.js';

/** A reconciler whose replays only record which connection they were for. */
function setup() {
  const replayed: string[] = [];
  const statuses: SyncStatus[] = [
    { connectionId: 'c-offline', state: 'offline', syncedAt: null, message: 'gone' },
    { connectionId: 'c-up', state: 'synced', syncedAt: '2026-12-01T10:00:00.000Z', message: null },
  ];
  const reconciler = new Reconciler({
    sync: { syncOne: async () => statuses[0]!, syncAll: async () => statuses, statuses: () => statuses },
    replayer: { replay: async (id) => void replayed.push(id), replayAll: async () => undefined, close: async () => undefined },
    queue: { waiting: () => [] },
    connections: { list: () => [] },
    logger: silentLogger(),
  });
  return { reconciler, replayed };
}

describe('the reconciler after a bulk run queued its writes', () => {
  it('sends each connection once, and leaves a provider known to be offline to its comeback', async () => {
    const { reconciler, replayed } = setup();
    reconciler.writesQueued(['c-up', 'c-offline', 'c-up', 'c-new']);
    await reconciler.idle();
    expect(replayed).toEqual(['c-up', 'c-new']);
  });

  it('tries every connection, offline or not, when the user asked for a retry', async () => {
    const { reconciler, replayed } = setup();
    reconciler.writesQueued(['c-offline', 'c-up'], { evenOffline: true });
    await reconciler.idle();
    expect(replayed).toEqual(['c-offline', 'c-up']);
  });

  it('starts nothing after close', async () => {
    const { reconciler, replayed } = setup();
    await reconciler.close();
    reconciler.writesQueued(['c-up'], { evenOffline: true });
    await reconciler.idle();
    expect(replayed).toEqual([]);
  });
});
