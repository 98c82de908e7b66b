import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import type { AccessReview, ReviewProgress } from '../../../src-shared/ipc/channels/access-review.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import type { ListedInvitation } from '../../../src-shared/ipc/channels/invitations.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { gatherAccess, type ReviewSources } from '../../../src-main/access-review/access-gathering.js';
import type { Connector, TeamPart } from '../../../src-main/connectors/connector.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

/**
 * The access review's gathering over the reference client area: every account the login owns or
 * administers with users.manage, nothing it is only a member of; a connection whose connector
 * has no team part, and a provider that stopped answering, each listed once with the reason.
 */
describe('the access review, gathered from the real server', () => {
  let provider: SeededProvider;
  let offlineProvider: SeededProvider;
  let owner: Login;
  let other: Login;
  let webmaster: Login;
  let owned: string[];
  let administered: string;
  let memberOnly: string;
  let core: ReturnType<typeof newCore>;
  let webCore: ReturnType<typeof newCore>;
  let ownerConnection: string;
  let offlineConnection: string;
  const progress: ReviewProgress[] = [];

  beforeAll(async () => {
    await requireSecretService();
    [provider, offlineProvider] = await Promise.all([startSeededProvider(), startSeededProvider()]);
    owner = await addLogin(provider, 'Owner');
    other = await addLogin(provider, 'Other owner');
    webmaster = await addLogin(provider, 'Webmaster');
    owned = await addAccounts(provider, owner, 12, 'Owned');
    const elsewhere = await addAccounts(provider, other, 2, 'Elsewhere');
    administered = elsewhere[0]!;
    memberOnly = elsewhere[1]!;
    const now = new Date();
    await insertMembership(provider.db, now, { accountId: administered, userId: owner.id, role: 'admin', permissions: PERMISSION_PRESETS.all });
    await insertMembership(provider.db, now, { accountId: memberOnly, userId: owner.id, role: 'member', permissions: ['tickets'] });

    const away = await addLogin(offlineProvider, 'Away owner');
    await addAccounts(offlineProvider, away, 3, 'Away');

    core = newCore(tempDir('review'), { reviewConcurrency: 3 });
    webCore = newCore(tempDir('review-webmaster'));
    core.events.on((event, payload) => {
      if (event === 'accessReview.progress') progress.push(payload as ReviewProgress);
    });
    ownerConnection = (await call(core, 'connections.add', { baseUrl: provider.url, email: owner.email, password: owner.password, label: 'Main' })).id;
    offlineConnection = (
      await call(core, 'connections.add', { baseUrl: offlineProvider.url, email: away.email, password: away.password, label: 'Away provider' })
    ).id;
    await call(webCore, 'connections.add', { baseUrl: provider.url, email: webmaster.email, password: webmaster.password });
    await Promise.all([core.idle(), webCore.idle()]);

    // The webmaster joins the first account through an invitation sent from the app.
    await call(core, 'team.invite', { connectionId: ownerConnection, accountId: owned[0], invitation: { email: webmaster.email, permissions: ['tickets'] } });
    await call(webCore, 'sync.now', {});
    const [incoming] = (await call(webCore, 'invitations.list', {})) as ListedInvitation[];
    await call(webCore, 'invitations.answer', { connectionId: incoming!.connectionId, invitationId: incoming!.id, answer: 'accept' });
    await offlineProvider.stop();
  });
  afterAll(async () => {
    await core?.close();
    await webCore?.close();
    await provider?.close();
    await offlineProvider?.close();
  });

  it('lists everyone on every owned or administered account, with who invited them, and says what it could not ask', async () => {
    const review: AccessReview = await call(core, 'accessReview.get', {});
    expect(review.accountsReviewed).toBe(owned.length + 1 + 3);
    const reviewed = new Set(review.rows.map((r) => r.account.id));
    expect(reviewed).toEqual(new Set([...owned, administered]));
    expect(reviewed.has(memberOnly)).toBe(false);

    const first = review.rows.filter((r) => r.account.id === owned[0]);
    expect(first.map((r) => [r.user.email, r.user.role]).sort()).toEqual(
      [
        [owner.email, 'owner'],
        [webmaster.email, 'member'],
      ].sort(),
    );
    expect(first.find((r) => r.user.email === webmaster.email)).toMatchObject({
      connectionId: ownerConnection,
      account: { name: 'Owned 01' },
      user: { origin: 'invitation', permissions: ['tickets'] },
      grantedBy: { email: owner.email },
    });
    expect(first.find((r) => r.user.role === 'owner')!.grantedBy).toBeNull();
    expect(review.rows.filter((r) => r.account.id === administered).map((r) => [r.user.email, r.user.role])).toEqual(
      expect.arrayContaining([
        [other.email, 'owner'],
        [owner.email, 'admin'],
      ]),
    );

    // The provider that stopped answering is one line, not one per account.
    expect(review.gaps).toEqual([
      { connectionId: offlineConnection, account: null, code: 'provider_unreachable', reason: expect.stringContaining('Away provider') },
    ]);
    expect(progress.at(0)).toEqual({ done: 0, total: review.accountsReviewed });
    expect(progress.at(-1)).toEqual({ done: review.accountsReviewed, total: review.accountsReviewed });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('answers from its cache until asked to refresh, and follows a revoke made from the app', async () => {
    const newcomer = await addLogin(provider, 'Newcomer');
    await insertMembership(provider.db, new Date(), { accountId: owned[1]!, userId: newcomer.id, role: 'member', permissions: ['tickets'] });
    const has = (review: AccessReview, email: string, accountId: string) => review.rows.some((r) => r.user.email === email && r.account.id === accountId);

    expect(has(await call(core, 'accessReview.get', {}), newcomer.email, owned[1]!)).toBe(false);
    const refreshed: AccessReview = await call(core, 'accessReview.get', { refresh: true });
    expect(has(refreshed, newcomer.email, owned[1]!)).toBe(true);
    // The owner's allowed invitation domains come with each row of the account (an admin is not told them).
    await call(core, 'accessPolicy.setInvitationDomains', { connectionId: ownerConnection, accountId: owned[1], domains: { domains: ['elsewhere.example'] } });
    const withDomains: AccessReview = await call(core, 'accessReview.get', { refresh: true });
    expect(new Set(withDomains.rows.filter((r) => r.account.id === owned[1]).map((r) => JSON.stringify(r.allowedDomains)))).toEqual(
      new Set([JSON.stringify(['elsewhere.example'])]),
    );
    expect(withDomains.rows.filter((r) => r.account.id === owned[2]).every((r) => JSON.stringify(r.allowedDomains) === '[]')).toBe(true);
    expect(withDomains.rows.filter((r) => r.account.id === administered).every((r) => r.allowedDomains === null)).toBe(true);

    await call(core, 'team.revokeUser', { connectionId: ownerConnection, accountId: owned[1], userId: newcomer.id });
    expect(has(await call(core, 'accessReview.get', {}), newcomer.email, owned[1]!)).toBe(false);
    await call(core, 'team.updateUser', {
      connectionId: ownerConnection,
      accountId: owned[0],
      userId: webmaster.id,
      changes: { permissions: ['tickets', 'services.view'] },
    });
    const changed: AccessReview = await call(core, 'accessReview.get', {});
    expect(changed.rows.find((r) => r.user.email === webmaster.email)!.user.permissions).toEqual(['services.view', 'tickets']);
  });

  it('names a connection whose connector has no team part, and asks at most the chosen number of accounts at once', async () => {
    const noTeam: Connection = {
      id: 'no-team-connection',
      label: 'Billing-only provider',
      baseUrl: 'https://billing.example',
      kind: 'clientarea',
      email: 'agency@billing.example',
      isDemo: false,
      capabilities: ['accounts.list', 'invitations.incoming', 'invitations.answer'],
      createdAt: new Date().toISOString(),
    };
    let active = 0;
    let most = 0;
    const counted = (team: TeamPart): TeamPart => ({
      ...team,
      listUsers: async (accountId) => {
        most = Math.max(most, ++active);
        try {
          return await team.listUsers(accountId);
        } finally {
          active--;
        }
      },
      listInvitations: (accountId) => team.listInvitations(accountId),
    });
    const sources: ReviewSources = {
      connections: {
        list: () => [core.connections.get(ownerConnection), noTeam],
        connectorFor: async (id) => {
          const found = await core.connections.connectorFor(id);
          return { ...found, connector: { ...found.connector, team: counted(found.connector.team!) } as Connector };
        },
      },
      cache: core.cache,
    };
    const review = await gatherAccess(sources, { concurrency: 2, clock: () => new Date(), onProgress: () => undefined });
    expect(review.gaps).toEqual([
      {
        connectionId: noTeam.id,
        account: null,
        code: 'not_supported',
        reason: 'Billing-only provider does not let Clientdeck show who has access to accounts.',
      },
    ]);
    expect(review.accountsReviewed).toBe(owned.length + 1);
    expect(new Set(review.rows.map((r) => r.account.id)).size).toBe(owned.length + 1);
    expect(most).toBe(2);
  });
});
