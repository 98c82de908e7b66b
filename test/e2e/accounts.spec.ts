import { navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('the accounts list searches, filters, sorts, keeps favourites and recently opened accounts', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  const table = page.getByRole('table', { name: 'Accounts' });
  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  const count = page.getByRole('status').filter({ hasText: /shown$|accounts$/ });
  const names = () =>
    table
      .getByRole('button', { name: /^Open panel for / })
      .evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? '').replace(/^Open panel for /, '')));
  const total = Number(((await count.textContent()) ?? '').replace(/\D/g, ''));

  await test.step('search by name, ignoring case and accents', async () => {
    await search.fill('cafe lumiere');
    await expect.poll(names).toEqual(['Café Lumière']);
    await expect(count).toHaveText(`1 of ${total} shown`);
    await search.fill('');
  });

  await test.step('filter by role, by permission and by what needs attention', async () => {
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Owner' });
    await expect.poll(names).toEqual(['Pixelwerk Client Staging', 'Pixelwerk Hosting Lab', 'Pixelwerk Studio']);
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'All roles' });
    await page.getByRole('combobox', { name: 'Permission' }).selectOption({ label: 'Invoices' });
    // The filter applies on the next render: wait for it before reading the list.
    await expect.poll(names).not.toContain('Kowalczyk Logistics');
    expect(await names()).toContain('Café Lumière');
    await page.getByRole('combobox', { name: 'Permission' }).selectOption({ label: 'Any permission' });
    await expect(count).toHaveText(`${total} accounts`);
    await page.getByRole('checkbox', { name: /^Needs attention/ }).check();
    await expect(count).toHaveText(/ of \d+ shown$/);
    for (const row of await table.getByRole('row').all()) {
      if ((await row.getAttribute('aria-rowindex')) === '1') continue;
      const [domains, invoices] = await Promise.all([row.getByRole('cell').nth(6).textContent(), row.getByRole('cell').nth(7).textContent()]);
      expect(Number(domains) + Number(invoices)).toBeGreaterThan(0);
    }
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count).toHaveText(`${total} accounts`);
  });

  await test.step('sort by a column, and back', async () => {
    await table.getByRole('columnheader', { name: 'Services' }).getByRole('button').click();
    await expect(table.getByRole('columnheader', { name: 'Services' })).toHaveAttribute('aria-sort', 'descending');
    const services = await table.getByRole('row').evaluateAll((rows) => rows.slice(1).map((r) => Number(r.querySelectorAll('[role="cell"]')[5]?.textContent)));
    expect(services).toEqual([...services].sort((a, b) => b - a));
    await table.getByRole('columnheader', { name: 'Customer' }).getByRole('button').click();
    await expect(table.getByRole('columnheader', { name: 'Customer' })).toHaveAttribute('aria-sort', 'ascending');
  });

  await test.step('favourites and recently opened', async () => {
    await page.getByRole('radio', { name: 'Favourites' }).check();
    await expect(page.getByRole('heading', { name: 'No favourites yet' })).toBeVisible();
    await page.getByRole('button', { name: 'Show all accounts' }).click();
    await table.getByRole('button', { name: 'Favourite Hafenblick Hotel' }).click();
    await expect(table.getByRole('button', { name: 'Favourite Hafenblick Hotel' })).toHaveAttribute('aria-pressed', 'true');
    const popupPromise = page.waitForEvent('popup');
    await table.getByRole('button', { name: 'Open panel for Galleria Verdi' }).click();
    await (await popupPromise).close();

    // Both are kept by main: they survive a fresh start.
    await page.reload();
    await page.getByRole('radio', { name: 'Favourites' }).check();
    await expect.poll(names).toEqual(['Hafenblick Hotel']);
    await page.getByRole('radio', { name: 'Recent' }).check();
    await expect.poll(names).toEqual(['Galleria Verdi']);
    await expect(table.getByRole('row').nth(1)).not.toContainText('—');
    await page.getByRole('radio', { name: 'All' }).check();
    await expect(count).toHaveText(`${total} accounts`);
  });

  await test.step('an account’s detail opens from its row, by keyboard too', async () => {
    await table.getByRole('row').nth(1).focus();
    await page.keyboard.press('Tab'); // the row's favourite button
    await page.keyboard.press('Tab'); // its details
    await expect(page.getByRole('button', { name: /^Details of / }).first()).toBeFocused();
    const name = ((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '').replace(/^Details of /, '');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name })).toBeFocused();
    await page.getByRole('button', { name: 'All accounts' }).click();
    await expect(navButton(page, 'Accounts')).toHaveAttribute('aria-current', 'page');
  });
});
