import { allAccountNames, navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';
import { startWhmcsClientArea } from '../whmcs-stand-in/client-area/server.js';
import { AGENCY_EMAIL, displayName, STAND_IN_PASSWORD } from '../whmcs-stand-in/client-area/state.js';

test('a WHMCS client-area login is added in the form, and its accounts show beside the demo provider’s', async ({ web, page }) => {
  const standIn = await startWhmcsClientArea({ accounts: 4 });
  try {
    await startWithDemo(page, web.url);
    await navButton(page, 'Connections').click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Provider type').selectOption('whmcs');
    await form.getByLabel('Provider URL').fill(standIn.url);
    await form.getByLabel('Email').fill(AGENCY_EMAIL);
    await form.getByLabel('Password').fill(STAND_IN_PASSWORD);
    await form.getByLabel('Name (optional)').fill('My host');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await expect(form.getByRole('status')).toHaveText('Connected to My host.', { timeout: 30_000 });
    await expect(form.getByLabel('Password')).toHaveValue('');

    await navButton(page, 'Accounts').click();
    const reachable = standIn.state.clients.filter((c) => c.status === 'Active').map(displayName);
    await expect(page.getByRole('table', { name: 'Accounts' }).getByText(reachable[0]!)).toBeVisible({ timeout: 30_000 });
    const names = await allAccountNames(page);
    expect(names).toEqual(expect.arrayContaining(reachable));
    expect(names.length).toBeGreaterThan(reachable.length);
  } finally {
    await standIn.close();
  }
});
