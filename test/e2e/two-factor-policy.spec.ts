import { generate } from 'otplib';
import { addConnection, createLogin, demoProviderUrl, navButton, showAccountsOf, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

/** A call to the provider's API as the test, not as the app. */
async function api(providerUrl: string, method: string, path: string, body: unknown, token: string): Promise<Record<string, any>> {
  const response = await fetch(`${providerUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, any>;
}

async function session(providerUrl: string, email: string, password: string): Promise<{ accessToken: string }> {
  const response = await fetch(`${providerUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return (await response.json()) as { accessToken: string };
}

test('an account that requires two-factor sign-in is marked for a login without it, and a backup code signs in the owner', async ({ web, page }) => {
  test.setTimeout(120_000);
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  const stamp = Date.now();
  const owner = { email: `olga-${stamp}@policy.example`, password: 'Two-Factor-Owner-2024!', name: 'Olga Policy' };
  const member = { email: `max-${stamp}@policy.example`, password: 'No-Second-Factor-2024!', name: 'Max Member' };
  await createLogin(provider, web.adminKey, owner);
  await createLogin(provider, web.adminKey, member);
  const account = await api(provider, 'POST', '/admin/accounts', { name: 'Strict Studio', ownerEmail: owner.email }, web.adminKey);

  // The owner turns on two-factor sign-in, keeps the backup codes, and requires it on the account.
  const ownerSession = await session(provider, owner.email, owner.password);
  const enrolment = await api(provider, 'POST', '/me/two-factor/enrolment', {}, ownerSession.accessToken);
  const code = await generate({ secret: enrolment.secret, epoch: Math.floor(Date.now() / 1000) });
  const { backupCodes } = await api(provider, 'POST', '/me/two-factor/confirmation', { code }, ownerSession.accessToken);
  await api(provider, 'PUT', `/accounts/${account.id}/two-factor-policy`, { required: true }, ownerSession.accessToken);
  const invitation = await api(
    provider,
    'POST',
    `/accounts/${account.id}/invitations`,
    { email: member.email, permissions: ['tickets'] },
    ownerSession.accessToken,
  );
  const memberSession = await session(provider, member.email, member.password);
  await api(provider, 'POST', `/invitations/${invitation.id}/accept`, {}, memberSession.accessToken);

  // The member's list says what to do before anything is refused.
  await addConnection(page, provider, member, 'Max at the provider');
  const memberRows = await showAccountsOf(page, 'Max at the provider', 'Strict Studio');
  const row = memberRows.getByRole('row').filter({ hasText: 'Strict Studio' });
  await expect(row.getByRole('cell', { name: /This account requires two-factor sign-in, and your login does not have it/ })).toBeVisible();
  await expect(row.getByText('needs 2FA')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('needs-two-factor.png') });
  await memberRows.getByRole('button', { name: 'Details of Strict Studio', exact: true }).click();
  await expect(page.getByText(/requires two-factor sign-in for everyone with access, and your login does not have it/)).toBeVisible();

  // The owner, away from the phone, signs in with a backup code instead.
  await navButton(page, 'Connections').click();
  const form = page.getByRole('form', { name: 'Add a provider' });
  await form.getByLabel('Provider URL').fill(provider);
  await form.getByLabel('Email', { exact: true }).fill(owner.email);
  await form.getByLabel('Password', { exact: true }).fill(owner.password);
  await form.getByLabel('Name (optional)').fill('Olga at the provider');
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByRole('alert')).toHaveText(/asks for a two-factor code for this login/, { timeout: 20_000 });
  await form.getByRole('button', { name: 'Use a backup code instead' }).click();
  const backup = form.getByLabel('Backup code');
  await expect(backup).toBeFocused();
  await backup.fill(backupCodes[0]);
  await form.getByLabel('Password', { exact: true }).fill(owner.password);
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByText('Connected to Olga at the provider.')).toBeVisible({ timeout: 20_000 });

  // The owner has two-factor sign-in on: no mark on the same account in their list.
  const ownerRows = await showAccountsOf(page, 'Olga at the provider', 'Strict Studio');
  const ownerRow = ownerRows.getByRole('row').filter({ hasText: 'Strict Studio' });
  await expect(ownerRow).toBeVisible({ timeout: 20_000 });
  await expect(ownerRow).not.toContainText('needs 2FA');
  await expect(ownerRow).not.toContainText('requires two-factor sign-in');
});
