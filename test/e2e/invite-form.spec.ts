import { openDetail, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

const ACCOUNT = 'Pixelwerk Studio';

test('after each invitation the form goes back to the safe default, so the next person never inherits wider access', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  await openDetail(page, null, ACCOUNT);
  await page.getByRole('tab', { name: /^Invitations/ }).click();
  const form = page.getByRole('form', { name: 'Invite someone' });

  await form.getByRole('textbox', { name: 'Email address' }).fill(`reset-${Date.now()}@example.com`);
  // A member: an admin reaches the whole account, so only a member's grant can be scoped.
  await form.getByRole('radio', { name: 'All permissions' }).check();
  await form.getByRole('checkbox', { name: 'Support tickets' }).uncheck();
  await expect(form.getByRole('radio', { name: 'Custom', exact: true })).toBeChecked();
  await form.getByRole('radio', { name: /^Chosen / }).check();
  const scope = form.getByRole('group', { name: 'Applies to' });
  await scope.getByRole('checkbox').first().check();
  await form.getByRole('button', { name: 'Send invitation' }).click();

  await expect(form.getByRole('status')).toHaveText(/^Invitation sent to reset-\d+@example\.com\. It expires in 7 days\.$/);
  await expect(form.getByText('The form is back to the safe default for the next person.', { exact: false })).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'Email address' })).toHaveValue('');
  await expect(form.getByRole('radio', { name: 'Member' })).toBeChecked();
  await expect(form.getByRole('radio', { name: 'Web developer' })).toBeChecked();
  await expect(form.getByRole('radio', { name: 'Custom', exact: true })).not.toBeChecked();
  await expect(form.getByRole('radio', { name: 'The whole account' })).toBeChecked();
  await expect(scope.getByRole('checkbox')).toHaveCount(0);
});
