import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { ListedInvitation } from '../../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../../src-shared/ipc/channels/queue.js';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import type { IpcEventPayload } from '../../../src-shared/ipc/events.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, invite, membershipsOf, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('answers while the provider is unreachable', () => {
  let provider: SeededProvider;
  let core: ReturnType<typeof newCore>;
  let connectionId: string;
  let me: Login;
  let owner: Login;
  let accounts: string[];
  const invitations: string[] = [];
  const notifications: IpcEventPayload<'notification'>[] = [];

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Agency');
    owner = await addLogin(provider, 'Owner');
    accounts = await addAccounts(provider, owner, 3, 'Waiting');
    invitations.push(await invite(provider, owner, accounts[0]!, me));
    invitations.push(await invite(provider, owner, accounts[1]!, me));
    // Sent almost 7 days ago: it expires a moment after it was answered offline.
    invitations.push(await invite(provider, owner, accounts[2]!, me, new Date(Date.now() - 7 * 86_400_000 + 2_500)));
    core = newCore(tempDir('queue'), { probeIntervalMs: 200, syncRetries: 0 });
    core.events.on((event, payload) => {
      if (event === 'notification') notifications.push(payload as IpcEventPayload<'notification'>);
    });
    connectionId = (await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password })).id;
    await call(core, 'sync.now', { connectionId });
    core.startAutoSync(60_000);
  });
  afterAll(async () => {
    await core?.close();
    await provider?.close();
  });

  it('queues answers durably, shows them queued, and sends each exactly once when the provider is back', async () => {
    await core.idle();
    await provider.stop();

    const accepted: ListedInvitation = await call(core, 'invitations.answer', { connectionId, invitationId: invitations[0], answer: 'accept' });
    expect(accepted).toMatchObject({
      status: 'pending',
      pendingAnswer: { state: 'queued', answer: 'accept', summary: expect.stringMatching(/^Accept invitation to Waiting 1$/) },
    });
    // The connection is known offline now: the next answer returns at once.
    const started = Date.now();
    const cancelledMeanwhile: ListedInvitation = await call(core, 'invitations.answer', { connectionId, invitationId: invitations[1], answer: 'accept' });
    const expiring: ListedInvitation = await call(core, 'invitations.answer', { connectionId, invitationId: invitations[2], answer: 'accept' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect([cancelledMeanwhile.pendingAnswer?.state, expiring.pendingAnswer?.state]).toEqual(['queued', 'queued']);
    expect(((await call(core, 'sync.status', {})) as SyncStatus[])[0]!.state).toBe('offline');

    // The same answer again is the same queued action; a different one while it waits is refused.
    const again: ListedInvitation = await call(core, 'invitations.answer', { connectionId, invitationId: invitations[0], answer: 'accept' });
    expect(again.pendingAnswer!.id).toBe(accepted.pendingAnswer!.id);
    expect(await core.dispatch('invitations.answer', { connectionId, invitationId: invitations[0], answer: 'decline' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const queue: QueuedAction[] = await call(core, 'queue.list', {});
    expect(queue.map((a) => a.state)).toEqual(['queued', 'queued', 'queued']);
    // Something still waiting cannot be dismissed: it would be lost.
    expect(await core.dispatch('queue.dismiss', { actionId: queue[0]!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const rows: ListedInvitation[] = await call(core, 'invitations.list', {});
    expect(rows.filter((r) => r.pendingAnswer?.state === 'queued')).toHaveLength(3);

    // Meanwhile the owner withdraws the second invitation, and the third one runs out.
    await provider.db.updateTable('invitations').set({ status: 'cancelled', updated_at: new Date().toISOString() }).where('id', '=', invitations[1]!).execute();
    await new Promise((r) => setTimeout(r, Math.max(0, 2_600 - (Date.now() - started))));
    await provider.restart();

    // The probe notices the provider is back; the queue is sent in order, then the connection syncs.
    const settled = await until('the queue to settle', async () => {
      const list: QueuedAction[] = await call(core, 'queue.list', {});
      return list.every((a) => a.state === 'done' || a.state === 'rejected') && list.length === 3 ? list : undefined;
    });
    expect(settled.map((a) => [a.invitationId, a.state, a.reasonCode])).toEqual([
      [invitations[0], 'done', null],
      [invitations[1], 'rejected', 'invitation_not_pending'],
      [invitations[2], 'rejected', 'invitation_expired'],
    ]);
    expect(settled[1]!.reason).toMatch(/cancelled/);
    expect(settled[2]!.reason).toMatch(/expired/);

    const held = await membershipsOf(provider, me.id);
    expect(held.get(accounts[0]!)).toBe(1);
    expect(held.has(accounts[1]!)).toBe(false);
    expect(held.has(accounts[2]!)).toBe(false);
    await until('the account to be listed', async () => ((await call(core, 'accounts.list', {})) as ListedAccount[]).some((a) => a.id === accounts[0]));
    await until('the connection to be synced', async () => ((await call(core, 'sync.status', {})) as SyncStatus[])[0]!.state === 'synced');

    // Each outcome the user did not wait for is announced once.
    expect(notifications.filter((n) => n.id.startsWith('queue:')).map((n) => n.title)).toEqual([
      'You joined Waiting 1',
      'Your answer to Waiting 2 was not accepted',
      'Your answer to Waiting 3 was not accepted',
    ]);

    // The provider's idempotency store saw one key per action, never a second one for the same invitation.
    const keys = await sql<{ n: number }>`select count(*) as n from idempotency_keys`.execute(provider.db);
    expect(Number(keys.rows[0]!.n)).toBeLessThanOrEqual(3);

    for (const action of settled) expect(await call(core, 'queue.dismiss', { actionId: action.id })).toEqual({ dismissed: true });
    expect(await call(core, 'queue.list', {})).toEqual([]);
  });
});
