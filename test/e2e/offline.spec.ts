import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { startExternalServer, type ExternalServer } from './fixtures/external-server.js';
import { navButton } from './fixtures/pages.js';
import { expect, test as webTest } from './fixtures/web-mode.js';

// Web mode (spawned by the fixture) probes unreachable providers this often, so the test sees the
// provider come back within a second rather than the default 15 s.
process.env.CLIENTDECK_ONLINE_PROBE_MS = '500';

const test = webTest.extend<{ provider: ExternalServer }>({
  // eslint-disable-next-line no-empty-pattern
  provider: async ({}, use) => {
    const server = await startExternalServer();
    try {
      await use(server);
    } finally {
      await server.dispose();
    }
  },
});

const agency = DEMO_LOGINS.agency;

test('an invitation accepted while the provider is down is queued, then sent exactly once when it is back', async ({ provider, web, page }) => {
  // A new user connects to their provider with the add-provider form.
  await page.goto(web.url);
  const form = page.getByRole('form', { name: 'Add a provider' });
  await form.getByLabel('Provider URL').fill(provider.url);
  await form.getByLabel('Email', { exact: true }).fill(agency.email);
  await form.getByLabel('Password', { exact: true }).fill(agency.password);
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(page.getByRole('table', { name: 'Accounts' })).toBeVisible({ timeout: 45_000 });

  await navButton(page, 'Invitations').click();
  const accept = page.getByRole('button', { name: /^Accept invitation to / }).first();
  const account = ((await accept.getAttribute('aria-label')) ?? '').replace(/^Accept invitation to /, '');
  expect(account).not.toBe('');
  expect(provider.memberships(agency.email, account)).toBe(0);

  // The provider goes away; the answer is kept and shown as queued.
  await provider.stop();
  await page.getByRole('button', { name: `Accept invitation to ${account}`, exact: true }).click();
  const card = page.getByRole('listitem', { name: account, exact: true });
  await expect(card.getByText('Queued', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `Accept invitation to ${account}`, exact: true })).toHaveCount(0);

  // It comes back on the same address: the answer goes out by itself and the account shows up.
  await provider.start();
  await navButton(page, 'Accounts').click();
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill(account);
  await expect(page.getByRole('cell', { name: account, exact: true })).toBeVisible({ timeout: 30_000 });
  expect(provider.memberships(agency.email, account)).toBe(1);

  // The queued answer ended done, and stays applied once.
  await navButton(page, 'Invitations').click();
  await expect(page.getByRole('button', { name: `Accept invitation to ${account}`, exact: true })).toHaveCount(0);
  await provider.stop();
  expect(provider.memberships(agency.email, account)).toBe(1);
});
