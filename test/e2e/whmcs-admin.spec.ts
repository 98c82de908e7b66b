import { allAccountNames, navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';
import { STAND_IN_CREDENTIAL, startAdminStandIn } from '../whmcs-stand-in/admin/server.js';

test('a WHMCS admin-API connection is added in the form, and its clients show beside the demo provider’s accounts', async ({ web, page }) => {
  const standIn = await startAdminStandIn({ clients: 3 });
  try {
    await startWithDemo(page, web.url);
    await navButton(page, 'Connections').click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Provider type').selectOption('whmcs-admin');
    await form.getByLabel('Provider URL').fill(standIn.url);
    await form.getByLabel('API identifier').fill(STAND_IN_CREDENTIAL.identifier);
    await form.getByLabel('API secret').fill(STAND_IN_CREDENTIAL.secret);
    await form.getByLabel('Name (optional)').fill('WHMCS billing');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await expect(form.getByRole('status')).toHaveText('Connected to WHMCS billing.', { timeout: 30_000 });
    await expect(form.getByLabel('API secret')).toHaveValue('');

    await navButton(page, 'Accounts').click();
    await expect(page.getByRole('table', { name: 'Accounts' }).getByText('Company 3 Ltd')).toBeVisible({ timeout: 30_000 });
    const names = await allAccountNames(page);
    expect(names).toEqual(expect.arrayContaining(['Client1 Example', 'Client2 Example', 'Company 3 Ltd']));
    expect(names.length).toBeGreaterThan(3);
  } finally {
    await standIn.close();
  }
});

test('a WHMCS installation that restricts API IPs is added with its access key, and says why without it', async ({ web, page }) => {
  const standIn = await startAdminStandIn({ clients: 2, allowedIps: ['203.0.113.9'], accessKey: 'k3y-of-the-install' });
  try {
    await startWithDemo(page, web.url);
    await navButton(page, 'Connections').click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await expect(form.getByLabel('API access key (optional)')).toHaveCount(0);
    await form.getByLabel('Provider type').selectOption('whmcs-admin');
    await form.getByLabel('Provider URL').fill(standIn.url);
    await form.getByLabel('API identifier').fill(STAND_IN_CREDENTIAL.identifier);
    await form.getByLabel('API secret').fill(STAND_IN_CREDENTIAL.secret);
    await form.getByRole('button', { name: 'Add provider' }).click();
    await expect(form.getByRole('alert')).toContainText('Invalid IP 127.0.0.1', { timeout: 30_000 });

    await form.getByLabel('API secret').fill(STAND_IN_CREDENTIAL.secret);
    await form.getByLabel('API access key (optional)').fill('k3y-of-the-install');
    await form.getByLabel('Name (optional)').fill('Restricted billing');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await expect(form.getByRole('status')).toHaveText('Connected to Restricted billing.', { timeout: 30_000 });
    await expect(form.getByLabel('API access key (optional)')).toHaveValue('');
    await page.screenshot({ path: 'test-results/whmcs-admin-access-key.png', fullPage: true });
  } finally {
    await standIn.close();
  }
});
