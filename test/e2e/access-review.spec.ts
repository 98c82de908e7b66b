import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { addConnection, demoProviderUrl, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

/** The provider's API as the account's owner: to read the server's state, not the app's, and to set a policy. */
async function asOwner(provider: string, login: { email: string; password: string }, accountName: string) {
  const json = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${provider}/api/v1${path}`, init);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const { accessToken } = await json('/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  const auth = { headers: { Authorization: `Bearer ${accessToken}` } };
  const accounts = await json('/accounts?limit=200', auth);
  const account = accounts.items.find((a: { name: string }) => a.name === accountName);
  return {
    users: async (): Promise<string[]> => (await json(`/accounts/${account.id}/users`, auth)).items.map((u: { email: string }) => u.email),
    allowDomains: (domains: string[]) =>
      json(`/accounts/${account.id}/invitation-domains`, {
        method: 'PUT',
        headers: { ...auth.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ domains }),
      }),
  };
}

async function openReview(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Access review' }).click();
  const table = page.getByRole('table', { name: 'Everyone with access' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  return table;
}

test('the access review filters across connections, exports what it shows, and revokes from a row', async ({ web, page }) => {
  test.setTimeout(150_000);
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  await addConnection(page, provider, DEMO_LOGINS.owner, 'Bellini owner');
  const table = await openReview(page);
  const search = page.getByRole('searchbox', { name: 'Search people and accounts' });
  const filters = page.getByRole('group', { name: 'Filters' });
  const count = page.getByRole('status').filter({ hasText: /shown|accesses across/ });

  await test.step('everyone with access, across both connections, grouped by account', async () => {
    await expect(count).toContainText(/accesses across \d+ accounts you run/);
    await search.fill('Bellini Ristorante');
    // Giulia owns it; the agency's login does not run it: its people come from the owner's connection.
    await expect(table.getByRole('rowheader')).toHaveText([/^Bellini Ristorante\s*Bellini owner/]);
    const people = table.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(people).toHaveCount(6);
    await expect(table.getByRole('row').filter({ hasText: 'Giulia Bellini' }).getByRole('cell').nth(6)).toHaveText('—');
    await expect(table.getByRole('row').filter({ hasText: 'Giulia Bellini' }).getByLabel('Not told').first()).toHaveAttribute(
      'title',
      'This provider does not tell.',
    );
  });

  await test.step('the "all permissions" filter finds the admins who hold everything, in both connections', async () => {
    await search.fill('');
    await filters.getByRole('checkbox', { name: 'All permissions' }).check();
    await expect(count).toContainText(/^\d+ of \d+ shown$/);
    // Who is shown: Marco at the owner's connection, and the agency's own login (marked as the user, with nothing to revoke).
    const people = await table
      .getByRole('row')
      .filter({ has: page.getByRole('cell') })
      .locator('[role=cell]:first-child')
      .allTextContents();
    expect(people.length).toBeGreaterThan(1);
    expect(people.filter((p) => !/^(Marco Bellinimarco@|Pixelwerk Agency · youagency@)/.test(p))).toEqual([]);
    expect(people.filter((p) => p.startsWith('Marco Bellini'))).toHaveLength(1);
    await expect(table.getByRole('button', { name: /^Revoke the access of Pixelwerk Agency/ })).toHaveCount(0);
    await filters.getByRole('radio', { name: 'By person' }).check();
    // One heading per person (by email, so one login at several providers stays one group).
    await expect(table.getByRole('rowheader')).toHaveText([/^Pixelwerk Agency\s*agency@pixelwerk\.example/, /^Marco Bellini\s*marco@/]);
  });

  await test.step('after the owner restricts the invitation domains, Refresh flags who is outside them', async () => {
    await (await asOwner(provider, DEMO_LOGINS.owner, 'Bellini Ristorante')).allowDomains(['bellini-ristorante.example']);
    await filters.getByRole('checkbox', { name: 'All permissions' }).uncheck();
    await filters.getByRole('checkbox', { name: 'Outside allowed domains' }).check();
    await expect(page.getByText('No access matches these filters')).toBeVisible();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(table.getByRole('rowheader')).toHaveText([/^Sara Ricci/]);
    await expect(table.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(1);
    await filters.getByRole('checkbox', { name: 'Outside allowed domains' }).uncheck();
    await filters.getByRole('checkbox', { name: 'All permissions' }).check();
  });

  await test.step('Export CSV saves exactly what is shown', async () => {
    await search.fill('marco');
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^access-review-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Person,Email,Account,Provider,Role,Permissions,Granted,Granted by,Last login,2FA,Expires');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^Marco Bellini,marco@bellini-ristorante\.example,Bellini Ristorante,Bellini owner,admin,profile\.manage .*users\.manage,\d{4}-\d{2}-\d{2}T[^,]+,,,,$/,
    );
    await expect(page.getByRole('status').filter({ hasText: 'Exported 1 access to CSV.' })).toBeVisible();
  });

  await test.step('the printed page is the shown accesses alone, in a plain table', async () => {
    // What the browser fires before it lays the page out for print (the Print button calls window.print()).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const printed = page.getByRole('region', { name: 'Access review' });
    await expect(printed.getByRole('row')).toHaveCount(2);
    await expect(printed.getByRole('row').nth(1)).toContainText('Marco Bellini');
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeHidden();
    await expect(table).toBeHidden();
    await page.screenshot({ path: 'test-results/access-review-print.png' });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect(printed).toHaveCount(0);
  });

  await test.step('revoking from a row asks as account detail does, removes the row and the access at the provider', async () => {
    await filters.getByRole('checkbox', { name: 'All permissions' }).uncheck();
    await search.fill('luigi');
    await expect(table.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(1);
    expect(await (await asOwner(provider, DEMO_LOGINS.owner, 'Bellini Ristorante')).users()).toContain('luigi@bellini-ristorante.example');

    await table.getByRole('button', { name: 'Revoke the access of Luigi Esposito to Bellini Ristorante' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke access of Luigi Esposito?' });
    await expect(confirm).toContainText('Luigi Esposito (luigi@bellini-ristorante.example) loses access to Bellini Ristorante at once.');
    await expect(confirm.getByRole('list', { name: 'Luigi Esposito can no longer:' })).toHaveText('Support tickets');
    await confirm.getByRole('button', { name: 'Revoke access' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Luigi Esposito no longer has access to Bellini Ristorante.' })).toBeVisible();
    await expect(table).toHaveCount(0);
    await expect(page.getByText('No access matches these filters')).toBeVisible();
    expect(await (await asOwner(provider, DEMO_LOGINS.owner, 'Bellini Ristorante')).users()).not.toContain('luigi@bellini-ristorante.example');

    // Main keeps its review in step too: the row stays gone after the view is left and opened again.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Accounts' }).click();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Access review' }).click();
    await expect(page.getByText('No access matches these filters')).toBeVisible();
    await search.fill('bellini-ristorante');
    await expect(table.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(4);
    await expect(table.getByText('Luigi Esposito')).toHaveCount(0);
  });

  await test.step('changing permissions from a row saves them at the provider and updates the row', async () => {
    await search.fill('sara');
    const row = table.getByRole('row').filter({ hasText: 'Sara Ricci' });
    await expect(row.getByRole('cell').nth(4)).toHaveText('Accountant');
    await row.getByRole('button', { name: 'Change the access of Sara Ricci to Bellini Ristorante' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the access of Sara Ricci to Bellini Ristorante' });
    await dialog.getByRole('checkbox', { name: 'Support tickets' }).check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Saved the access of Sara Ricci to Bellini Ristorante. It applies at once.' })).toBeVisible();
    await expect(row.getByRole('cell').nth(4)).not.toHaveText('Accountant');
    await expect(row.getByRole('cell').nth(4).locator('[title]')).toHaveAttribute('title', /Support tickets/);
    await page.screenshot({ path: 'test-results/access-review.png' });
  });
});
