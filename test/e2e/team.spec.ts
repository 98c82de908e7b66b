import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { addConnection, createLogin, demoProviderUrl, escapeRegExp, navButton, openDetail, showAccountsOf, startWithDemo, syncNow } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

const ACCOUNT = 'Bellini Ristorante';

test('an owner gives a webmaster access, the webmaster works in the panel, and the owner takes it back', async ({ web, page }) => {
  test.setTimeout(180_000);
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  const webmaster = { email: `wanda-${Date.now()}@freelance-dev.example`, password: 'Webmaster-Test-2024!', name: 'Wanda Webmaster', customerNumber: '770001' };
  await createLogin(provider, web.adminKey, webmaster);
  // Two more logins at the same provider: the restaurant's owner and the webmaster.
  await addConnection(page, provider, DEMO_LOGINS.owner, 'Bellini owner');
  await addConnection(page, provider, webmaster, 'Webmaster login');

  const ownerInvites = async () => {
    await openDetail(page, 'Bellini owner', ACCOUNT);
    await page.getByRole('tab', { name: /^Invitations/ }).click();
    return page.getByRole('form', { name: 'Invite someone' });
  };
  const webmasterInvitation = () => page.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem').filter({ hasText: 'at Webmaster login' });

  await test.step('the owner invites by customer number, with consent; the webmaster declines', async () => {
    const form = await ownerInvites();
    await form.getByRole('radio', { name: 'Customer number' }).check();
    await form.getByRole('textbox', { name: 'Customer number' }).fill(webmaster.customerNumber);
    await form.getByRole('radio', { name: 'Support only' }).check();
    await form.getByRole('button', { name: 'Send invitation' }).click();
    // Without the consent box ticked nothing is sent, and the form says why.
    await expect(form.getByText('Confirm that the person agreed before you invite them by customer number.')).toBeVisible();
    await form.getByRole('checkbox', { name: /asked me to give them access to Bellini Ristorante/ }).check();
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect(form.getByRole('status')).toHaveText(`Invitation sent to customer number ${webmaster.customerNumber}. It expires in 7 days.`);
    await expect(page.getByRole('listitem', { name: `Customer no. ${webmaster.customerNumber}` })).toContainText('Expires in 7 days');

    await syncNow(page);
    await navButton(page, 'Invitations').click();
    await expect(webmasterInvitation()).toContainText('Invited by Giulia Bellini');
    await expect(webmasterInvitation().getByRole('list', { name: 'Permissions' })).toHaveText('Support tickets');
    await webmasterInvitation()
      .getByRole('button', { name: `Decline invitation to ${ACCOUNT}` })
      .click();
    const confirm = page.getByRole('dialog', { name: `Decline the invitation to ${ACCOUNT}?` });
    await expect(confirm).toContainText('Giulia Bellini');
    await confirm.getByRole('button', { name: 'Decline invitation' }).click();
    await expect(page.getByRole('status').filter({ hasText: `You declined the invitation to ${ACCOUNT}.` })).toBeVisible();
    await expect(webmasterInvitation()).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Earlier invitations' }).getByRole('listitem').filter({ hasText: 'at Webmaster login' })).toContainText(
      'Declined',
    );
  });

  await test.step('an expired invitation is shown as expired, with nothing to answer', async () => {
    const expired = page.getByRole('region', { name: 'Earlier invitations' }).getByRole('listitem').filter({ hasText: 'Hotel Miramare' });
    await expect(expired).toContainText('Expired');
    await expect(expired.getByRole('button')).toHaveCount(0);
  });

  await test.step('the owner invites the webmaster by email with chosen permissions; the webmaster accepts', async () => {
    const form = await ownerInvites();
    await form.getByRole('textbox', { name: 'Email address' }).fill(webmaster.email);
    await form.getByRole('radio', { name: 'Web developer' }).check();
    await form.getByRole('checkbox', { name: 'Sign in to service panels' }).uncheck();
    await expect(form.getByRole('radio', { name: 'Custom', exact: true })).toBeChecked();
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect(form.getByRole('status')).toHaveText(`Invitation sent to ${webmaster.email}. It expires in 7 days.`);
    await expect(page.getByRole('listitem', { name: webmaster.email })).toContainText('Expires in 7 days');

    await syncNow(page);
    await navButton(page, 'Invitations').click();
    const chips = webmasterInvitation().getByRole('list', { name: 'Permissions' });
    await expect(chips.getByRole('listitem')).toHaveText(['See services', 'Manage services', 'See domains', 'Manage domains', 'Support tickets']);
    await webmasterInvitation()
      .getByRole('button', { name: `Accept invitation to ${ACCOUNT}` })
      .click();
    await expect(page.getByRole('status').filter({ hasText: `You joined ${ACCOUNT}.` })).toBeVisible();
  });

  await test.step('the webmaster opens the panel in one action and opens a ticket, marked as from an authorized user', async () => {
    const table = await showAccountsOf(page, 'Webmaster login', 'bellini');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('cell', { name: 'Member', exact: true })).toBeVisible();
    const popupPromise = page.waitForEvent('popup');
    await table.getByRole('button', { name: `Open panel for ${ACCOUNT}`, exact: true }).click();
    const panel = await popupPromise;
    await panel.waitForLoadState();
    await expect(panel.getByRole('heading', { name: new RegExp(escapeRegExp(ACCOUNT)) }).first()).toBeVisible();
    await expect(panel.getByText(new RegExp(`Signed in as ${webmaster.name}`))).toBeVisible();

    await panel.getByRole('link', { name: /new ticket/i }).click();
    await panel.getByRole('textbox', { name: 'Subject' }).fill('The menu page shows last week’s specials');
    await panel.getByRole('textbox', { name: 'Message' }).fill('Please clear the page cache on the web server.');
    await panel.getByRole('button', { name: /open ticket|send/i }).click();
    await expect(panel.getByText('The menu page shows last week’s specials').first()).toBeVisible();
    await expect(panel.getByText(`${webmaster.name} (authorized user)`).first()).toBeVisible();
    await panel.close();
  });

  await test.step('the owner revokes, naming who loses what; after the next sync the account leaves the webmaster’s list', async () => {
    await openDetail(page, 'Bellini owner', ACCOUNT);
    await page.getByRole('button', { name: `Revoke access of ${webmaster.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke access of ${webmaster.name}?` });
    await expect(dialog).toContainText(`${webmaster.name} (${webmaster.email}) loses access to ${ACCOUNT} at once.`);
    await expect(dialog.getByRole('list', { name: `${webmaster.name} can no longer:` }).getByRole('listitem')).toHaveText([
      'See services',
      'Manage services',
      'See domains',
      'Manage domains',
      'Support tickets',
    ]);
    await dialog.getByRole('button', { name: 'Revoke access' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `${webmaster.name} no longer has access to ${ACCOUNT}.` })).toBeVisible();
    await expect(page.getByRole('button', { name: `Revoke access of ${webmaster.name}` })).toHaveCount(0);

    const table = await showAccountsOf(page, 'Webmaster login', 'bellini');
    await expect(table.getByRole('button', { name: `Open panel for ${ACCOUNT}`, exact: true })).toBeVisible();
    await syncNow(page);
    await expect(page.getByRole('heading', { name: 'No account matches' })).toBeVisible();
  });
});
