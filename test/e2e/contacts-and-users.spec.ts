import type { Page } from '@playwright/test';
import { demoProviderUrl, openDetail, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

// The demo agency owns this account, so the demo connection alone runs its team.
const ACCOUNT = 'Pixelwerk Studio';

async function openTab(page: Page, tab: string) {
  await openDetail(page, null, ACCOUNT);
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
}

test('an owner keeps contacts and the mail each one gets, and turns a contact into a user', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  await openTab(page, 'Contacts');
  await expect(page.getByRole('heading', { name: 'No contacts yet' })).toBeVisible();

  const add = async (name: string, email: string, extra: () => Promise<void> = async () => undefined) => {
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a contact' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await extra();
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `${name} was added.` })).toBeVisible();
  };
  await add('Anna Rossi', 'amministrazione@pixelwerk.example', async () => {
    const dialog = page.getByRole('dialog', { name: 'Add a contact' });
    await dialog.getByRole('textbox', { name: 'Company' }).fill('Pixelwerk Studio');
    // New contacts get general mail; this one handles the invoices too.
    await expect(dialog.getByRole('checkbox', { name: /^General/ })).toBeChecked();
    await dialog.getByRole('checkbox', { name: /^Billing/ }).check();
  });
  await add('Paolo Greco', 'paolo@greco-it.example');

  const pref = (kind: string, name: string) => page.getByRole('checkbox', { name: `${kind} mail for ${name}` });
  await expect(pref('Billing', 'Anna Rossi')).toBeChecked();
  await expect(pref('Support', 'Anna Rossi')).not.toBeChecked();
  await pref('Support', 'Anna Rossi').check();
  await pref('General', 'Paolo Greco').uncheck();
  await pref('Domains', 'Paolo Greco').check();

  // Saved at the provider: a fresh start shows the same ticks.
  await page.reload();
  await openTab(page, 'Contacts');
  await expect(pref('Support', 'Anna Rossi')).toBeChecked();
  await expect(pref('Billing', 'Anna Rossi')).toBeChecked();
  await expect(pref('General', 'Paolo Greco')).not.toBeChecked();
  await expect(pref('Domains', 'Paolo Greco')).toBeChecked();

  await page.getByRole('button', { name: 'Edit Anna Rossi' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Anna Rossi' });
  await edit.getByRole('textbox', { name: 'Phone' }).fill('+39 051 555 0101');
  await edit.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Anna Rossi was saved.' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Anna Rossi/ })).toContainText('+39 051 555 0101');

  await page.getByRole('button', { name: 'Delete Paolo Greco' }).click();
  await page.getByRole('dialog', { name: 'Delete Paolo Greco?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paolo Greco was deleted.' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Paolo Greco/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Promote Anna Rossi to user' }).click();
  const promote = page.getByRole('dialog', { name: 'Give Anna Rossi access to the panel' });
  await promote.getByRole('radio', { name: 'Accountant' }).check();
  await promote.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent to Anna Rossi at amministrazione@pixelwerk.example.' })).toBeVisible();
  await page.getByRole('tab', { name: /^Invitations/ }).click();
  await expect(page.getByRole('listitem', { name: 'amministrazione@pixelwerk.example' })).toContainText('Accountant');
});

test('an owner creates several users in one form, with and without the activation mail', async ({ web, page, context }) => {
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  const outbox = await context.newPage();
  const mailsTo = async (email: string) => {
    await outbox.goto(`${provider}/panel/dev/mail?to=${encodeURIComponent(email)}`);
    return outbox.getByRole('row').filter({ hasText: email });
  };

  await openTab(page, 'New users');
  const form = page.getByRole('form', { name: 'Create users' });
  await form.getByRole('textbox', { name: 'Name, person 1' }).fill('Chiara Rinaldi');
  await form.getByRole('textbox', { name: 'Login email, person 1' }).fill('chiara@pixelwerk-studio.example');
  await form.getByRole('button', { name: 'Add another person' }).click();
  await expect(form.getByRole('textbox', { name: 'Name, person 2' })).toBeFocused();
  await page.keyboard.type('Davide Moretti');
  await form.getByRole('textbox', { name: 'Login email, person 2' }).fill('davide@pixelwerk-studio.example');
  await form.getByRole('combobox', { name: 'Permissions, person 2' }).selectOption({ label: 'Web developer' });
  await expect(form.getByRole('radio', { name: /^Send the activation mail now/ })).toBeChecked();
  await form.getByRole('button', { name: 'Create 2 users' }).click();
  await expect(form.getByRole('status')).toHaveText('Created 2 users: Chiara Rinaldi, Davide Moretti. The activation mails are on their way.');

  await form.getByRole('textbox', { name: 'Name, person 1' }).fill('Elena Ferri');
  await form.getByRole('textbox', { name: 'Login email, person 1' }).fill('elena@pixelwerk-studio.example');
  await form.getByRole('radio', { name: /^Don't send it yet/ }).check();
  await form.getByRole('button', { name: 'Create 1 user' }).click();
  await expect(form.getByRole('status')).toHaveText(/^Created 1 user: Elena Ferri\. No activation mail was sent/);

  await expect(await mailsTo('chiara@pixelwerk-studio.example')).toHaveCount(1);
  await expect(await mailsTo('davide@pixelwerk-studio.example')).toHaveCount(1);
  await expect(await mailsTo('elena@pixelwerk-studio.example')).toHaveCount(0);
  await expect(outbox.getByText('No mails to elena@pixelwerk-studio.example yet.')).toBeVisible();

  await page.getByRole('tab', { name: /^People/ }).click();
  const elena = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Elena Ferri/ }) });
  await expect(elena).toContainText('Not activated');
  await expect(elena).toContainText('Created by the owner');
  await expect(elena).toContainText('Support only');
  await expect(page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Davide Moretti/ }) })).toContainText('Web developer');
  await elena.getByRole('button', { name: 'Send activation mail to Elena Ferri' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Activation mail sent to Elena Ferri (elena@pixelwerk-studio.example).' })).toBeVisible();
  await expect(await mailsTo('elena@pixelwerk-studio.example')).toHaveCount(1);

  await page.getByRole('tab', { name: /^Activity/ }).click();
  const activity = page.getByRole('list', { name: 'Activity' });
  await expect(activity.getByText('Pixelwerk Agency created the user elena@pixelwerk-studio.example')).toBeVisible();
  await expect(activity.getByText('Pixelwerk Agency sent the activation mail to elena@pixelwerk-studio.example')).toBeVisible();
});
