import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import { ClientareaConnector } from '../../../src-main/connectors/clientarea/clientarea-connector.js';
import type { CredentialSlot } from '../../../src-main/connectors/connector.js';
import { silentLogger } from '../../../src-main/logging.js';
import { EMPTY_SYNC_STATE } from '../../../src-main/sync/account-cache.js';
import { refreshAccounts } from '../../../src-main/sync/account-listing.js';
import { startProvider } from './fixtures/environment.js';

/** Keeps the secret in a variable: these tests are about the HTTP side, the keychain has its own. */
function slot(): CredentialSlot & { value: string | null; writes: number } {
  const s = {
    value: null as string | null,
    writes: 0,
    read: async () => s.value,
    write: async (secret: string) => {
      s.value = secret;
      s.writes++;
    },
  };
  return s;
}

/** The whole accounts list, as a first sync reads it. */
async function listAccounts(connector: ClientareaConnector) {
  const result = await refreshAccounts(connector, [], EMPTY_SYNC_STATE, { pageSize: 2, fullEveryMs: 0, now: new Date(), provider: 'p' });
  return result.accounts;
}

describe('clientarea connector against the reference server', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  beforeAll(async () => {
    provider = await startProvider();
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('rotates the refresh token and stores the new one; the old one stops working', async () => {
    const credentials = slot();
    const connector = new ClientareaConnector({ baseUrl: provider.url, credentials, logger: silentLogger() });
    const user = await connector.signIn(DEMO_LOGINS.agency.email, DEMO_LOGINS.agency.password);
    expect(user.email).toBe(DEMO_LOGINS.agency.email);
    const first = credentials.value!;
    await connector.refresh();
    expect(credentials.value).not.toBe(first);
    // Concurrent refreshes share one rotation: a single-use token is never spent twice.
    await Promise.all([connector.refresh(), connector.refresh(), connector.refresh()]);
    expect(credentials.writes).toBe(3);

    expect((await listAccounts(connector)).length).toBeGreaterThan(0);
  });

  it('a copy of a rotated refresh token used elsewhere ends the session: the app then needs sign-in', async () => {
    const credentials = slot();
    const connector = new ClientareaConnector({ baseUrl: provider.url, credentials, logger: silentLogger() });
    await connector.signIn(DEMO_LOGINS.agency.email, DEMO_LOGINS.agency.password);
    const copied = credentials.value!;
    await connector.refresh();
    expect((await listAccounts(connector)).length).toBeGreaterThan(0);

    // Whoever holds the copy presents it after the app rotated it away.
    const thief = new ClientareaConnector({
      baseUrl: provider.url,
      credentials: { read: async () => copied, write: async () => undefined },
      logger: silentLogger(),
    });
    await expect(listAccounts(thief)).rejects.toMatchObject({ code: 'needs_sign_in' });
    // The app's in-memory access token and its stored refresh token died with the family.
    await expect(listAccounts(connector)).rejects.toMatchObject({ code: 'needs_sign_in' });
  });

  it('follows every page of accounts', async () => {
    const connector = new ClientareaConnector({ baseUrl: provider.url, credentials: slot(), logger: silentLogger() });
    await connector.signIn(DEMO_LOGINS.agency.email, DEMO_LOGINS.agency.password);
    const all = await listAccounts(connector);
    const firstPage = await fetch(`${provider.url}/api/v1/accounts?limit=2`, {
      headers: {
        authorization: `Bearer ${(await (await fetch(`${provider.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_LOGINS.agency.email, password: DEMO_LOGINS.agency.password }) })).json()).accessToken}`,
      },
    }).then((r) => r.json());
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    expect(all.length).toBeGreaterThan(2);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
  });

  it('gives up on a provider that does not answer within the request timeout', async () => {
    const hanging = net.createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as net.AddressInfo;
    try {
      const connector = new ClientareaConnector({ baseUrl: `http://127.0.0.1:${port}`, credentials: slot(), logger: silentLogger(), timeoutMs: 300 });
      const started = Date.now();
      await expect(connector.signIn('a@b.example', 'x')).rejects.toMatchObject({
        code: 'provider_unreachable',
        message: expect.stringMatching(/did not answer in time/),
      });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      hanging.close();
    }
  });
});
