import { navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test, unusedLoopbackPort } from './fixtures/web-mode.js';

test('the add-provider form explains bad input in a sentence and changes no connection', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  await navButton(page, 'Connections').click();

  const connections = page.getByRole('list', { name: 'Connected providers' });
  await expect(connections.getByRole('listitem')).toHaveCount(1);
  const demoUrl = (await connections.getByText(/^http:\/\/127\.0\.0\.1:\d+$/).textContent())!.trim();
  const demoEmail = (await connections.getByText(/^Signed in as /).textContent())!.replace(/^Signed in as /, '').trim();

  const form = page.getByRole('form', { name: 'Add a provider' });
  const alert = form.getByRole('alert');
  const password = form.getByLabel('Password', { exact: true });
  async function submit(url: string, email: string, secret: string) {
    await form.getByLabel('Provider URL').fill(url);
    await form.getByLabel('Email', { exact: true }).fill(email);
    await password.fill(secret);
    await form.getByRole('button', { name: 'Add provider' }).click();
    await expect(form.getByRole('button', { name: 'Add provider' })).toBeEnabled({ timeout: 30_000 });
  }

  // Plain http to a remote host would send the password readable: refused before any network call.
  await submit('http://clientarea.example.com', 'me@example.com', 'Not-the-point-1!');
  await expect(alert).toHaveText(/clientarea\.example\.com uses plain http, which would send your password unencrypted\. Use its https:\/\/ address\./);
  await expect(password).toHaveValue('');

  // Loopback http is allowed, but nothing answers there.
  const port = await unusedLoopbackPort();
  await submit(`http://127.0.0.1:${port}`, 'me@example.com', 'Not-the-point-1!');
  await expect(alert).toHaveText(/cannot be reached right now\. Check the address and your connection, then try again\./);
  await expect(password).toHaveValue('');

  // The demo provider answers, and says the password is wrong.
  await submit(demoUrl, demoEmail, 'Wrong-Password-1!');
  await expect(alert).toHaveText(/The email or password is not right for /);
  await expect(password).toHaveValue('');

  await expect(connections.getByRole('listitem')).toHaveCount(1);
  await expect(connections.getByText(demoUrl, { exact: true })).toBeVisible();
  await page.reload();
  await navButton(page, 'Connections').click();
  await expect(page.getByRole('list', { name: 'Connected providers' }).getByRole('listitem')).toHaveCount(1);
});
