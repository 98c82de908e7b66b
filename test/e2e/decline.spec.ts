import { navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('declining an invitation asks first, naming the account and the inviter; Escape leaves it unanswered', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  await navButton(page, 'Invitations').click();
  const declineButton = page.getByRole('button', { name: /^Decline invitation to / }).first();
  const account = ((await declineButton.getAttribute('aria-label')) ?? '').replace(/^Decline invitation to /, '');
  expect(account).not.toBe('');
  const card = page.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem', { name: account, exact: true });
  const inviter = ((await card.getByText(/^Invited by /).textContent()) ?? '').replace(/^Invited by /, '').replace(/ \(.*\)$/, '');
  expect(inviter).not.toBe('');

  await test.step('the keyboard opens the dialog, focus moves into it, and Escape gives the answer back untouched', async () => {
    await declineButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Decline the invitation to ${account}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(inviter);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(declineButton).toBeFocused();
    await expect(page.getByRole('button', { name: `Accept invitation to ${account}`, exact: true })).toBeEnabled();
  });

  await test.step('Cancel leaves it unanswered too', async () => {
    await declineButton.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'You declined' })).toHaveCount(0);
    await expect(card).toBeVisible();
  });

  await test.step('confirming declines it', async () => {
    await declineButton.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Decline invitation' }).click();
    await expect(page.getByRole('status').filter({ hasText: `You declined the invitation to ${account}.` })).toBeVisible();
    await expect(page.getByRole('button', { name: `Accept invitation to ${account}`, exact: true })).toHaveCount(0);
  });
});
