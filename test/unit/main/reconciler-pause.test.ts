import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { silentLogger } from '../../../src-main/logging.js';
import { Reconciler } from '../../../src-main/reconcile/reconciler.js';
import type { OnlineWatcher } from '../../../src-main/sync/online-watcher.js';
import { connection } from './fixtures/channel-samples.js';

/** "Pause sync" from the tray: background syncs stop starting, what the user asks for still runs. */
describe('Reconciler paused', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts no periodic or comeback sync while paused, still syncs on request, and resumes', async () => {
    vi.useFakeTimers();
    const steps: string[] = [];
    const offline = (): SyncStatus => ({ connectionId: connection.id, state: 'offline', syncedAt: null, message: null });
    let cameBack: (id?: string) => void = () => undefined;
    const watcher: OnlineWatcher = {
      start(onOnline) {
        cameBack = onOnline;
        return () => undefined;
      },
    };
    const reconciler = new Reconciler({
      sync: {
        syncOne: async (id) => (steps.push(`sync ${id}`), offline()),
        syncAll: async () => (steps.push('sync all'), [offline()]),
        statuses: () => [offline()],
      },
      replayer: { replay: async (id) => void steps.push(`replay ${id}`), replayAll: async () => void steps.push('replay all'), close: async () => undefined },
      queue: { waiting: () => [] },
      connections: { list: () => [connection] },
      logger: silentLogger(),
    });

    reconciler.pause(true);
    reconciler.start(1_000, [watcher]);
    await vi.advanceTimersByTimeAsync(3_500);
    cameBack(connection.id);
    cameBack();
    await reconciler.idle();
    expect(steps).toEqual([]);

    await reconciler.syncNow(connection.id);
    await reconciler.idle();
    expect(steps).toEqual([`sync ${connection.id}`, `replay ${connection.id}`]);

    steps.length = 0;
    reconciler.pause(false);
    await vi.advanceTimersByTimeAsync(1_000);
    await reconciler.idle();
    expect(steps).toEqual(['sync all', 'replay all']);
    cameBack(connection.id);
    await reconciler.idle();
    expect(steps.slice(2)).toEqual([`replay ${connection.id}`, `sync ${connection.id}`]);
    await reconciler.close();
  });
});
