import { navButton, openDetail, showAccountsOf, startWithDemo, syncNow } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';
import { startWhmcsClientArea } from '../whmcs-stand-in/client-area/server.js';
import { AGENCY_EMAIL, displayName, STAND_IN_PASSWORD } from '../whmcs-stand-in/client-area/state.js';

test('a WHMCS owner sees counts once read, invites a user with chosen permissions, and opens the panel in a browser tab told to sign in', async ({
  web,
  page,
}) => {
  test.setTimeout(120_000);
  const standIn = await startWhmcsClientArea({ accounts: 4 });
  const owned = standIn.state.clients[0]!;
  const name = displayName(owned);
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

    // The first sync lists the accounts before their home pages were read: not counted, not zero.
    const table = await showAccountsOf(page, 'My host', name);
    const row = table.getByRole('row').filter({ hasText: name });
    await expect(row.getByText('Not counted yet').first()).toBeAttached({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/whmcs-counts-pending.png' });
    await expect
      .poll(
        async () => {
          await syncNow(page);
          return row.getByText('Not counted yet').count();
        },
        { timeout: 30_000 },
      )
      .toBe(0);
    await expect(row.getByRole('cell', { name: String(owned.counts.unpaidInvoices), exact: true }).first()).toBeVisible();

    // A browser tab cannot take the app's WHMCS session: it opens Switch Account, and the app says so.
    const popup = page.waitForEvent('popup');
    await table.getByRole('button', { name: `Open panel for ${name}` }).click();
    const tab = await popup;
    // Signed out, the tab's request for Switch Account is sent to the client area's sign-in.
    await expect(tab.locator('input[name="username"]')).toBeVisible();
    expect(tab.url().startsWith(`${standIn.url}/index.php?rp=/`)).toBe(true);
    await tab.close();
    await expect(page.getByRole('status').filter({ hasText: 'Sign in there, then choose' })).toContainText(name);
    await page.screenshot({ path: 'test-results/whmcs-panel-in-browser.png' });

    // Invite with chosen permissions: the web developer preset, as WHMCS's own keys.
    await openDetail(page, 'My host', name);
    await page.getByRole('tab', { name: /^Invitations/ }).click();
    const invite = page.getByRole('form', { name: 'Invite someone' });
    await invite.getByRole('textbox', { name: 'Email address' }).fill('webdev@example.test');
    await expect(invite.getByRole('radio', { name: 'Web developer' })).toBeChecked();
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect(invite.getByRole('status')).toContainText('Invitation sent to webdev@example.test', { timeout: 30_000 });
    const sent = standIn.state.invites.find((i) => i.email === 'webdev@example.test' && i.clientId === owned.id);
    expect(sent?.permissions.slice().sort()).toEqual(['domains', 'managedomains', 'manageproducts', 'products', 'productsso', 'tickets']);
  } finally {
    await standIn.close();
  }
});
