import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { addDomain, addService } from '../../../src-server/domain/purchases.js';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { AccountProducts } from '../../../src-shared/ipc/channels/products.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

const IN_A_YEAR = new Date(Date.now() + 365 * 86_400_000).toISOString();

/** Domain names on account rows (search) and `account.products` (scope picker), against the real server. */
describe('account domains and products through the connector', () => {
  let provider: SeededProvider;
  let owner: Login;
  let member: Login;
  let accountId: string;
  let ownerCore: ReturnType<typeof newCore>;
  let memberCore: ReturnType<typeof newCore>;
  let ownerConnection: string;
  let memberConnection: string;

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    owner = await addLogin(provider, 'Owner');
    member = await addLogin(provider, 'Member');
    accountId = (await addAccounts(provider, owner, 1, 'Bellini'))[0]!;
    const now = new Date();
    await addService(provider.db, now, accountId, { name: 'Web Hosting', status: 'active' });
    await addService(provider.db, now, accountId, { name: 'Mailbox', status: 'active' });
    await addDomain(provider.db, now, accountId, { name: 'bellini.example', expiresAt: IN_A_YEAR });
    await addDomain(provider.db, now, accountId, { name: 'trattoria-bellini.example', expiresAt: IN_A_YEAR });
    // A member who may see domains, scoped to one of them, and no services at all.
    await insertMembership(provider.db, now, {
      accountId,
      userId: member.id,
      role: 'member',
      permissions: ['domains.view'],
      scope: { domains: ['bellini.example'] },
    });
    ownerCore = newCore(tempDir('owner'));
    memberCore = newCore(tempDir('member'));
    ownerConnection = (await call(ownerCore, 'connections.add', { baseUrl: provider.url, email: owner.email, password: owner.password })).id;
    memberConnection = (await call(memberCore, 'connections.add', { baseUrl: provider.url, email: member.email, password: member.password })).id;
    await Promise.all([ownerCore.idle(), memberCore.idle()]);
  });
  afterAll(async () => {
    await ownerCore?.close();
    await memberCore?.close();
    await provider?.close();
  });

  it('carries the domain names the login may see into the account rows, and keeps them after a re-sync', async () => {
    const row = ((await call(ownerCore, 'accounts.list', {})) as ListedAccount[]).find((r) => r.id === accountId);
    expect(row?.domains).toEqual(['bellini.example', 'trattoria-bellini.example']);
    expect(row).not.toHaveProperty('domainNames');
    const scoped = ((await call(memberCore, 'accounts.list', {})) as ListedAccount[]).find((r) => r.id === accountId);
    expect(scoped?.domains).toEqual(['bellini.example']);

    await addDomain(provider.db, new Date(Date.now() + 1000), accountId, { name: 'aaa-bellini.example', expiresAt: IN_A_YEAR });
    await call(ownerCore, 'sync.now', { connectionId: ownerConnection });
    const after = ((await call(ownerCore, 'accounts.list', {})) as ListedAccount[]).find((r) => r.id === accountId);
    expect(after?.domains).toEqual(['aaa-bellini.example', 'bellini.example', 'trattoria-bellini.example']);
  });

  it('lists an account’s services and domains for the owner', async () => {
    const products: AccountProducts = await call(ownerCore, 'account.products', { connectionId: ownerConnection, accountId });
    expect(products.services.map((s) => s.name)).toEqual(['Mailbox', 'Web Hosting']);
    expect(products.domains.map((d) => d.name)).toContain('bellini.example');
    expect(products.domains.every((d) => d.accountId === accountId)).toBe(true);
  });

  it('gives a scoped member only what the provider lets them see, and an empty list where it says forbidden', async () => {
    const products: AccountProducts = await call(memberCore, 'account.products', { connectionId: memberConnection, accountId });
    expect(products.services).toEqual([]);
    expect(products.domains.map((d) => d.name)).toEqual(['bellini.example']);
  });

  it('maps an unknown account to not_found with the provider’s sentence', async () => {
    const reply = await ownerCore.dispatch('account.products', { connectionId: ownerConnection, accountId: 'acc_missing' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
  });
});
