/** An account's contacts and their email preferences on a WHMCS client area, through the app's contacts channels. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../../src-shared/api/contacts.js';
import { call, newCore, requireSecretService, tempDir } from '../main/fixtures/environment.js';
import { startWhmcsClientArea, type StandInServer } from '../../whmcs-stand-in/client-area/server.js';
import { AGENCY_EMAIL, STAND_IN_PASSWORD } from '../../whmcs-stand-in/client-area/state.js';

describe('whmcs contacts', () => {
  let standIn: StandInServer;
  let core: ReturnType<typeof newCore>;
  let connectionId: string;
  let accountId: string;

  beforeAll(async () => {
    await requireSecretService();
    standIn = await startWhmcsClientArea({ accounts: 2 });
    core = newCore(tempDir('whmcs-contacts'));
    connectionId = (await call(core, 'connections.add', { baseUrl: standIn.url, kind: 'whmcs', email: AGENCY_EMAIL, password: STAND_IN_PASSWORD })).id;
    accountId = String(standIn.state.memberships.find((m) => m.userId === standIn.state.users[0]!.id && m.owner)!.clientId);
  });
  afterAll(async () => {
    await core?.close();
    await standIn?.close();
  });

  it('lists, changes, creates and deletes contacts with their email preferences, keeping what Clientdeck has no word for', async () => {
    const [billing]: Contact[] = await call(core, 'contacts.list', { connectionId, accountId });
    expect(billing).toMatchObject({ name: 'Bill Billing1', email: 'billing1@example.test', city: 'Rome', country: 'IT' });
    expect(billing!.preferences).toEqual({ general: true, services: false, domains: false, billing: true, support: false });

    const stored = standIn.state.contacts.find((c) => c.email === 'billing1@example.test')!;
    stored.preferences.affiliate = true;
    const updated: Contact = await call(core, 'contacts.update', {
      connectionId,
      accountId,
      contactId: billing!.id,
      changes: { city: 'Milan', preferences: { support: true, general: false } },
    });
    expect(updated).toMatchObject({
      city: 'Milan',
      country: 'IT',
      preferences: { general: false, services: false, domains: false, billing: true, support: true },
    });
    expect(stored.preferences).toEqual({ general: false, product: false, domain: false, invoice: true, support: true, affiliate: true });

    const created: Contact = await call(core, 'contacts.create', {
      connectionId,
      accountId,
      contact: {
        name: 'Dora Domains',
        email: 'dora@example.test',
        preferences: { general: false, services: false, domains: true, billing: false, support: false },
      },
    });
    expect(created).toMatchObject({ name: 'Dora Domains', email: 'dora@example.test', preferences: { domains: true, general: false } });
    expect((await call(core, 'contacts.list', { connectionId, accountId })).length).toBe(2);

    expect(await call(core, 'contacts.delete', { connectionId, accountId, contactId: created.id })).toEqual({ deleted: true });
    expect(standIn.state.contacts.some((c) => c.email === 'dora@example.test')).toBe(false);
    expect(await core.dispatch('contacts.update', { connectionId, accountId, contactId: created.id, changes: { city: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
