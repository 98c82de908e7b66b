/**
 * DNS rebinding against a provider on this machine (issue 14 §4): a web page whose name the
 * attacker points at 127.0.0.1 loads in the user's browser and reads the client area with its own
 * name in the Host header. Chromium's resolver maps rebind.example to 127.0.0.1 here, as the
 * attacker's DNS would. The server answers only its own names; the demo provider still works.
 */
import { expect, test as base } from '@playwright/test';
import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { chromiumExecutable } from './fixtures/chromium.js';
import { startExternalServer, type ExternalServer } from './fixtures/external-server.js';

const test = base.extend<{ provider: ExternalServer }>({
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

test.use({
  launchOptions: {
    executablePath: chromiumExecutable(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--host-resolver-rules=MAP rebind.example 127.0.0.1'],
  },
});

test('a page on a rebound name gets a 421 problem instead of the panel, its mail viewer or the API', async ({ provider, page }) => {
  const rebound = `http://rebind.example:${provider.port}`;
  const signIn = await page.goto(`${rebound}/panel/sign-in`);
  expect(signIn?.status()).toBe(421);
  await expect(page.locator('body')).toContainText('host_not_allowed');
  await page.screenshot({ path: 'test-results/e2e/dns-rebinding-refused.png' });

  // The attack proper: the page's script reads same-origin URLs (to it, the server is its own origin).
  const stolen = await page.evaluate(async () => {
    const mail = await fetch('/panel/dev/mail');
    const session = await fetch('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { mail: mail.status, mailText: await mail.text(), session: session.status };
  });
  expect(stolen.mail).toBe(421);
  expect(stolen.mailText).not.toContain('Outbox');
  expect(stolen.session).toBe(421);

  // The same server on its own address: the panel as ever.
  const own = await page.goto(`${provider.url}/panel/sign-in`);
  expect(own?.status()).toBe(200);
  await page.getByLabel('Email').fill(DEMO_LOGINS.agency.email);
  await page.getByLabel('Password').fill(DEMO_LOGINS.agency.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/dns-rebinding-own-address.png' });
});
