import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import { call, newCore, requireSecretService, startProvider, tempDir } from './fixtures/environment.js';

const agency = DEMO_LOGINS.agency;

/** Errors name the connection as the user calls it, not 127.0.0.1:<port>; the host only while there is no connection yet. */
describe('error sentences name the connection', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let core: ReturnType<typeof newCore>;

  beforeAll(async () => {
    await requireSecretService();
    provider = await startProvider();
    core = newCore(tempDir('names'));
  });
  afterAll(async () => {
    await core?.close();
    await provider?.close();
  });

  it('by its label once it exists, by its new label after a rename, and by its host while it is being added', async () => {
    const host = new URL(provider.url).host;
    const added = await call(core, 'connections.add', { baseUrl: provider.url, email: agency.email, password: agency.password, label: 'Acme Hosting' });

    const wrong = await core.dispatch('connections.reauthenticate', { connectionId: added.id, password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_credentials', message: 'The email or password is not right for Acme Hosting.' } });
    expect(JSON.stringify(wrong)).not.toContain(host);

    await call(core, 'connections.rename', { connectionId: added.id, label: 'Acme EU' });
    const afterRename = await core.dispatch('connections.reauthenticate', { connectionId: added.id, password: 'not-the-password' });
    expect(afterRename).toMatchObject({ ok: false, error: { message: 'The email or password is not right for Acme EU.' } });

    const adding = await core.dispatch('connections.add', {
      baseUrl: provider.url,
      email: DEMO_LOGINS.owner.email,
      password: 'not-the-password',
      label: 'Other',
    });
    expect(adding).toMatchObject({ ok: false, error: { code: 'wrong_credentials', message: `The email or password is not right for ${host}.` } });
  });

  it('when the provider of an existing connection cannot be reached', async () => {
    const gone = await startProvider();
    const added = await call(core, 'connections.add', { baseUrl: gone.url, email: agency.email, password: agency.password, label: 'Gone Hosting' });
    await core.idle();
    await gone.close();
    const answer = await core.dispatch('connections.reauthenticate', { connectionId: added.id, password: agency.password });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'provider_unreachable', message: 'Gone Hosting cannot be reached right now. Check the address and your connection, then try again.' },
    });
  });
});
