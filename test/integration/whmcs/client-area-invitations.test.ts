/**
 * Accepting a WHMCS invitation from its mailed link, through the durable queue: at once when the
 * stand-in answers, queued while it is down and sent when it is back, and refused with WHMCS's
 * reason for a used or expired link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { ListedInvitation } from '../../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../../src-shared/ipc/channels/queue.js';
import { call, newCore, requireSecretService, tempDir } from '../main/fixtures/environment.js';
import { startWhmcsClientArea, type StandInServer } from '../../whmcs-stand-in/client-area/server.js';
import { addClient, addInvite, AGENCY_EMAIL, seedState, STAND_IN_PASSWORD, type StandInState } from '../../whmcs-stand-in/client-area/state.js';

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function invitedClient(state: StandInState, name: string) {
  const client = addClient(state, {
    firstName: 'Olga',
    lastName: 'Owner',
    companyName: name,
    status: 'Active',
    counts: { services: 1, domains: 1, unpaidInvoices: 0, openTickets: 0 },
  });
  return { client, invite: addInvite(state, client.id, AGENCY_EMAIL, ['products', 'tickets']) };
}

describe('whmcs invitation links', () => {
  const state = seedState({ accounts: 2 });
  let standIn: StandInServer;
  let core: ReturnType<typeof newCore>;
  let connectionId: string;
  const link = (token: string) => `${standIn.url}/index.php?rp=/invite/${token}`;

  beforeAll(async () => {
    await requireSecretService();
    standIn = await startWhmcsClientArea({ state });
    core = newCore(tempDir('whmcs-invites'), { probeIntervalMs: 200 });
    connectionId = (await call(core, 'connections.add', { baseUrl: standIn.url, kind: 'whmcs', email: AGENCY_EMAIL, password: STAND_IN_PASSWORD })).id;
    core.startAutoSync(60_000);
    await core.idle();
  });
  afterAll(async () => {
    await core?.close();
    await standIn?.close();
  });

  it('accepts a link at once, lists the account joined, and refuses the used link with the reason', async () => {
    const { client, invite } = invitedClient(state, 'Joined At Once');
    const row: ListedInvitation = await call(core, 'invitations.acceptLink', { connectionId, link: link(invite.token) });
    expect(row).toMatchObject({ id: invite.token, pendingAnswer: { state: 'done', answer: 'accept' } });
    expect(state.memberships.some((m) => m.clientId === client.id && m.userId === state.users[0]!.id)).toBe(true);
    const accounts: ListedAccount[] = await call(core, 'accounts.list', {});
    expect(accounts.find((a) => a.id === String(client.id))).toMatchObject({ name: 'Joined At Once', role: 'member' });

    const again = await core.dispatch('invitations.acceptLink', { connectionId, link: link(invite.token) });
    expect(again).toMatchObject({ ok: false, error: { code: 'invitation_not_pending', message: expect.stringContaining('already used') } });
  });

  it('keeps invitations answered from links across syncs: the accepted one and the one still queued', async () => {
    const { invite: accepted } = invitedClient(state, 'Kept Accepted');
    await call(core, 'invitations.acceptLink', { connectionId, link: link(accepted.token) });
    // A link for a provider that is down stays pending in the cache, its answer queued.
    const { invite: waiting } = invitedClient(state, 'Kept Waiting');
    const port = Number(new URL(standIn.url).port);
    await standIn.close();
    await call(core, 'invitations.acceptLink', { connectionId, link: link(waiting.token) });
    standIn = await startWhmcsClientArea({ state, port });
    // WHMCS lists no invitation for the invitee: what the sync reads must not wipe the links' rows.
    await call(core, 'sync.now', { connectionId });
    await call(core, 'sync.now', { connectionId });
    const rows: ListedInvitation[] = await call(core, 'invitations.list', {});
    expect(rows.find((r) => r.id === accepted.token)).toMatchObject({ status: 'accepted', account: { name: 'Kept Accepted' } });
    expect(rows.find((r) => r.id === waiting.token)).toBeDefined();
    await until('the queued link to be sent', async () => {
      const list: QueuedAction[] = await call(core, 'queue.list', {});
      return list.find((a) => a.invitationId === waiting.token)?.state === 'done';
    });
    await call(core, 'sync.now', { connectionId });
    const after: ListedInvitation[] = await call(core, 'invitations.list', {});
    expect(after.find((r) => r.id === waiting.token)).toMatchObject({ status: 'accepted', account: { name: 'Kept Waiting' } });
  });

  it('refuses an expired link, a link of another provider and what is not an invitation link', async () => {
    const { invite } = invitedClient(state, 'Expired Co');
    invite.createdAt = new Date(Date.now() - state.inviteLifetimeMs - 1_000);
    expect(await core.dispatch('invitations.acceptLink', { connectionId, link: link(invite.token) })).toMatchObject({
      ok: false,
      error: { code: 'invitation_not_pending', message: expect.stringContaining('expired') },
    });
    expect(
      await core.dispatch('invitations.acceptLink', { connectionId, link: `https://elsewhere.example/index.php?rp=/invite/${invite.token}` }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_url', message: expect.stringContaining('elsewhere.example') },
    });
    expect(await core.dispatch('invitations.acceptLink', { connectionId, link: `${standIn.url}/index.php?rp=/login` })).toMatchObject({
      ok: false,
      error: { code: 'invalid_url' },
    });
  });

  it('queues a link accepted while the provider is down and sends it once it is back', async () => {
    const { client, invite } = invitedClient(state, 'Joined Later');
    const port = Number(new URL(standIn.url).port);
    await standIn.close();
    const queued: ListedInvitation = await call(core, 'invitations.acceptLink', { connectionId, link: link(invite.token) });
    expect(queued.pendingAnswer).toMatchObject({ state: 'queued', answer: 'accept' });
    expect(state.memberships.some((m) => m.clientId === client.id && m.userId === state.users[0]!.id)).toBe(false);

    standIn = await startWhmcsClientArea({ state, port });
    await call(core, 'sync.now', { connectionId });
    const settled = await until('the queued answer to be sent', async () => {
      const list: QueuedAction[] = await call(core, 'queue.list', {});
      const action = list.find((a) => a.invitationId === invite.token);
      return action && (action.state === 'done' || action.state === 'rejected') ? action : undefined;
    });
    expect(settled).toMatchObject({ state: 'done', reasonCode: null });
    expect(state.memberships.some((m) => m.clientId === client.id && m.userId === state.users[0]!.id)).toBe(true);
    await until('the account to be listed', async () => ((await call(core, 'accounts.list', {})) as ListedAccount[]).some((a) => a.id === String(client.id)));
  });
});
