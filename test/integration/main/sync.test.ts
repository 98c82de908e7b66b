import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRow, InvitationRow, SyncStatus } from '../../../src-shared/ipc/contract.js';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import { call, newCore, requireSecretService, startProvider, tempDir } from './fixtures/environment.js';

const agency = DEMO_LOGINS.agency;

describe('sync, cache, invitations and panels', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  const dataDir = tempDir('sync');
  let core: ReturnType<typeof newCore>;
  let connectionId: string;

  beforeAll(async () => {
    await requireSecretService();
    provider = await startProvider();
    core = newCore(dataDir);
    connectionId = (await call(core, 'connections.add', { baseUrl: provider.url, email: agency.email, password: agency.password })).id;
  });
  afterAll(async () => {
    await core?.close();
    await provider?.close();
  });

  it('fills the cache with every page of accounts and the incoming invitations', async () => {
    // Adding started a sync in the background; a sync asked for meanwhile joins it rather than running twice.
    await call(core, 'sync.now', {});
    const events: string[] = [];
    const off = core.events.on((event, payload) => {
      events.push(event === 'sync.changed' ? `sync:${(payload as SyncStatus[]).map((s) => s.state).join(',')}` : event);
    });
    const statuses: SyncStatus[] = await call(core, 'sync.now', {});
    off();
    expect(statuses).toEqual([{ connectionId, state: 'synced', syncedAt: expect.any(String), message: null }]);
    expect(events).toContain('sync:syncing');
    expect(events).toContain('data.changed');

    const accounts: AccountRow[] = await call(core, 'accounts.list', {});
    expect(accounts.length).toBeGreaterThan(5);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(accounts.length);
    expect(accounts.every((a) => a.connectionId === connectionId && a.providerLabel === new URL(provider.url).host)).toBe(true);
    const invitations: InvitationRow[] = await call(core, 'invitations.list', {});
    expect(invitations.some((i) => i.status === 'pending')).toBe(true);
  });

  it('accepting an invitation through the handlers makes its account appear after sync', async () => {
    const invitations: InvitationRow[] = await call(core, 'invitations.list', {});
    const pending = invitations.find((i) => i.status === 'pending')!;
    const before: AccountRow[] = await call(core, 'accounts.list', {});
    expect(before.some((a) => a.id === pending.account.id)).toBe(false);

    const answered: InvitationRow = await call(core, 'invitations.answer', { connectionId, invitationId: pending.id, answer: 'accept' });
    expect(answered).toMatchObject({ id: pending.id, status: 'accepted', connectionId });

    await call(core, 'sync.now', { connectionId });
    const after: AccountRow[] = await call(core, 'accounts.list', {});
    expect(after.some((a) => a.id === pending.account.id)).toBe(true);
    const again: InvitationRow[] = await call(core, 'invitations.list', {});
    expect(again.find((i) => i.id === pending.id)?.status ?? 'gone').not.toBe('pending');

    // Answering it a second time differently is refused with the provider's reason.
    const decline = await core.dispatch('invitations.answer', { connectionId, invitationId: pending.id, answer: 'decline' });
    expect(decline).toMatchObject({ ok: false, error: { code: 'invitation_not_pending' } });
  });

  it('panel.open returns a working one-time link (web mode: not handled by main)', async () => {
    const [account] = (await call(core, 'accounts.list', {})) as AccountRow[];
    const link = await call(core, 'panel.open', { connectionId, accountId: account!.id });
    expect(link).toMatchObject({ handled: false, url: expect.stringMatching(new RegExp(`^${provider.url}/`)) });
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);

    const first = await fetch(link.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const panel = await fetch(new URL(first.headers.get('location')!, provider.url), { headers: { cookie } });
    expect(panel.status).toBe(200);
    expect(await panel.text()).toContain(account!.name.replace(/&/g, '&amp;'));

    const second = await fetch(link.url, { redirect: 'manual' });
    expect(second.status).toBeGreaterThanOrEqual(400);
  });

  it('a fresh core opens from the cache without network, and reports offline when syncing fails', async () => {
    const accounts: AccountRow[] = await call(core, 'accounts.list', {});
    const invitations: InvitationRow[] = await call(core, 'invitations.list', {});
    const [status] = (await call(core, 'sync.status', {})) as SyncStatus[];
    await core.close();
    await provider.close();

    core = newCore(dataDir, { syncRetries: 1 });
    expect(await call(core, 'accounts.list', {})).toEqual(accounts);
    expect(await call(core, 'invitations.list', {})).toEqual(invitations);
    expect(await call(core, 'sync.status', {})).toEqual([{ connectionId, state: 'synced', syncedAt: status!.syncedAt, message: null }]);

    const [offline] = (await call(core, 'sync.now', {})) as SyncStatus[];
    expect(offline).toMatchObject({ connectionId, state: 'offline', syncedAt: status!.syncedAt });
    expect(offline!.message).toMatch(/cannot be reached/);
    // The last known data stays.
    expect(await call(core, 'accounts.list', {})).toEqual(accounts);
  });
});
