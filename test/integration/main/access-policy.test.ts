/**
 * Expiring access and allowed invitation domains through the clientarea connector and main's
 * IPC handlers, against the real server: what the owner sets is what the invitee's list shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingInvitation } from '../../../src-shared/api/team.js';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { ListedInvitation } from '../../../src-shared/ipc/channels/invitations.js';
import type { Team } from '../../../src-shared/ipc/channels/team.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('access policy through the connector, against the real server', () => {
  let provider: SeededProvider;
  let owner: Login;
  let contractor: Login;
  let accountId: string;
  let ownerCore: ReturnType<typeof newCore>;
  let contractorCore: ReturnType<typeof newCore>;
  let ownerConnection: string;
  let contractorConnection: string;
  const on = () => ({ connectionId: ownerConnection, accountId });

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    owner = await addLogin(provider, 'Owner');
    contractor = await addLogin(provider, 'Contractor');
    accountId = (await addAccounts(provider, owner, 1, 'Verdi'))[0]!;
    ownerCore = newCore(tempDir('owner'));
    contractorCore = newCore(tempDir('contractor'));
    ownerConnection = (await call(ownerCore, 'connections.add', { baseUrl: provider.url, email: owner.email, password: owner.password })).id;
    contractorConnection = (await call(contractorCore, 'connections.add', { baseUrl: provider.url, email: contractor.email, password: contractor.password }))
      .id;
    await Promise.all([ownerCore.idle(), contractorCore.idle()]);
  });
  afterAll(async () => {
    await ownerCore?.close();
    await contractorCore?.close();
    await provider?.close();
  });

  it('an invitation with an end: moved while pending, carried to the grant, shown on the invitee’s account and extended', async () => {
    const end = inDays(14);
    const invited: OutgoingInvitation = await call(ownerCore, 'team.invite', {
      ...on(),
      invitation: { email: contractor.email, permissions: ['tickets'], expiresAt: end },
    });
    expect(invited.accessExpiresAt).toBe(end);
    const moved = inDays(21);
    const patched: OutgoingInvitation = await call(ownerCore, 'accessPolicy.setInvitationAccessEnd', {
      ...on(),
      invitationId: invited.id,
      accessExpiresAt: moved,
    });
    expect(patched.accessExpiresAt).toBe(moved);

    await call(contractorCore, 'sync.now', {});
    const [incoming] = (await call(contractorCore, 'invitations.list', {})) as ListedInvitation[];
    expect(incoming).toMatchObject({ account: { id: accountId }, accessExpiresAt: moved });
    await call(contractorCore, 'invitations.answer', { connectionId: contractorConnection, invitationId: incoming!.id, answer: 'accept' });
    await call(contractorCore, 'sync.now', {});
    const accounts = (await call(contractorCore, 'accounts.list', {})) as ListedAccount[];
    expect(accounts.find((a) => a.id === accountId)?.accessExpiresAt).toBe(moved);

    const later = inDays(60);
    await call(ownerCore, 'team.updateUser', { ...on(), userId: contractor.id, changes: { expiresAt: later } });
    const { users }: Team = await call(ownerCore, 'team.get', on());
    expect(users.find((u) => u.userId === contractor.id)?.expiresAt).toBe(later);
  });

  it('the owner restricts invitations to domains; an address outside them is refused with the provider’s sentence', async () => {
    expect(await call(ownerCore, 'accessPolicy.invitationDomains', on())).toEqual({ domains: [] });
    expect(await call(ownerCore, 'accessPolicy.setInvitationDomains', { ...on(), domains: { domains: ['clientdeck-test.example'] } })).toEqual({
      domains: ['clientdeck-test.example'],
    });
    const refused = await ownerCore.dispatch('team.invite', { ...on(), invitation: { email: 'someone@elsewhere.example', permissions: ['tickets'] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!refused.ok) expect(refused.error.message).toContain('clientdeck-test.example');
    const contractorAsks = await contractorCore.dispatch('accessPolicy.invitationDomains', { connectionId: contractorConnection, accountId });
    expect(contractorAsks).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
