import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { silentLogger } from '../../../src-main/logging.js';
import { Reconciler } from '../../../src-main/reconcile/reconciler.js';
import type { OnlineWatcher } from '../../../src-main/sync/online-watcher.js';
import { connection } from './fixtures/channel-samples.js';

/** Sync and replay steps that end only when the test lets them, recording the order they ran in. */
function setup(waiting: string[] = []) {
  const steps: string[] = [];
  const gates: Array<() => void> = [];
  const step = (name: string) => {
    steps.push(`${name} started`);
    return new Promise<void>((resolve) =>
      gates.push(() => {
        steps.push(`${name} ended`);
        resolve();
      }),
    );
  };
  const status = (): SyncStatus => ({ connectionId: connection.id, state: 'offline', syncedAt: null, message: null });
  const reconciler = new Reconciler({
    sync: {
      syncOne: (id) => step(`sync ${id}`).then(status),
      syncAll: () => step('sync all').then(() => [status()]),
      statuses: () => [status()],
    },
    replayer: { replay: (id) => step(`replay ${id}`), replayAll: () => step('replay all'), close: async () => undefined },
    queue: { waiting: () => waiting },
    connections: { list: () => [connection] },
    logger: silentLogger(),
  });
  /** Lets every step started so far end, and waits for what follows them to start. */
  const openGates = async () => {
    for (const open of gates.splice(0)) open();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { reconciler, steps, openGates };
}

/** Resolves true when `promise` settles before the queued steps are let through, false when it waits. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('Reconciler', () => {
  it('after a refresh syncs, then replays; idle waits for both', async () => {
    const { reconciler, steps, openGates } = setup();
    reconciler.refresh('c1');
    const idle = reconciler.idle();
    expect(await settledYet(idle)).toBe(false);
    await openGates();
    expect(steps).toEqual(['sync c1 started', 'sync c1 ended', 'replay c1 started']);
    expect(await settledYet(idle)).toBe(false);
    await openGates();
    await idle;
    expect(steps.at(-1)).toBe('replay c1 ended');
  });

  it('when a provider comes back, replays first, then syncs', async () => {
    const { reconciler, steps, openGates } = setup();
    const cameBack: Array<(id?: string) => void> = [];
    const watcher: OnlineWatcher = { start: (onOnline) => (cameBack.push(onOnline), () => undefined) };
    reconciler.start(60_000, [watcher]);
    await openGates();
    await openGates();
    steps.splice(0);
    cameBack[0]!('c1');
    await openGates();
    await openGates();
    await reconciler.idle();
    expect(steps).toEqual(['replay c1 started', 'replay c1 ended', 'sync c1 started', 'sync c1 ended']);
    await reconciler.close();
  });

  it('starts with a sync of everything, then every queue', async () => {
    const { reconciler, steps, openGates } = setup();
    reconciler.start(60_000, []);
    await openGates();
    await openGates();
    await reconciler.idle();
    expect(steps).toEqual(['sync all started', 'sync all ended', 'replay all started', 'replay all ended']);
    await reconciler.close();
  });

  it('after a sync replays only a queue that has something waiting', async () => {
    const empty = setup([]);
    empty.reconciler.synced('c1');
    expect(empty.steps).toEqual([]);
    const full = setup(['an answer']);
    full.reconciler.synced('c1');
    expect(full.steps).toEqual(['replay c1 started']);
    const idle = full.reconciler.idle();
    expect(await settledYet(idle)).toBe(false);
    await full.openGates();
    await idle;
  });

  it('a refresh asked for while one runs goes round once more after it, not twice at once', async () => {
    const { reconciler, steps, openGates } = setup();
    reconciler.refresh('c1');
    reconciler.refresh('c1');
    reconciler.refresh('c1');
    expect(steps).toEqual(['sync c1 started']);
    for (let i = 0; i < 4; i++) await openGates();
    await reconciler.idle();
    expect(steps.filter((s) => s.endsWith('started'))).toEqual(['sync c1 started', 'replay c1 started', 'sync c1 started', 'replay c1 started']);
  });

  it('tracks the send after an answer is queued, and starts nothing once closed', async () => {
    const { reconciler, steps, openGates } = setup();
    const sent = reconciler.answerQueued('c1');
    const idle = reconciler.idle();
    expect(await settledYet(idle)).toBe(false);
    await openGates();
    await Promise.all([sent, idle]);
    await reconciler.close();
    reconciler.refresh('c1');
    reconciler.cameBack('c1');
    await reconciler.answerQueued('c1');
    expect(steps).toEqual(['replay c1 started', 'replay c1 ended']);
  });
});
