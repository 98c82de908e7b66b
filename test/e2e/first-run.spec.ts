import { mkdir } from 'node:fs/promises';
import { allAccountNames, escapeRegExp, navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('a new user tries the demo, joins an account from an invitation and opens its panel', async ({ web, page }) => {
  await page.goto(web.url);
  await expect(page).toHaveTitle('Clientdeck');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Clientdeck' })).toBeVisible();
  // Where sign-ins will be kept is said before anything is clicked.
  await expect(page.getByText("Sign-ins are kept in this computer's keychain.")).toBeVisible();

  await startWithDemo(page, web.url);
  const search = page.getByRole('searchbox', { name: 'Search accounts' });

  // Every demo account is listed, by name, in one list.
  await expect.poll(async () => (await allAccountNames(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(20);
  const names = await allAccountNames(page);
  expect(names.every((n) => n.trim().length > 0)).toBe(true);
  expect(new Set(names).size).toBe(names.length);
  // The count line on screen; its live region beside it says the same once the list is settled.
  await expect(page.getByRole('paragraph').filter({ hasText: /^\d+ accounts$/ })).toHaveText(`${names.length} accounts`);
  await expect(page.getByRole('cell', { name: names[0], exact: true })).toBeVisible();

  // The README's screenshot: a settled list, nothing hovered or focused.
  await expect(page.getByRole('contentinfo').getByText(/^Synced at /)).toBeVisible();
  await page.mouse.move(0, 799);
  await page.getByRole('heading', { name: 'All accounts' }).focus();
  await mkdir('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/accounts.png', fullPage: true });

  // Accept one incoming invitation.
  await navButton(page, 'Invitations').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Invitations' })).toBeVisible();
  const accept = page.getByRole('button', { name: /^Accept invitation to / }).first();
  const label = (await accept.getAttribute('aria-label')) ?? '';
  const account = label.replace(/^Accept invitation to /, '');
  expect(account).not.toBe('');
  expect(names).not.toContain(account);
  await expect(page.getByText(/^Expires in \d+ (day|days|hour|hours|minute|minutes)$/).first()).toBeVisible();
  await accept.click();
  await expect(page.getByRole('status').filter({ hasText: `You joined ${account}.` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Accept invitation to ${account}` })).toHaveCount(0);

  // Back on the accounts, the new account is listed and its panel opens in a window of its own.
  await navButton(page, 'Accounts').click();
  await search.fill(account);
  await expect(page.getByRole('cell', { name: account, exact: true })).toBeVisible();
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: `Open panel for ${account}`, exact: true }).click();
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await expect(popup.getByRole('heading', { name: new RegExp(escapeRegExp(account)) }).first()).toBeVisible();
  await popup.close();
});

test('Enter on a focused account row opens its panel', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  const table = page.getByRole('table', { name: 'Accounts' });
  const firstRow = table.getByRole('row').nth(1);
  const name = ((await firstRow.getByRole('button', { name: /^Open panel for / }).getAttribute('aria-label')) ?? '').replace(/^Open panel for /, '');
  expect(name).not.toBe('');
  await firstRow.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(firstRow).toBeFocused();
  const popupPromise = page.waitForEvent('popup');
  await page.keyboard.press('Enter');
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await expect(popup.getByRole('heading', { name: new RegExp(escapeRegExp(name)) }).first()).toBeVisible();
  await popup.close();
});
