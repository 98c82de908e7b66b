/**
 * What main does after a sync, in order (docs/ARCHITECTURE.md §3): the notices a renderer acts on
 * (`data.changed`, `sync.changed`) go out before the work a reply does not need starts, so the
 * renderer's request for the changed rows is not kept waiting behind it. Counted in order, never timed.
 */
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { MemoryVault } from '../../../src-main/vault/memory-vault.js';
import { call, newCore, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

const INCOMING = '/api/v1/access-requests/incoming';

describe('after a sync that changed an account', () => {
  let provider: SeededProvider;
  let me: Login;
  let ids: string[];
  let core: ReturnType<typeof newCore>;
  let connectionId: string;

  beforeAll(async () => {
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Ordered agency');
    ids = await addAccounts(provider, me, 20, 'Client');
    core = newCore(tempDir('post-sync-order'), { vault: new MemoryVault() });
    // The first sync's own fetch of the access requests must have ended before the test listens.
    let answered = 0;
    const finished = (message: unknown) => {
      if ((message as { request: ClientRequest }).request.path.startsWith(INCOMING)) answered++;
    };
    diagnostics.subscribe('http.client.response.finish', finished);
    try {
      connectionId = (await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password })).id;
      await core.idle();
      for (let i = 0; i < 100 && answered === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(answered).toBe(1);
    } finally {
      diagnostics.unsubscribe('http.client.response.finish', finished);
    }
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    await provider?.close();
  });

  it('tells the renderer what changed and that the sync ended before it asks for the access requests', async () => {
    const order: string[] = [];
    const off = core.events.on((event, payload) => {
      if (event === 'data.changed') order.push(`data.changed ${(payload as { lists: string[] }).lists.join(',')}`);
      if (event === 'sync.changed' && (payload as SyncStatus[]).some((s) => s.connectionId === connectionId && s.state === 'synced'))
        order.push('sync.changed synced');
    });
    const heard = (message: unknown) => {
      const { path } = (message as { request: ClientRequest }).request;
      if (path.startsWith(INCOMING)) order.push('GET access-requests/incoming');
    };
    diagnostics.subscribe('http.client.request.start', heard);
    // Asking for the connector is the first thing the sync and the inbox's fetch each do.
    const connectorFor = core.connections.connectorFor.bind(core.connections);
    const asked = vi.spyOn(core.connections, 'connectorFor').mockImplementation((id) => (order.push('connector'), connectorFor(id)));
    try {
      await provider.db.updateTable('accounts').set({ name: 'Client renamed', updated_at: new Date().toISOString() }).where('id', '=', ids[0]!).execute();
      await core.sync.syncOne(connectionId);
      await core.idle();
      // The inbox's fetch is not tracked by idle(); it has started once its request is seen.
      for (let i = 0; i < 50 && !order.includes('GET access-requests/incoming'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      diagnostics.unsubscribe('http.client.request.start', heard);
      asked.mockRestore();
      off();
    }
    expect(order).toEqual(['connector', 'data.changed accounts', 'sync.changed synced', 'connector', 'GET access-requests/incoming']);
  });
});
