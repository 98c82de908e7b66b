import { generate } from 'otplib';
import { createLogin, demoProviderUrl, showAccountsOf, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

/** One TOTP step: the code used to enrol is spent, the next step's code is accepted already. */
const STEP_SECONDS = 30;

/** A call to the provider's API as the test, not as the app. */
async function api(providerUrl: string, path: string, body: unknown, token: string): Promise<Record<string, any>> {
  const response = await fetch(`${providerUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, any>;
}

test('adding a provider whose login has two-factor sign-in asks for the code, and the code completes it', async ({ web, page }) => {
  test.setTimeout(120_000);
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  const login = { email: `tess-${Date.now()}@two-factor.example`, password: 'Two-Factor-Test-2024!', name: 'Tess Factor' };
  await createLogin(provider, web.adminKey, login);
  await api(provider, '/admin/accounts', { name: 'Factor Bakery', ownerEmail: login.email }, web.adminKey);
  const session = await (
    await fetch(`${provider}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: login.email, password: login.password }),
    })
  ).json();
  const enrolment = await api(provider, '/me/two-factor/enrolment', {}, session.accessToken);
  await api(provider, '/me/two-factor/confirmation', { code: await generate({ secret: enrolment.secret }) }, session.accessToken);

  const form = page.getByRole('form', { name: 'Add a provider' });
  const code = form.getByLabel('Two-factor code');
  await expect(code).toHaveCount(0);
  await form.getByLabel('Provider URL').fill(provider);
  await form.getByLabel('Email', { exact: true }).fill(login.email);
  await form.getByLabel('Password', { exact: true }).fill(login.password);
  await form.getByLabel('Name (optional)').fill('Factor login');
  await form.getByRole('button', { name: 'Add provider' }).click();

  await expect(form.getByRole('alert')).toHaveText(/asks for a two-factor code for this login/, { timeout: 20_000 });
  await expect(code).toBeFocused();
  await expect(page.getByRole('list', { name: 'Connected providers' }).getByRole('listitem')).toHaveCount(1);

  await code.fill(await generate({ secret: enrolment.secret, epoch: Math.floor(Date.now() / 1000) + STEP_SECONDS }));
  await form.getByLabel('Password', { exact: true }).fill(login.password);
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByText('Connected to Factor login.')).toBeVisible({ timeout: 20_000 });
  await expect(code).toHaveCount(0);

  const table = await showAccountsOf(page, 'Factor login');
  await expect(table.getByText('Factor Bakery')).toBeVisible({ timeout: 20_000 });
});
