import { openDetail, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('the same email on two new-user rows is caught in the form, each row marked, and nothing is sent', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  await openDetail(page, null, 'Pixelwerk Studio');
  await page.getByRole('tab', { name: /^New users/ }).click();
  const form = page.getByRole('form', { name: 'Create users' });
  await form.getByRole('textbox', { name: 'Name, person 1' }).fill('Ada Twice');
  await form.getByRole('textbox', { name: 'Login email, person 1' }).fill('ada@pixelwerk-studio.example');
  await form.getByRole('button', { name: 'Add another person' }).click();
  await form.getByRole('textbox', { name: 'Name, person 2' }).fill('Bea Once');
  await form.getByRole('textbox', { name: 'Login email, person 2' }).fill('bea@pixelwerk-studio.example');
  await form.getByRole('button', { name: 'Add another person' }).click();
  await form.getByRole('textbox', { name: 'Name, person 3' }).fill('Ada Again');
  await form.getByRole('textbox', { name: 'Login email, person 3' }).fill('  ADA@pixelwerk-studio.example ');
  await form.getByRole('button', { name: 'Create 3 users' }).click();

  const first = form.getByRole('textbox', { name: 'Login email, person 1' });
  const third = form.getByRole('textbox', { name: 'Login email, person 3' });
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(third).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('textbox', { name: 'Login email, person 2' })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(first).toHaveAccessibleDescription('ada@pixelwerk-studio.example is on more than one row: each new user needs an address of their own.');
  await expect(third).toHaveAccessibleDescription('ADA@pixelwerk-studio.example is on more than one row: each new user needs an address of their own.');
  await expect(form.getByText(/^Created /)).toHaveCount(0);

  // Nothing reached the provider: the People tab still lists no one of that name.
  await page.getByRole('tab', { name: /^People/ }).click();
  await expect(page.getByRole('tabpanel')).not.toContainText('Ada Twice');
});
