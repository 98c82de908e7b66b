import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../src-shared/api/activity.js';
import type { Contact } from '../../../src-shared/api/contacts.js';
import type { AccountUser, OutgoingInvitation } from '../../../src-shared/api/team.js';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { ListedInvitation } from '../../../src-shared/ipc/channels/invitations.js';
import type { Team } from '../../../src-shared/ipc/channels/team.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

describe('owner actions through the connector, against the real server', () => {
  let provider: SeededProvider;
  let owner: Login;
  let webmaster: Login;
  let accountId: string;
  let ownerCore: ReturnType<typeof newCore>;
  let webCore: ReturnType<typeof newCore>;
  let ownerConnection: string;
  let webConnection: string;
  const on = () => ({ connectionId: ownerConnection, accountId });

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    owner = await addLogin(provider, 'Owner');
    webmaster = await addLogin(provider, 'Webmaster');
    accountId = (await addAccounts(provider, owner, 1, 'Bellini'))[0]!;
    ownerCore = newCore(tempDir('owner'));
    webCore = newCore(tempDir('webmaster'));
    ownerConnection = (await call(ownerCore, 'connections.add', { baseUrl: provider.url, email: owner.email, password: owner.password })).id;
    webConnection = (await call(webCore, 'connections.add', { baseUrl: provider.url, email: webmaster.email, password: webmaster.password })).id;
    await Promise.all([ownerCore.idle(), webCore.idle()]);
  });
  afterAll(async () => {
    await ownerCore?.close();
    await webCore?.close();
    await provider?.close();
  });

  it('invites, resends and cancels; a duplicate is refused with the provider’s sentence', async () => {
    const team: Team = await call(ownerCore, 'team.get', on());
    expect(team.users).toEqual([expect.objectContaining({ userId: owner.id, role: 'owner', origin: 'owner' })]);
    expect(team.invitations).toEqual([]);

    const invited: OutgoingInvitation = await call(ownerCore, 'team.invite', {
      ...on(),
      invitation: { email: 'someone@clientdeck-test.example', permissions: ['tickets'] },
    });
    expect(invited).toMatchObject({ accountId, email: 'someone@clientdeck-test.example', status: 'pending', role: 'member', permissions: ['tickets'] });
    const duplicate = await ownerCore.dispatch('team.invite', { ...on(), invitation: { email: 'someone@clientdeck-test.example', permissions: ['tickets'] } });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!duplicate.ok) expect(duplicate.error.message.length).toBeGreaterThan(15);

    const resent: OutgoingInvitation = await call(ownerCore, 'team.resendInvitation', { ...on(), invitationId: invited.id });
    expect(Date.parse(resent.expiresAt)).toBeGreaterThanOrEqual(Date.parse(invited.expiresAt));
    const cancelled: OutgoingInvitation = await call(ownerCore, 'team.cancelInvitation', { ...on(), invitationId: invited.id });
    expect(cancelled).toMatchObject({ id: invited.id, status: 'cancelled' });
    expect(await ownerCore.dispatch('team.cancelInvitation', { ...on(), invitationId: 'inv_unknown' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('a webmaster joins, gets new permissions, is refused what only owners may do, and leaves', async () => {
    await call(ownerCore, 'team.invite', { ...on(), invitation: { email: webmaster.email, permissions: ['services.view', 'tickets'] } });
    await call(webCore, 'sync.now', {});
    const [incoming] = (await call(webCore, 'invitations.list', {})) as ListedInvitation[];
    expect(incoming).toMatchObject({ account: { id: accountId }, status: 'pending' });
    await call(webCore, 'invitations.answer', { connectionId: webConnection, invitationId: incoming!.id, answer: 'accept' });

    const { users }: Team = await call(ownerCore, 'team.get', on());
    const member = users.find((u) => u.userId === webmaster.id)!;
    expect(member).toMatchObject({ role: 'member', origin: 'invitation', permissions: ['services.view', 'tickets'] });
    const updated: AccountUser = await call(ownerCore, 'team.updateUser', {
      ...on(),
      userId: webmaster.id,
      changes: { permissions: ['services.view', 'domains.view', 'tickets'] },
    });
    expect(updated.permissions).toEqual(['services.view', 'domains.view', 'tickets']);

    // A member without users.manage is refused by the provider; its sentence reaches the user.
    const forbidden = await webCore.dispatch('team.get', { connectionId: webConnection, accountId });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!forbidden.ok) expect(forbidden.error.message).not.toMatch(/HTTP 403/);

    expect(await call(webCore, 'team.leaveAccount', { connectionId: webConnection, accountId })).toEqual({ left: true });
    expect(((await call(webCore, 'accounts.list', {})) as ListedAccount[]).some((a) => a.id === accountId)).toBe(false);
    expect(((await call(ownerCore, 'team.get', on())) as Team).users.map((u) => u.userId)).toEqual([owner.id]);
  });

  it('creates managed users, sends activation, and revokes', async () => {
    const created: AccountUser[] = await call(ownerCore, 'managedUsers.create', {
      ...on(),
      request: { users: [{ name: 'Luca Staff', email: 'luca@clientdeck-test.example', permissions: ['tickets'] }], sendActivation: false },
    });
    expect(created).toEqual([expect.objectContaining({ name: 'Luca Staff', origin: 'managed', status: 'pending_activation' })]);
    const sent = await call(ownerCore, 'managedUsers.sendActivation', { ...on(), userId: created[0]!.userId });
    expect(Date.parse(sent.sentAt)).toBeGreaterThan(0);
    expect(await call(ownerCore, 'team.revokeUser', { ...on(), userId: created[0]!.userId })).toEqual({ revoked: true });
    expect(((await call(ownerCore, 'team.get', on())) as Team).users.some((u) => u.userId === created[0]!.userId)).toBe(false);
  });

  it('asks the provider for a view-as link, and passes on its refusal for a login that is not active yet', async () => {
    const [pending]: AccountUser[] = await call(ownerCore, 'managedUsers.create', {
      ...on(),
      request: { users: [{ name: 'Vera Pending', email: 'vera@clientdeck-test.example', permissions: ['tickets'] }], sendActivation: false },
    });
    expect(await ownerCore.dispatch('panel.viewAs', { ...on(), userId: pending!.userId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('not active') },
    });
    // Only the owner's own managed users can be looked at: the webmaster is neither.
    expect(await ownerCore.dispatch('panel.viewAs', { ...on(), userId: webmaster.id })).toMatchObject({ ok: false });
  });

  it('manages contacts and their mail preferences, and promotes one to a user', async () => {
    const contact: Contact = await call(ownerCore, 'contacts.create', {
      ...on(),
      contact: { name: 'Anna Conti', email: 'anna@clientdeck-test.example', country: 'it' },
    });
    expect(contact).toMatchObject({ name: 'Anna Conti', country: 'IT', preferences: { general: true, billing: false } });
    const updated: Contact = await call(ownerCore, 'contacts.update', { ...on(), contactId: contact.id, changes: { preferences: { billing: true } } });
    expect(updated.preferences).toMatchObject({ general: true, billing: true });
    expect(((await call(ownerCore, 'contacts.list', on())) as Contact[]).map((c) => c.id)).toEqual([contact.id]);
    const promoted: OutgoingInvitation = await call(ownerCore, 'contacts.promote', {
      ...on(),
      contactId: contact.id,
      grant: { permissions: ['billing.invoices'] },
    });
    expect(promoted).toMatchObject({ email: 'anna@clientdeck-test.example', status: 'pending' });
    expect(await call(ownerCore, 'contacts.delete', { ...on(), contactId: contact.id })).toEqual({ deleted: true });
    expect(await call(ownerCore, 'contacts.list', on())).toEqual([]);
  });

  it('reads the audit trail, newest first', async () => {
    const page = await call(ownerCore, 'audit.list', on());
    const actions = (page.items as AuditEvent[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.cancelled', 'invitation.accepted', 'membership.updated', 'managed_user.created']),
    );
    const times = (page.items as AuditEvent[]).map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(await ownerCore.dispatch('audit.list', { connectionId: ownerConnection, accountId: 'acc_unknown' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
