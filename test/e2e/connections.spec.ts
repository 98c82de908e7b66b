import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { addConnection, demoProviderUrl, showAccountsOf, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('a connection can be renamed, signed in again and removed, and says how it is doing', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  await addConnection(page, provider, DEMO_LOGINS.owner, 'Bellini owner');
  const list = page.getByRole('list', { name: 'Connected providers' });
  const owner = list.getByRole('listitem', { name: 'Bellini owner' });
  await expect(owner).toContainText(/Synced at \d/);
  await expect(owner).toContainText('Manage users');

  await owner.getByRole('button', { name: 'Rename Bellini owner' }).click();
  const rename = page.getByRole('form', { name: 'Rename Bellini owner' });
  await rename.getByRole('textbox', { name: 'New name' }).fill('Giulia at Bellini');
  await rename.getByRole('button', { name: 'Save' }).click();
  const renamed = list.getByRole('listitem', { name: 'Giulia at Bellini' });
  await expect(renamed.getByRole('status')).toHaveText('Renamed to Giulia at Bellini.');
  await expect(page.getByRole('contentinfo')).toContainText('Giulia at Bellini');
  await expect((await showAccountsOf(page, 'Giulia at Bellini')).getByRole('cell', { name: 'Giulia at Bellini' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Connections' }).click();
  await renamed.getByRole('button', { name: 'Sign in again to Giulia at Bellini' }).click();
  const signIn = page.getByRole('form', { name: 'Sign in again to Giulia at Bellini' });
  await signIn.getByLabel(`Password for ${DEMO_LOGINS.owner.email}`).fill('Not-Her-Password-1!');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toContainText(/not right/);
  await expect(signIn.getByLabel(`Password for ${DEMO_LOGINS.owner.email}`)).toHaveValue('');
  await signIn.getByLabel(`Password for ${DEMO_LOGINS.owner.email}`).fill(DEMO_LOGINS.owner.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(renamed.getByRole('status')).toHaveText('Signed in to Giulia at Bellini again.');

  await renamed.getByRole('button', { name: 'Remove Giulia at Bellini' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Giulia at Bellini?' });
  await expect(dialog).toContainText('Its accounts leave the list; nothing changes at the provider.');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const table = await showAccountsOf(page, null, 'bellini');
  await expect(table.getByRole('cell', { name: 'Giulia at Bellini' })).toHaveCount(0);
});
