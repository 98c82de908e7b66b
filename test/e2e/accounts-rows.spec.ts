import { escapeRegExp, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

/**
 * The rows are reused for whichever accounts are on screen and their keys, focus and double
 * clicks are handled once, on their rowgroup: each must still reach the account shown in the row
 * it happens in, after a search wrote other accounts into the rows.
 */
test('after a search reused the rows, focus, the list keys and a double click act on the account shown', async ({ web, page }) => {
  await page.setViewportSize({ width: 1280, height: 520 });
  await startWithDemo(page, web.url);
  const table = page.getByRole('table', { name: 'Accounts' });
  await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(5);
  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  await search.fill('ia');
  await expect(page.getByRole('paragraph').filter({ hasText: / of \d+ shown$/ })).toBeVisible();
  const rows = table.getByRole('row');
  const shown = (await rows.count()) - 1;
  expect(shown).toBeGreaterThanOrEqual(3);
  const nameIn = async (n: number) =>
    (
      (await rows
        .nth(n)
        .getByRole('button', { name: /^Open panel for / })
        .getAttribute('aria-label')) ?? ''
    ).replace(/^Open panel for /, '');

  // A click on a row's name focuses that row, which becomes the list's one tab stop.
  await rows
    .nth(2)
    .getByText(await nameIn(2), { exact: true })
    .click();
  await expect(rows.nth(2)).toBeFocused();
  await expect(rows.nth(2)).toHaveAttribute('tabindex', '0');
  await expect(rows.nth(1)).toHaveAttribute('tabindex', '-1');

  await page.keyboard.press('End');
  await expect(page.locator(':focus')).toHaveAttribute('aria-rowindex', String(shown + 1));
  await page.keyboard.press('Home');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toBeFocused();
  // Keys pressed on a row's own buttons stay theirs: ArrowDown on the star does not move the row.
  await page.keyboard.press('Tab');
  await expect(rows.nth(2).getByRole('button', { name: /^Favourite / })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2).getByRole('button', { name: /^Favourite / })).toBeFocused();

  // A double click on a row (not on its buttons) opens that row's account.
  const name = await nameIn(3);
  const popupPromise = page.waitForEvent('popup');
  await rows.nth(3).getByText(name, { exact: true }).dblclick();
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await expect(popup.getByRole('heading', { name: new RegExp(escapeRegExp(name)) }).first()).toBeVisible();
  await popup.close();
});
