import { generateSync } from 'otplib';
import { navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';
import { startWhmcsClientArea } from '../whmcs-stand-in/client-area/server.js';
import { STAND_IN_PASSWORD, TOTP_EMAIL } from '../whmcs-stand-in/client-area/state.js';

/** The current code, taken away from the end of its 30-second step so it is still valid when it arrives. */
async function currentCode(secret: string): Promise<string> {
  while ((Date.now() / 1000) % 30 > 25) await new Promise((resolve) => setTimeout(resolve, 500));
  return generateSync({ secret });
}

test('a WHMCS login with two-factor sign-in whose session ended asks for the code in its sign-in form, and syncs again with it', async ({ web, page }) => {
  test.setTimeout(90_000);
  const standIn = await startWhmcsClientArea({ accounts: 2 });
  const secret = standIn.state.users.find((u) => u.email === TOTP_EMAIL)!.totpSecret!;
  try {
    await startWithDemo(page, web.url);
    await navButton(page, 'Connections').click();
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Provider type').selectOption('whmcs');
    await form.getByLabel('Provider URL').fill(standIn.url);
    await form.getByLabel('Email').fill(TOTP_EMAIL);
    await form.getByLabel('Password').fill(STAND_IN_PASSWORD);
    await form.getByLabel('Two-factor code').fill(await currentCode(secret));
    await form.getByLabel('Name (optional)').fill('Secure host');
    await form.getByRole('button', { name: 'Add provider' }).click();
    await expect(form.getByRole('status')).toHaveText('Connected to Secure host.', { timeout: 30_000 });

    // The provider's session times out; the sync signs in again by itself and meets the challenge.
    standIn.endSessions();
    const connection = page.getByRole('listitem', { name: 'Secure host' });
    await connection.getByRole('button', { name: 'Sync now: Secure host' }).click();
    const signIn = connection.getByRole('form', { name: 'Sign in again to Secure host' });
    await expect(signIn).toBeVisible({ timeout: 30_000 });
    await expect(connection).toContainText('two-factor code');
    // Asked for at once, before any failed try: the code field is there and says why.
    const code = signIn.getByLabel('Two-factor code');
    await expect(code).toBeVisible();
    await expect(signIn).toContainText('Your provider asks for the code from your authenticator app');
    await page.screenshot({ path: 'test-results/whmcs-session-code.png' });

    await signIn.getByLabel(`Password for ${TOTP_EMAIL}`).fill(STAND_IN_PASSWORD);
    await code.fill(await currentCode(secret));
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(connection.getByRole('status')).toContainText('Signed in to Secure host again.', { timeout: 30_000 });
  } finally {
    await standIn.close();
  }
});
