import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientdeckBridge, IpcChannel } from '../../../src-shared/ipc/contract.js';
import { listWorld } from '../main/fixtures/account-list-world.js';

/** Main's side of the channels, over 50,000 cached accounts in ten connections. */
function mainWith50000() {
  const { cached, log, windows } = listWorld(10, 5000);
  const calls = new Map<IpcChannel, number>();
  const bridge = {
    invoke: async (channel: IpcChannel, input: { since: number }) => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      if (channel === 'accounts.window') return { ok: true, result: windows.window(input as never) };
      if (channel === 'accounts.changes') return { ok: true, result: log.changesSince(input.since) };
      throw new Error(`unexpected ${channel}`);
    },
    on: () => () => undefined,
  } as unknown as ClientdeckBridge;
  return { cached, calls, bridge };
}

describe('the accounts store after a sync that changed 100 of 50,000', () => {
  const main = mainWith50000();
  beforeAll(() => {
    (globalThis as { window?: unknown }).window = { clientdeck: main.bridge };
  });
  afterAll(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  // 50,000 rows are indexed once; on a busy machine that alone can take seconds.
  it('copies the whole list once (window by window), then only the changed rows, keeping every other row object', { timeout: 60_000 }, async () => {
    const { useAccounts } = await import('../../../src-renderer/accounts/accounts-store.js');
    await useAccounts.getState().load();
    const before = useAccounts.getState().index;
    expect(before.rows).toHaveLength(50_000);
    const windows = main.calls.get('accounts.window');

    const c4 = main.cached.get('c4')!;
    main.cached.set(
      'c4',
      c4.map((a, i) => (i < 100 ? { ...a, name: `AAA ${a.name}`, summary: { ...a.summary, unpaidInvoices: 3 } } : a)),
    );
    await useAccounts.getState().load();

    const after = useAccounts.getState().index;
    expect(main.calls.get('accounts.window')).toBe(windows);
    expect(main.calls.get('accounts.changes')).toBe(1);
    expect(after.rows).toHaveLength(50_000);
    expect(after.rows.slice(0, 100).every((r) => r.name.startsWith('AAA '))).toBe(true);
    const unchanged = new Set(before.rows);
    expect(after.rows.filter((r) => unchanged.has(r)).length).toBe(49_900);
    // The count of rows needing attention follows the changed rows.
    expect(after.attention).toBe(after.rows.filter((r) => r.summary.unpaidInvoices > 0).length);
    expect(after.attention).not.toBe(before.attention);
  });
});
