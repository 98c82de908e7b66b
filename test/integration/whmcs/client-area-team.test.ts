/** The owner's User Management of a WHMCS account, through the app's team channels and the real connector. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import type { Team } from '../../../src-shared/ipc/channels/team.js';
import { call, newCore, requireSecretService, tempDir } from '../main/fixtures/environment.js';
import { startWhmcsClientArea, type StandInServer } from '../../whmcs-stand-in/client-area/server.js';
import type { StandInLanguage } from '../../whmcs-stand-in/client-area/since-text.js';
import { AGENCY_EMAIL, STAND_IN_PASSWORD, WHMCS_PERMISSION_KEYS } from '../../whmcs-stand-in/client-area/state.js';

describe('whmcs team (owner)', () => {
  let standIn: StandInServer;
  let core: ReturnType<typeof newCore>;
  let connectionId: string;
  let owned: string;
  let notOwned: string;

  beforeAll(async () => {
    await requireSecretService();
    standIn = await startWhmcsClientArea({ accounts: 3 });
    core = newCore(tempDir('whmcs-team'));
    connectionId = (await call(core, 'connections.add', { baseUrl: standIn.url, kind: 'whmcs', email: AGENCY_EMAIL, password: STAND_IN_PASSWORD })).id;
    const agency = standIn.state.users[0]!;
    owned = String(standIn.state.memberships.find((m) => m.userId === agency.id && m.owner)!.clientId);
    notOwned = String(standIn.state.memberships.find((m) => m.userId === agency.id && !m.owner)!.clientId);
  });
  afterAll(async () => {
    await core?.close();
    await standIn?.close();
  });

  it('lists users with their permissions, last login and two-factor state', async () => {
    const team: Team = await call(core, 'team.get', { connectionId, accountId: owned });
    const owner = team.users.find((u) => u.email === AGENCY_EMAIL)!;
    expect(owner).toMatchObject({ role: 'owner', permissions: [...PERMISSIONS], lastLoginAt: expect.any(String), twoFactorEnabled: false });
    const helper = team.users.find((u) => u.email.startsWith('helper'))!;
    expect(helper).toMatchObject({
      role: 'member',
      permissions: ['billing.invoices', 'billing.quotes'],
      twoFactorEnabled: false,
      lastLoginAt: expect.any(String),
    });
    expect(team.invitations).toEqual([]);
  });

  it('invites with chosen or all permissions, resends and cancels', async () => {
    const chosen = await call(core, 'team.invite', {
      connectionId,
      accountId: owned,
      invitation: { email: 'dev@example.test', permissions: ['services.view', 'services.sso', 'tickets'] },
    });
    expect(chosen).toMatchObject({ email: 'dev@example.test', status: 'pending', permissions: ['services.view', 'services.sso', 'tickets'] });
    expect(standIn.state.invites.find((i) => i.email === 'dev@example.test')!.permissions).toEqual(['products', 'productsso', 'tickets']);

    const every = await call(core, 'team.invite', { connectionId, accountId: owned, invitation: { email: 'all@example.test', permissions: [...PERMISSIONS] } });
    expect(standIn.state.invites.find((i) => i.email === 'all@example.test')!.permissions).toEqual([...WHMCS_PERMISSION_KEYS]);

    const resent = await call(core, 'team.resendInvitation', { connectionId, accountId: owned, invitationId: chosen.id });
    expect(resent).toMatchObject({ id: chosen.id, status: 'pending' });
    expect(standIn.state.invites.find((i) => i.email === 'dev@example.test')!.resentCount).toBe(1);

    expect(await call(core, 'team.cancelInvitation', { connectionId, accountId: owned, invitationId: every.id })).toMatchObject({ status: 'cancelled' });
    const team: Team = await call(core, 'team.get', { connectionId, accountId: owned });
    expect(team.invitations.map((i) => i.email)).toEqual(['dev@example.test']);
  });

  it('changes a user’s permissions and removes access', async () => {
    const team: Team = await call(core, 'team.get', { connectionId, accountId: owned });
    const helper = team.users.find((u) => u.role === 'member')!;
    const updated = await call(core, 'team.updateUser', {
      connectionId,
      accountId: owned,
      userId: helper.userId,
      changes: { permissions: ['tickets', 'domains.view'] },
    });
    expect(updated).toMatchObject({ userId: helper.userId, permissions: ['domains.view', 'tickets'] });
    expect(await call(core, 'team.revokeUser', { connectionId, accountId: owned, userId: helper.userId })).toEqual({ revoked: true });
    const after: Team = await call(core, 'team.get', { connectionId, accountId: owned });
    expect(after.users.map((u) => u.userId)).not.toContain(helper.userId);
  });

  it('refuses what WHMCS does not offer, and the pages of an account the user does not own', async () => {
    expect(await core.dispatch('team.get', { connectionId, accountId: notOwned })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.dispatch('team.leaveAccount', { connectionId, accountId: notOwned })).toMatchObject({ ok: false, error: { code: 'not_supported' } });
    expect(
      await core.dispatch('team.invite', { connectionId, accountId: owned, invitation: { customerNumber: '123456', consent: true, permissions: ['tickets'] } }),
    ).toMatchObject({ ok: false, error: { code: 'not_supported' } });
  });
});

describe.each<StandInLanguage>(['german', 'polish'])('whmcs team in a %s client area', (language) => {
  let standIn: StandInServer;
  let core: ReturnType<typeof newCore>;

  beforeAll(async () => {
    await requireSecretService();
    standIn = await startWhmcsClientArea({ accounts: 3, language });
    core = newCore(tempDir(`whmcs-team-${language}`));
  });
  afterAll(async () => {
    await core?.close();
    await standIn?.close();
  });

  it('reads last logins written in the client area’s language', async () => {
    const connectionId = (await call(core, 'connections.add', { baseUrl: standIn.url, kind: 'whmcs', email: AGENCY_EMAIL, password: STAND_IN_PASSWORD })).id;
    const agency = standIn.state.users[0]!;
    const ownership = standIn.state.memberships.find((m) => m.userId === agency.id && m.owner)!;
    const helper = standIn.state.memberships.find((m) => m.clientId === ownership.clientId && !m.owner)!;
    const now = Date.now();
    ownership.lastLogin = new Date(now - 5 * 86_400_000);
    helper.lastLogin = new Date(now - 3 * 3_600_000);

    const team: Team = await call(core, 'team.get', { connectionId, accountId: String(ownership.clientId) });
    const at = (email: string) => Date.parse(team.users.find((u) => u.email === email)!.lastLoginAt!);
    const helperEmail = standIn.state.users.find((u) => u.id === helper.userId)!.email;
    // Carbon's text has the unit's precision: a minute's slack covers the time the request took.
    expect(Math.abs(at(AGENCY_EMAIL) - ownership.lastLogin.getTime())).toBeLessThan(60_000);
    expect(Math.abs(at(helperEmail) - helper.lastLogin.getTime())).toBeLessThan(60_000);
  });
});
