/**
 * The clientarea connector signing in a login with two-factor sign-in, against the reference
 * server: without a code it asks for one, with a right code it completes, a wrong one is refused
 * with the provider's sentence.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientareaConnector } from '../../../src-main/connectors/clientarea/clientarea-connector.js';
import type { CredentialSlot } from '../../../src-main/connectors/connector.js';
import { silentLogger } from '../../../src-main/logging.js';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { call, keychainItem, newCore, requireSecretService, startProvider, tempDir } from './fixtures/environment.js';

const PASSWORD = 'Correct-Horse-7';
/** One TOTP step: the code of the next step is accepted now, and the code used to enrol is spent. */
const STEP_SECONDS = 30;

function slot(): CredentialSlot & { value: string | null } {
  const s = {
    value: null as string | null,
    read: async () => s.value,
    write: async (secret: string) => {
      s.value = secret;
    },
  };
  return s;
}

describe('clientarea connector: two-factor sign-in', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  beforeAll(async () => {
    provider = await startProvider();
  });
  afterAll(async () => {
    await provider?.close();
  });

  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${provider.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, any>;
  };

  const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * STEP_SECONDS });
  const nextCode = (secret: string) => codeAt(secret, 1);

  /** A new login with two-factor sign-in on; answers its secret. `stepsBack` enrols with an earlier step's code. */
  async function enrolled(email: string, stepsBack = 0): Promise<string> {
    return (await enrolledWithBackupCodes(email, stepsBack)).secret;
  }

  async function enrolledWithBackupCodes(email: string, stepsBack = 0): Promise<{ secret: string; backupCodes: string[] }> {
    await post('/admin/users', { email, name: 'Tess Factor', password: PASSWORD }, provider.adminKey);
    const session = await post('/session', { email, password: PASSWORD });
    const enrolment = await post('/me/two-factor/enrolment', {}, session.accessToken);
    const confirmed = await post('/me/two-factor/confirmation', { code: await codeAt(enrolment.secret, -stepsBack) }, session.accessToken);
    expect(confirmed.backupCodes).toHaveLength(10);
    return { secret: enrolment.secret, backupCodes: confirmed.backupCodes };
  }

  const connector = (credentials = slot()) => new ClientareaConnector({ baseUrl: provider.url, credentials, logger: silentLogger() });

  it('asks for the code when none was given, and stores nothing', async () => {
    const email = 'tf-ask@example.com';
    await enrolled(email);
    const credentials = slot();
    await expect(connector(credentials).signIn(email, PASSWORD)).rejects.toMatchObject({
      code: 'second_factor_required',
      message: expect.stringMatching(/two-factor code/),
    });
    expect(credentials.value).toBeNull();
  });

  it('completes the sign-in with a backup code, which works once', async () => {
    const email = 'tf-backup@example.com';
    const { backupCodes } = await enrolledWithBackupCodes(email);
    const credentials = slot();
    const user = await connector(credentials).signIn(email, PASSWORD, { code: backupCodes[0]! });
    expect(user.email).toBe(email);
    expect(credentials.value).not.toBeNull();
    await expect(connector(slot()).signIn(email, PASSWORD, { code: backupCodes[0]! })).rejects.toMatchObject({ code: expect.any(String) });
    // Written as shown at enrolment or without the dash, in capitals: the same code.
    const user2 = await connector(slot()).signIn(email, PASSWORD, { code: backupCodes[1]!.replace('-', '').toUpperCase() });
    expect(user2.email).toBe(email);
  });

  it('completes the sign-in with a right code: the session works and refreshes', async () => {
    const email = 'tf-right@example.com';
    const secret = await enrolled(email);
    const credentials = slot();
    const c = connector(credentials);
    const user = await c.signIn(email, PASSWORD, { code: await nextCode(secret) });
    expect(user.email).toBe(email);
    expect(credentials.value).toMatch(/.+/);
    const first = credentials.value;
    await c.refresh();
    expect(credentials.value).not.toBe(first);
    const page = await c.listAccountsPage({ cursor: null, limit: 10 });
    expect(page.notModified).toBe(false);
  });

  it('refuses a wrong code with the provider sentence, and a right code still works after', async () => {
    const email = 'tf-wrong@example.com';
    const secret = await enrolled(email);
    const right = await nextCode(secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const credentials = slot();
    await expect(connector(credentials).signIn(email, PASSWORD, { code: wrong })).rejects.toMatchObject({
      code: 'wrong_credentials',
      message: 'The two-factor code is not correct, or it was already used.',
    });
    expect(credentials.value).toBeNull();
    await expect(connector(credentials).signIn(email, PASSWORD, { code: right })).resolves.toMatchObject({ email });
  });

  it('asks for the code again when a refresh is refused later, and signs in again with it', async () => {
    const email = 'tf-again@example.com';
    // Enrolled with the previous step's code, so that two sign-ins fit in the tolerated window.
    const secret = await enrolled(email, 1);
    const credentials = slot();
    const c = connector(credentials);
    await c.signIn(email, PASSWORD, { code: await codeAt(secret, 0) });
    // The provider no longer knows the stored refresh token (revoked, or its family ended).
    credentials.value = 'cdr_revoked';
    await expect(c.refresh()).rejects.toMatchObject({ code: 'needs_sign_in' });
    await expect(c.signIn(email, PASSWORD)).rejects.toMatchObject({ code: 'second_factor_required' });
    // The code of the first sign-in is spent; the one after it completes this sign-in.
    await expect(c.signIn(email, PASSWORD, { code: await nextCode(secret) })).resolves.toMatchObject({ email });
    expect(credentials.value).not.toBe('cdr_revoked');
  });

  it('still asks for the password first: a wrong password with a code is a wrong password', async () => {
    const email = 'tf-password@example.com';
    const secret = await enrolled(email);
    await expect(connector().signIn(email, 'Wrong-Horse-8', { code: await nextCode(secret) })).rejects.toMatchObject({ code: 'wrong_credentials' });
  });

  it('through main: adding asks for the code, and a refused refresh asks for it again at sign-in', async () => {
    await requireSecretService();
    const email = 'tf-core@example.com';
    const secret = await enrolled(email, 1);
    await post('/admin/accounts', { name: 'Factor Bakery', ownerEmail: email }, provider.adminKey);
    const dataDir = tempDir('two-factor');
    let core = newCore(dataDir, { syncRetries: 0 });
    try {
      const draft = { baseUrl: provider.url, email, password: PASSWORD, label: 'Factor' };
      expect(await core.dispatch('connections.add', draft)).toMatchObject({ ok: false, error: { code: 'second_factor_required' } });
      const connection = await call(core, 'connections.add', { ...draft, code: await codeAt(secret, 0) });
      await core.idle();
      expect(((await call(core, 'accounts.list', {})) as ListedAccount[]).map((a) => a.name)).toContain('Factor Bakery');

      // Someone else rotates the stored refresh token: the one main keeps is spent, and a fresh start has no access token.
      expect((await post('/session/refresh', { refreshToken: await keychainItem(connection.id) })).accessToken).toBeTruthy();
      await core.close();
      core = newCore(dataDir, { syncRetries: 0 });
      const [status] = (await call(core, 'sync.now', { connectionId: connection.id })) as SyncStatus[];
      expect(status).toMatchObject({ state: 'needs_sign_in' });

      const again = { connectionId: connection.id, password: PASSWORD };
      expect(await core.dispatch('connections.reauthenticate', again)).toMatchObject({ ok: false, error: { code: 'second_factor_required' } });
      expect(await call(core, 'connections.reauthenticate', { ...again, code: await nextCode(secret) })).toMatchObject({ id: connection.id });
      await core.idle();
      expect(((await call(core, 'sync.status', {})) as SyncStatus[])[0]!.state).toBe('synced');
    } finally {
      await core.close();
    }
  });
});
