import { generate } from 'otplib';
import { createLogin, demoProviderUrl, navButton, showAccountsOf, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

/** One TOTP step: the provider accepts the codes of the steps just before and after the current one. */
const STEP_SECONDS = 30;
/** The code an authenticator app shows `steps` steps from now; each step's code works once. */
const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * STEP_SECONDS });

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

test('adding a provider whose login has two-factor sign-in asks for the code, and so does signing in again', async ({ web, page }) => {
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
  await api(provider, '/me/two-factor/confirmation', { code: await codeAt(enrolment.secret, -1) }, session.accessToken);

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

  await code.fill(await codeAt(enrolment.secret, 0));
  await form.getByLabel('Password', { exact: true }).fill(login.password);
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByText('Connected to Factor login.')).toBeVisible({ timeout: 20_000 });
  await expect(code).toHaveCount(0);

  const table = await showAccountsOf(page, 'Factor login');
  await expect(table.getByText('Factor Bakery')).toBeVisible({ timeout: 20_000 });

  // Signing in again (as after a refused refresh) asks for the code in the same way.
  await navButton(page, 'Connections').click();
  const item = page.getByRole('list', { name: 'Connected providers' }).getByRole('listitem', { name: 'Factor login' });
  await item.getByRole('button', { name: 'Sign in again to Factor login' }).click();
  const again = item.getByRole('form', { name: 'Sign in again to Factor login' });
  const againCode = again.getByLabel('Two-factor code');
  await expect(againCode).toHaveCount(0);
  await again.getByLabel(`Password for ${login.email}`).fill(login.password);
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(again.getByRole('alert')).toHaveText(/asks for a two-factor code for this login/, { timeout: 20_000 });
  await expect(againCode).toBeFocused();
  await againCode.fill(await codeAt(enrolment.secret, 1));
  await again.getByLabel(`Password for ${login.email}`).fill(login.password);
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(item.getByText('Signed in to Factor login again.')).toBeVisible({ timeout: 20_000 });
});
