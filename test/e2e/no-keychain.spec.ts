import { existsSync } from 'node:fs';
import path from 'node:path';
import { allAccountNames, navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

// Many Linux set-ups, remote desktops and containers have no Secret Service: web mode runs here
// without a session bus, and the demo must still start.
test.use({ keychain: false });

test('without a keychain the first-run screen says sign-ins stay in memory, and the demo still reaches its accounts', async ({ web, page }) => {
  await page.goto(web.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Clientdeck' })).toBeVisible();
  // Said before the user clicks anything.
  await expect(
    page.getByText(
      'No keychain answers on this computer, so sign-ins are kept in memory only: the demo works as usual, and providers you add will ask for their password again after you quit Clientdeck.',
    ),
  ).toBeVisible();
  await expect(page.getByText("Sign-ins are kept in this computer's keychain.")).toHaveCount(0);

  await startWithDemo(page, web.url);
  await expect(page.getByText(/keychain unreachable|cannot store your sign-in/i)).toHaveCount(0);
  await expect.poll(async () => (await allAccountNames(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(20);

  // The Connections view keeps saying it, with what to install to have sign-ins remembered.
  await navButton(page, 'Connections').click();
  const banner = page.getByRole('status').filter({ hasText: 'Sign-ins are kept in memory only, until you quit Clientdeck.' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('gnome-keyring');
  // Nothing was written in place of the keychain: no credentials folder in the data dir.
  expect(existsSync(path.join(web.dataDir, 'credentials'))).toBe(false);
});
