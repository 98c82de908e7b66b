import { escapeRegExp, navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('the command palette finds any account and opens its panel, from the keyboard alone', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const input = palette.getByRole('combobox', { name: 'Find an account or command' });
  const open = async (query: string) => {
    await page.keyboard.press('Control+k');
    await expect(input).toBeFocused();
    await page.keyboard.type(query);
  };

  await test.step('a loose spelling finds the account; Enter opens its panel', async () => {
    await open('hafnblick');
    const first = palette.getByRole('option').first();
    await expect(first).toHaveAccessibleName(/^Hafenblick Hotel/);
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(input).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
    const popupPromise = page.waitForEvent('popup');
    await page.keyboard.press('Enter');
    const panel = await popupPromise;
    await panel.waitForLoadState();
    await expect(panel.getByRole('heading', { name: /Hafenblick Hotel/ }).first()).toBeVisible();
    await panel.close();
    await expect(palette).toBeHidden();
  });

  await test.step('arrows move through the results; Shift+Enter shows the account’s details', async () => {
    await open('pixelwerk');
    const options = palette.getByRole('option');
    await expect(options).toHaveCount(3);
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    // The demo agency's own three accounts; which one is second depends on the ranking.
    const text = (await options.nth(1).textContent()) ?? '';
    const name = ['Pixelwerk Studio', 'Pixelwerk Hosting Lab', 'Pixelwerk Client Staging'].find((n) => text.includes(n));
    expect(name, text).toBeDefined();
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByRole('heading', { level: 2, name: name! })).toBeVisible();
  });

  await test.step('actions: answer an invitation, add a provider; Escape closes and gives focus back', async () => {
    await open('answer alpen');
    await expect(palette.getByRole('option').first()).toHaveAccessibleName(/^Answer invitation from Thomas Huber to Alpen Chalet Resort/);
    await page.keyboard.press('Enter');
    await expect(navButton(page, 'Invitations')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 3, name: 'Alpen Chalet Resort' })).toBeFocused();

    await open('add a provider');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Provider URL' })).toBeFocused();

    await navButton(page, 'Accounts').focus();
    await page.keyboard.press('Control+k');
    await expect(input).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await expect(navButton(page, 'Accounts')).toBeFocused();
  });

  await test.step('Enter on a search with no account answer says so', async () => {
    await open('zzzz-nothing');
    await expect(palette.getByRole('status')).toHaveText(new RegExp(escapeRegExp('Nothing matches “zzzz-nothing”.')));
    await page.keyboard.press('Escape');
  });
});
