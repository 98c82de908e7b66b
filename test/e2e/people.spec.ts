import { openDetail, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('when only the owner has access, People offers both ways to add someone', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  // An account the demo user owns alone.
  await openDetail(page, null, 'Pixelwerk Hosting Lab');
  await page.getByRole('tab', { name: /^People/ }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel).toContainText('Only the owner has access so far.');

  await panel.getByRole('button', { name: 'Invite someone' }).click();
  await expect(page.getByRole('tab', { name: /^Invitations/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('form', { name: 'Invite someone' }).getByRole('textbox', { name: 'Email address' })).toBeFocused();

  await page.getByRole('tab', { name: /^People/ }).click();
  await page.getByRole('tabpanel').getByRole('button', { name: 'Create new users' }).click();
  await expect(page.getByRole('tab', { name: /^New users/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /^New users/ })).toBeFocused();
});
