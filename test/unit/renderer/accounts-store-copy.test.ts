import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { ClientdeckBridge, IpcChannel } from '../../../src-shared/ipc/contract.js';
import { listWorld } from '../main/fixtures/account-list-world.js';
import { positionOf } from '../../../src-renderer/accounts/account-filter.js';

/** The renderer's bridge straight to main's accounts channels, counting what each reply carries. */
function mainWith(world: ReturnType<typeof listWorld>, afterWindow?: (replies: number) => void, failWindow?: (replies: number) => boolean) {
  const calls = new Map<IpcChannel, unknown[]>();
  const sent: ListedAccount[] = [];
  let windowReplies = 0;
  const bridge = {
    invoke: async (channel: IpcChannel, input: never) => {
      calls.set(channel, [...(calls.get(channel) ?? []), input]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (channel === 'accounts.window') {
        windowReplies++;
        if (failWindow?.(windowReplies)) {
          return { ok: false, error: { code: 'provider_unreachable', message: 'Clientdeck cannot reach its background service.' } };
        }
        const result = world.windows.window(input);
        sent.push(...result.rows);
        afterWindow?.(windowReplies);
        return { ok: true, result };
      }
      if (channel === 'accounts.changes') return { ok: true, result: world.log.changesSince((input as { since: number }).since) };
      throw new Error(`unexpected ${channel}`);
    },
    on: () => () => undefined,
  } as unknown as ClientdeckBridge;
  return { calls, sent, bridge };
}

const key = (r: Pick<ListedAccount, 'connectionId' | 'id'>) => `${r.connectionId}/${r.id}`;
// 50,000 rows indexed window by window; on a busy machine that alone can take seconds.
const SLOW = { timeout: 60_000 };

describe('the accounts store at a cold start with 50,000 accounts', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  it('shows the first screen from one window of 200 rows, then has every row exactly once', SLOW, async () => {
    const main = mainWith(listWorld(10, 5000));
    (globalThis as { window?: unknown }).window = { clientdeck: main.bridge };
    const { useAccounts } = await import('../../../src-renderer/accounts/accounts-store.js');
    let firstScreen: { sent: number; rows: number; arriving: unknown } | null = null;
    const stop = useAccounts.subscribe((s) => {
      firstScreen ??= s.status === 'ready' ? { sent: main.sent.length, rows: s.index.rows.length, arriving: s.arriving } : null;
    });
    await useAccounts.getState().load();
    stop();

    expect(firstScreen).toEqual({ sent: 200, rows: 200, arriving: { received: 200, total: 50_000 } });
    const { index, arriving, version } = useAccounts.getState();
    expect(arriving).toBeNull();
    expect(version).not.toBeNull();
    expect(index.rows).toHaveLength(50_000);
    expect(main.sent).toHaveLength(50_000);
    expect(new Set(main.sent.map(key)).size).toBe(50_000);
    // Nothing held yet: no round trip to be told "reset", and never the whole list in one reply.
    expect(main.calls.get('accounts.changes')).toBeUndefined();
    expect(main.calls.get('accounts.list')).toBeUndefined();
    // The index found every row where main's order put it, with its count of rows needing attention.
    expect(index.rows.map(key).join(' ')).toBe(main.sent.map(key).join(' '));
    expect(index.attention).toBe(main.sent.filter((r) => r.summary.unpaidInvoices > 0).length);
    expect(positionOf(index, `c3\u0000acc_42`)).toBe(index.rows.findIndex((r) => key(r) === 'c3/acc_42'));
  });

  it('keeps a change announced while the copy is arriving, asked for from the copy’s version afterwards', SLOW, async () => {
    const world = listWorld(10, 5000);
    let announced: Promise<void> | null = null;
    const main = mainWith(world, (replies) => {
      if (replies !== 3) return;
      world.rename('c4', 100, 'AAA');
      world.windows.follow();
      // What data.changed does in the renderer (shell/live-data.ts).
      announced = useAccounts.getState().load();
    });
    (globalThis as { window?: unknown }).window = { clientdeck: main.bridge };
    const { useAccounts } = await import('../../../src-renderer/accounts/accounts-store.js');
    await useAccounts.getState().load();
    await announced;

    const { index, version, arriving } = useAccounts.getState();
    expect(arriving).toBeNull();
    expect(index.rows).toHaveLength(50_000);
    expect(index.rows.filter((r) => r.name.startsWith('AAA'))).toHaveLength(100);
    expect(index.rows.slice(0, 100).every((r) => r.name.startsWith('AAA'))).toBe(true);
    // The copy kept to its version: 50,000 rows crossed once, the 100 renamed ones came as changes.
    expect(main.sent).toHaveLength(50_000);
    const firstVersion = (main.calls.get('accounts.window')![1] as { version: number }).version;
    expect(main.calls.get('accounts.changes')).toEqual([{ since: firstVersion }]);
    expect(version).toBeGreaterThan(firstVersion);
  });

  it('shows the sentence, not a part of the list, when a window fails, and copies it whole on the next try', SLOW, async () => {
    let failing = true;
    const main = mainWith(listWorld(4, 5000), undefined, (replies) => failing && replies === 3);
    (globalThis as { window?: unknown }).window = { clientdeck: main.bridge };
    const { useAccounts } = await import('../../../src-renderer/accounts/accounts-store.js');
    await useAccounts.getState().load();
    expect(useAccounts.getState()).toMatchObject({ status: 'error', error: 'Clientdeck cannot reach its background service.', arriving: null, version: null });
    expect(useAccounts.getState().index.rows).toHaveLength(0);

    failing = false;
    await useAccounts.getState().load();
    expect(useAccounts.getState()).toMatchObject({ status: 'ready', error: null, arriving: null });
    expect(useAccounts.getState().index.rows).toHaveLength(20_000);
  });
});
