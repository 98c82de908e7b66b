/**
 * The real `whmcs` connector, sync and vault against the WHMCS client-area stand-in: signing in
 * (both themes, two-factor, every refusal), accounts with their counts, a session that ends.
 */
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import {
  call,
  keychainAccounts,
  keychainItem,
  newCore,
  requireSecretService,
  startProvider,
  storedConnections,
  tempDir,
} from '../main/fixtures/environment.js';
import { createLogger } from '../../../src-main/logging.js';
import { SESSION_COOKIE, startWhmcsClientArea, type StandInServer } from '../../whmcs-stand-in/client-area/server.js';
import { AGENCY_EMAIL, displayName, STAND_IN_PASSWORD, TOTP_EMAIL, type Theme } from '../../whmcs-stand-in/client-area/state.js';

async function settleSummaries(core: ReturnType<typeof newCore>, connectionId: string): Promise<void> {
  const { connector } = await core.connections.connectorFor(connectionId);
  if ('summariesSettled' in connector && typeof connector.summariesSettled === 'function') await (connector.summariesSettled as () => Promise<void>)();
}

describe.each<Theme>(['twenty-one', 'six'])('whmcs connector, %s theme', (theme) => {
  let standIn: StandInServer;
  beforeAll(async () => {
    await requireSecretService();
    standIn = await startWhmcsClientArea({ accounts: 7, theme });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it('signs in, keeps the login in the keychain only, and lists the Switch Account accounts with their counts', async () => {
    const dataDir = tempDir(`whmcs-${theme}`);
    const core = newCore(dataDir);
    try {
      const connection = await call(core, 'connections.add', { baseUrl: standIn.url, email: AGENCY_EMAIL, password: STAND_IN_PASSWORD, kind: 'whmcs' });
      expect(connection).toMatchObject({ kind: 'whmcs', email: AGENCY_EMAIL, isDemo: false });
      expect(connection.capabilities).toEqual(['accounts.list', 'invitations.incoming', 'invitations.answer', 'users.manage', 'contacts', 'sso']);

      const secret = await keychainItem(connection.id);
      expect(JSON.parse(secret!)).toEqual({ email: AGENCY_EMAIL, password: STAND_IN_PASSWORD });
      const onDisk = storedConnections(dataDir);
      expect(onDisk).not.toContain(STAND_IN_PASSWORD);
      expect(onDisk).not.toContain(SESSION_COOKIE);

      await core.idle();
      // The first sync lists the accounts before any home page was read: no count is known yet,
      // and none may pass for a zero.
      const first: ListedAccount[] = await call(core, 'accounts.list', {});
      expect(first.length).toBeGreaterThan(0);
      for (const account of first) expect(account.summaryPending).toBe(true);
      await settleSummaries(core, connection.id);
      await call(core, 'sync.now', { connectionId: connection.id });
      const accounts: ListedAccount[] = await call(core, 'accounts.list', {});
      for (const account of accounts) expect(account.summaryPending).toBeUndefined();
      const reachable = standIn.state.clients.filter((c) => c.status === 'Active');
      expect(accounts.map((a) => a.name).sort()).toEqual(reachable.map(displayName).sort());
      for (const account of accounts) {
        const client = standIn.state.clients.find((c) => String(c.id) === account.id)!;
        const owned = standIn.state.memberships.find((m) => m.clientId === client.id && m.owner)?.userId === standIn.state.users[0]!.id;
        expect(account.role).toBe(owned ? 'owner' : 'member');
        expect(account.summary).toEqual({
          services: client.counts.services,
          domainsExpiringSoon: client.counts.domains,
          unpaidInvoices: client.counts.unpaidInvoices,
          openTickets: client.counts.openTickets,
        });
      }

      // Nothing changed: a re-sync reads the Switch Account page once and transfers no account.
      standIn.resetCount();
      await call(core, 'sync.now', { connectionId: connection.id });
      expect(core.sync.lastRun(connection.id)).toMatchObject({ mode: 'unchanged', accountsTransferred: 0 });
      expect(standIn.requestCount()).toBe(1);
    } finally {
      await core.close();
    }
  });
});

describe('whmcs sign-in refusals and sessions', () => {
  let standIn: StandInServer;
  beforeAll(async () => {
    await requireSecretService();
    standIn = await startWhmcsClientArea({ accounts: 4 });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  /** Each refusal leaves nothing behind: no connection on disk, no keychain item. */
  async function refused(input: Record<string, unknown>): Promise<{ code: string; message: string }> {
    const dataDir = tempDir('whmcs-refused');
    const core = newCore(dataDir);
    const itemsBefore = (await keychainAccounts()).length;
    try {
      const reply = await core.dispatch('connections.add', { baseUrl: standIn.url, kind: 'whmcs', ...input });
      expect(reply.ok).toBe(false);
      expect(await call(core, 'connections.list', {})).toEqual([]);
      expect((await keychainAccounts()).length).toBe(itemsBefore);
      return reply.ok ? { code: '', message: '' } : reply.error;
    } finally {
      await core.close();
    }
  }

  it('refuses a wrong password', async () => {
    expect(await refused({ email: AGENCY_EMAIL, password: 'wrong' })).toMatchObject({ code: 'wrong_credentials' });
  });

  it('asks for the two-factor code, refuses a wrong one and accepts the right one', async () => {
    expect(await refused({ email: TOTP_EMAIL, password: STAND_IN_PASSWORD })).toMatchObject({ code: 'second_factor_required' });
    expect(await refused({ email: TOTP_EMAIL, password: STAND_IN_PASSWORD, code: '000000' })).toMatchObject({
      code: 'wrong_credentials',
      message: expect.stringContaining('two-factor code'),
    });
    const secret = standIn.state.users.find((u) => u.email === TOTP_EMAIL)!.totpSecret!;
    const core = newCore(tempDir('whmcs-totp'));
    try {
      const connection = await call(core, 'connections.add', {
        baseUrl: standIn.url,
        kind: 'whmcs',
        email: TOTP_EMAIL,
        password: STAND_IN_PASSWORD,
        code: generateSync({ secret }),
      });
      expect(connection.kind).toBe('whmcs');
    } finally {
      await core.close();
    }
  });

  it('names a captcha, a rate limit and a ban', async () => {
    standIn.state.captcha = true;
    expect(await refused({ email: AGENCY_EMAIL, password: STAND_IN_PASSWORD })).toMatchObject({ code: 'captcha_required' });
    standIn.state.captcha = false;

    standIn.state.loginFailuresAllowed = 0;
    expect(await refused({ email: AGENCY_EMAIL, password: STAND_IN_PASSWORD })).toMatchObject({ code: 'rate_limited' });
    standIn.state.loginFailuresAllowed = 5;
    standIn.state.failedLogins.clear();

    standIn.state.bannedIps.add('127.0.0.1');
    expect(await refused({ email: AGENCY_EMAIL, password: STAND_IN_PASSWORD })).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('blocked'),
    });
    standIn.state.bannedIps.clear();
  });

  it('says when an address is not a WHMCS client area', async () => {
    const other = await startProvider();
    try {
      const reply = await newCore(tempDir('whmcs-other')).dispatch('connections.add', {
        baseUrl: other.url,
        kind: 'whmcs',
        email: AGENCY_EMAIL,
        password: STAND_IN_PASSWORD,
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_url', message: expect.stringContaining('does not look like a WHMCS client area') } });
    } finally {
      await other.close();
    }
  });

  it('names a Switch Account page in markup it does not know, logs it without secrets or addresses, and keeps the cached accounts', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
    const core = newCore(tempDir('whmcs-restyled'), { logger });
    try {
      const connection = await call(core, 'connections.add', { baseUrl: standIn.url, kind: 'whmcs', email: AGENCY_EMAIL, password: STAND_IN_PASSWORD });
      await core.idle();
      await call(core, 'sync.now', { connectionId: connection.id });
      const before: ListedAccount[] = await call(core, 'accounts.list', {});
      expect(before.length).toBe(3);

      standIn.state.restyled = true;
      const [refusedSync] = await call(core, 'sync.now', { connectionId: connection.id });
      expect(refusedSync).toMatchObject({ state: 'error', message: expect.stringContaining('did not recognise the Switch Account page') });
      expect(await call(core, 'accounts.list', {})).toEqual(before);

      const logged = lines.join('\n');
      expect(logged).toContain('WHMCS page not recognised');
      expect(logged).toContain('select-account');
      for (const secret of [AGENCY_EMAIL, STAND_IN_PASSWORD, SESSION_COOKIE]) expect(logged).not.toContain(secret);
      const token = /name=\\?"token\\?" value=\\?"([^"\\]+)/.exec(logged)?.[1];
      expect(token).toBe('[removed]');
      expect(logged).not.toMatch(/content=\\?"[0-9a-f]{20,}/);
    } finally {
      standIn.state.restyled = false;
      await core.close();
    }
  });

  it('signs in again once when the session ends in the middle of reading the counts, and puts the same account back', async () => {
    const core = newCore(tempDir('whmcs-mid-sync'));
    try {
      const connection = await call(core, 'connections.add', { baseUrl: standIn.url, kind: 'whmcs', email: AGENCY_EMAIL, password: STAND_IN_PASSWORD });
      await core.idle();
      // The counts are read account by account after the list: the session ends after the first
      // account's switch, so the next home page read finds the login form.
      standIn.endSessionsAfter(1);
      await settleSummaries(core, connection.id);
      await call(core, 'sync.now', { connectionId: connection.id });
      const accounts: ListedAccount[] = await call(core, 'accounts.list', {});
      expect(accounts.length).toBe(3);
      for (const account of accounts) {
        const client = standIn.state.clients.find((c) => String(c.id) === account.id)!;
        // Each count is that account's own: the sign-in again did not read another account's home.
        expect(account).toMatchObject({ summary: { services: client.counts.services, openTickets: client.counts.openTickets } });
        expect(account.summaryPending).toBeUndefined();
      }
    } finally {
      await core.close();
    }
  });

  it('asks for the two-factor code when the sign-in after a session ended meets the challenge, and signs in again with it', async () => {
    const core = newCore(tempDir('whmcs-session-code'));
    const secret = standIn.state.users.find((u) => u.email === TOTP_EMAIL)!.totpSecret!;
    try {
      const connection = await call(core, 'connections.add', {
        baseUrl: standIn.url,
        kind: 'whmcs',
        email: TOTP_EMAIL,
        password: STAND_IN_PASSWORD,
        code: generateSync({ secret }),
      });
      await core.idle();
      standIn.endSessions();
      standIn.resetCount();
      const [refusedSync] = await call(core, 'sync.now', { connectionId: connection.id });
      expect(refusedSync).toMatchObject({ state: 'needs_sign_in', asksForCode: true, message: expect.stringContaining('two-factor code') });
      // Signed in again once by itself, not in a loop: the Switch Account page and its redirect to
      // the login, the login page, its post and the challenge it redirected to.
      expect(standIn.requestCount()).toBe(5);
      const statuses: { connectionId: string; asksForCode?: boolean }[] = await call(core, 'sync.status', {});
      expect(statuses.find((s) => s.connectionId === connection.id)).toMatchObject({ state: 'needs_sign_in', asksForCode: true });

      await call(core, 'connections.reauthenticate', { connectionId: connection.id, password: STAND_IN_PASSWORD, code: generateSync({ secret }) });
      const [again] = await call(core, 'sync.now', { connectionId: connection.id });
      expect(again).toMatchObject({ state: 'synced' });
      expect(again.asksForCode).toBeUndefined();
    } finally {
      await core.close();
    }
  });

  it('signs in again by itself once a session ended, and asks for a sign-in when that fails, keeping the cached accounts', async () => {
    const core = newCore(tempDir('whmcs-session'));
    try {
      const connection = await call(core, 'connections.add', { baseUrl: standIn.url, kind: 'whmcs', email: AGENCY_EMAIL, password: STAND_IN_PASSWORD });
      await core.idle();
      await settleSummaries(core, connection.id);
      await call(core, 'sync.now', { connectionId: connection.id });
      const before: ListedAccount[] = await call(core, 'accounts.list', {});
      expect(before.length).toBe(3);

      standIn.endSessions();
      const [afterExpiry] = await call(core, 'sync.now', { connectionId: connection.id });
      expect(afterExpiry).toMatchObject({ state: 'synced' });

      const agency = standIn.state.users.find((u) => u.email === AGENCY_EMAIL)!;
      agency.password = 'changed elsewhere';
      standIn.endSessions();
      const [refusedSync] = await call(core, 'sync.now', { connectionId: connection.id });
      expect(refusedSync).toMatchObject({ state: 'needs_sign_in' });
      expect(refusedSync.asksForCode).toBeUndefined();
      expect(await call(core, 'accounts.list', {})).toEqual(before);
      agency.password = STAND_IN_PASSWORD;
    } finally {
      await core.close();
    }
  });
});
