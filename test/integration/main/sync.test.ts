import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { ListedInvitation } from '../../../src-shared/ipc/channels/invitations.js';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, invite, membershipsOf, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

describe('sync, cache, invitations and panels', () => {
  let provider: SeededProvider;
  const dataDir = tempDir('sync');
  let core: ReturnType<typeof newCore>;
  let connectionId: string;
  let me: Login;
  let owner: Login;
  let invited: string[];

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Agency');
    owner = await addLogin(provider, 'Owner');
    await addAccounts(provider, me, 23, 'Own');
    const theirs = await addAccounts(provider, owner, 2, 'Inviting');
    invited = [await invite(provider, owner, theirs[0]!, me), await invite(provider, owner, theirs[1]!, me)];
    // Small pages, so that following cursors is part of every sync here.
    core = newCore(dataDir, { syncPageSize: 5 });
    connectionId = (await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password })).id;
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
    expect(events).toEqual(['sync:syncing', 'sync:synced']);
    // Nothing changed since the first sync: no account crossed the network, nothing to refetch.
    expect(core.sync.lastRun(connectionId)).toMatchObject({ mode: 'unchanged', accountsTransferred: 0 });

    const accounts: ListedAccount[] = await call(core, 'accounts.list', {});
    expect(accounts).toHaveLength(23);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(23);
    expect(accounts.every((a) => a.connectionId === connectionId && a.providerLabel === new URL(provider.url).host)).toBe(true);
    expect(accounts.every((a) => a.favourite === false && a.lastOpenedAt === null)).toBe(true);
    const invitations: ListedInvitation[] = await call(core, 'invitations.list', {});
    expect(invitations.map((i) => i.id).sort()).toEqual([...invited].sort());
    expect(invitations.every((i) => i.status === 'pending' && i.pendingAnswer === null)).toBe(true);
  });

  it('accepting an invitation while online returns its outcome and the account at once', async () => {
    const [first] = (await call(core, 'invitations.list', {})) as ListedInvitation[];
    const before: ListedAccount[] = await call(core, 'accounts.list', {});
    expect(before.some((a) => a.id === first!.account.id)).toBe(false);

    const answered: ListedInvitation = await call(core, 'invitations.answer', { connectionId, invitationId: first!.id, answer: 'accept' });
    expect(answered).toMatchObject({ id: first!.id, status: 'accepted', connectionId, pendingAnswer: { state: 'done', answer: 'accept' } });
    const after: ListedAccount[] = await call(core, 'accounts.list', {});
    expect(after.some((a) => a.id === first!.account.id)).toBe(true);
    // The outcome was in the reply: the queue keeps nothing to show.
    expect(await call(core, 'queue.list', {})).toEqual([]);
    expect((await membershipsOf(provider, me.id)).get(first!.account.id)).toBe(1);

    await call(core, 'sync.now', { connectionId });
    const again: ListedInvitation[] = await call(core, 'invitations.list', {});
    expect(again.find((i) => i.id === first!.id)).toMatchObject({ status: 'accepted', pendingAnswer: null });

    // Answering it a second time differently is refused with the provider's reason, and nothing is kept queued.
    const decline = await core.dispatch('invitations.answer', { connectionId, invitationId: first!.id, answer: 'decline' });
    expect(decline).toMatchObject({ ok: false, error: { code: 'invitation_not_pending', message: expect.stringMatching(/accepted/) } });
    expect(await call(core, 'queue.list', {})).toEqual([]);
    expect((await membershipsOf(provider, me.id)).get(first!.account.id)).toBe(1);
  });

  it('panel.open returns a working one-time link and records when the account was opened', async () => {
    const [account] = (await call(core, 'accounts.list', {})) as ListedAccount[];
    const link = await call(core, 'panel.open', { connectionId, accountId: account!.id });
    expect(link).toMatchObject({ handled: false, url: expect.stringMatching(new RegExp(`^${provider.url}/`)) });
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);

    const first = await fetch(link.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const second = await fetch(link.url, { redirect: 'manual' });
    expect(second.status).toBeGreaterThanOrEqual(400);

    expect(await call(core, 'accounts.setFavourite', { connectionId, accountId: account!.id, favourite: true })).toEqual({ favourite: true });
    const row = ((await call(core, 'accounts.list', {})) as ListedAccount[]).find((a) => a.id === account!.id)!;
    expect(row.favourite).toBe(true);
    expect(Date.now() - Date.parse(row.lastOpenedAt!)).toBeLessThan(10_000);
    expect(await core.dispatch('accounts.setFavourite', { connectionId, accountId: 'acc_nope', favourite: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a fresh core opens from the cache without network, keeps favourites, and reports offline when syncing fails', async () => {
    // The refused decline started a sync that confirms the provider's state; let it land first.
    await core.idle();
    const accounts: ListedAccount[] = await call(core, 'accounts.list', {});
    const invitations: ListedInvitation[] = await call(core, 'invitations.list', {});
    const [status] = (await call(core, 'sync.status', {})) as SyncStatus[];
    await core.close();
    await provider.stop();

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

describe('panels through the shell’s opener', () => {
  it('mints a link for a new panel, focuses an open one without a new link, and opens in the browser on request', async () => {
    await requireSecretService();
    const provider = await startSeededProvider();
    const me = await addLogin(provider, 'Opener');
    const [accountId] = await addAccounts(provider, me, 1, 'Panel');
    const opened: Array<{ url: string; target: string; title: string }> = [];
    const open = new Set<string>();
    const core = newCore(tempDir('panels'), {
      panelOpener: {
        focus: (connectionId, account) => open.has(`${connectionId}/${account}`),
        open: async ({ url, target, connection, account }) => {
          opened.push({ url, target, title: `${account.name} — ${connection.label}` });
          if (target === 'window') open.add(`${connection.id}/${account.id}`);
          return true;
        },
      },
    });
    try {
      const { id } = await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password, label: 'Hostico' });
      await core.idle();
      const first = await call(core, 'panel.open', { connectionId: id, accountId });
      // Main opened it, so the one-time sign-in link stays in main: the page gets nothing secret.
      expect(first).toMatchObject({ handled: true, url: '' });
      expect(opened).toEqual([{ url: expect.stringMatching(new RegExp(`^${provider.url}/panel/sso/`)), target: 'window', title: 'Panel 1 — Hostico' }]);
      const again = await call(core, 'panel.open', { connectionId: id, accountId });
      expect(again).toMatchObject({ handled: true, url: '' });
      expect(opened).toHaveLength(1);
      const browser = await call(core, 'panel.open', { connectionId: id, accountId, target: 'browser' });
      expect(browser).toMatchObject({ handled: true, url: '' });
      expect(opened[1]!.url).toMatch(new RegExp(`^${provider.url}/panel/sso/`));
      expect(opened.map((o) => o.target)).toEqual(['window', 'browser']);
      expect(await core.dispatch('panel.open', { connectionId: id, accountId: 'acc_not_mine' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      await core.close();
      await provider.close();
    }
  });
});
