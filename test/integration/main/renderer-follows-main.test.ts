import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientdeckBridge, IpcChannel } from '../../../src-shared/ipc/contract.js';
import type { IpcEvent } from '../../../src-shared/ipc/events.js';
import { useAccounts } from '../../../src-renderer/accounts/accounts-store.js';
import { useConnections } from '../../../src-renderer/connections/connections-store.js';
import { useInvitations } from '../../../src-renderer/invitations/invitations-store.js';
import { useQueue } from '../../../src-renderer/queue/queue-store.js';
import { followMain, loadLists } from '../../../src-renderer/shell/live-data.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, invite, startSeededProvider, type SeededProvider } from './fixtures/provider.js';

async function until(what: string, probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The renderer's stores on a real core, through a bridge that counts the requests: what the user
 * sees after an answer, and what it cost to get there.
 */
describe('the renderer learns of changes from main', () => {
  let provider: SeededProvider;
  let core: ReturnType<typeof newCore>;
  let stopFollowing: () => void;
  const calls = new Map<IpcChannel, number>();
  const bridge = {
    invoke: (channel: IpcChannel, input: unknown) => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      return core.dispatch(channel, input as never);
    },
    on: (event: IpcEvent, listener: (payload: unknown) => void) =>
      core.events.on((e, payload) => {
        if (e === event) listener(payload);
      }),
  } as ClientdeckBridge;

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    const me = await addLogin(provider, 'Agency');
    const owner = await addLogin(provider, 'Owner');
    await addAccounts(provider, me, 3, 'Own');
    const [theirs] = await addAccounts(provider, owner, 1, 'Inviting');
    await invite(provider, owner, theirs!, me);
    core = newCore(tempDir('renderer-follows'));
    await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password });
    await core.idle();
    // The stores reach main the way the app does: through window.clientdeck.
    (globalThis as { window?: unknown }).window = { clientdeck: bridge };
    stopFollowing = followMain(bridge);
    loadLists();
    await until('the lists to load', () => useAccounts.getState().status === 'ready' && useInvitations.getState().status === 'ready');
  });
  afterAll(async () => {
    stopFollowing?.();
    await core?.close();
    await provider?.close();
  });

  it('one accepted invitation copies the accounts list once, from the change notice', async () => {
    const [row] = useInvitations.getState().rows;
    expect(row).toMatchObject({ status: 'pending', pendingAnswer: null });
    expect(useAccounts.getState().index.rows.some((a) => a.id === row!.account.id)).toBe(false);
    calls.clear();

    await useInvitations.getState().answer(row!, 'accept');
    await core.idle();
    await until('the new account to show', () => useAccounts.getState().index.rows.some((a) => a.id === row!.account.id));
    // A notice sent after everything else arrives after any still coalescing: once its list
    // reloaded, no notice about the answer is left to come.
    const connectionsLoads = calls.get('connections.list') ?? 0;
    core.events.changed(['connections']);
    await until('the marker notice', () => (calls.get('connections.list') ?? 0) > connectionsLoads);
    await until('the stores to settle', () => useConnections.getState().status === 'ready');

    expect(calls.get('invitations.answer')).toBe(1);
    // The copy is the delta: the accepted account alone, never all of the list again.
    expect(calls.get('accounts.changes')).toBe(1);
    expect(calls.get('accounts.list') ?? 0).toBe(0);
    expect(useInvitations.getState().lastOutcome).toMatchObject({ kind: 'accepted', account: row!.account.name });
    expect(useInvitations.getState().rows.find((r) => r.id === row!.id)).toMatchObject({ status: 'accepted' });
    expect(useQueue.getState().actions).toEqual([]);
  });
});
