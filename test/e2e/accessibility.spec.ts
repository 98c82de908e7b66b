import { mkdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { addConnection, demoProviderUrl, navButton, openDetail, showAccountsOf, startWithDemo, type ViewName } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

const SHOTS = 'docs/screenshots';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Checks what is on screen with axe, then keeps a screenshot of it as a test artefact. */
async function check(page: Page, name: string, scheme: 'light' | 'dark') {
  await page.mouse.move(1279, 799);
  expect(await seriousViolations(page), `${name} (${scheme})`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
}

test('every view and dialog passes axe without serious findings, in light and dark, and is kept as a screenshot', async ({ web, page }) => {
  test.setTimeout(180_000);
  await mkdir(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(web.url);
    await expect(page.getByRole('button', { name: 'Use the demo provider' })).toBeVisible();
    await check(page, 'first-run', scheme);
  }

  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  await addConnection(page, provider, DEMO_LOGINS.owner, 'Bellini owner');
  // A lived-in list: two favourites and an account opened a moment ago.
  const table = await showAccountsOf(page, null);
  for (const name of ['Bellini Ristorante', 'Hafenblick Hotel']) await table.getByRole('button', { name: `Favourite ${name}` }).click();
  const popupPromise = page.waitForEvent('popup');
  await table.getByRole('button', { name: 'Open panel for Alpine Dental Clinic' }).click();
  await (await popupPromise).close();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await showAccountsOf(page, null);
    await page.getByRole('heading', { name: 'All accounts' }).focus();
    await check(page, 'accounts', scheme);

    await openDetail(page, 'Bellini owner', 'Bellini Ristorante');
    for (const [tab, name] of [
      ['People', 'detail-people'],
      ['Invitations', 'detail-invitations'],
      ['Contacts', 'detail-contacts'],
      ['New users', 'detail-new-users'],
      ['Activity', 'detail-activity'],
      ['Overview', 'detail-overview'],
    ] as const) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await expect(page.getByRole('tabpanel', { name: new RegExp(`^${tab}`) })).toBeVisible();
      await expect(page.getByRole('tabpanel').getByText(/^Loading/)).toHaveCount(0);
      await check(page, name, scheme);
    }

    await page.getByRole('tab', { name: /^People/ }).click();
    await page.getByRole('button', { name: 'Revoke access of Sara Ricci' }).click();
    await expect(page.getByRole('dialog', { name: 'Revoke access of Sara Ricci?' })).toBeVisible();
    await check(page, 'dialog-revoke', scheme);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Revoke access of Sara Ricci' })).toBeFocused();

    await page.getByRole('tab', { name: /^Contacts/ }).click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await expect(page.getByRole('dialog', { name: 'Add a contact' })).toBeVisible();
    await check(page, 'dialog-contact', scheme);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // An account where the agency is a member: no team to run, a way to leave.
    await openDetail(page, 'Demo provider', 'Atelier Moreau');
    await page.getByRole('button', { name: 'Leave account' }).click();
    await check(page, 'dialog-leave', scheme);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    for (const [view, name] of [
      ['Invitations', 'invitations'],
      ['Connections', 'connections'],
      ['Settings', 'settings'],
      ['Access review', 'access-review'],
    ] as [ViewName, string][]) {
      await navButton(page, view).click();
      await expect(navButton(page, view)).toHaveAttribute('aria-current', 'page');
      if (view === 'Access review') await expect(page.getByRole('table', { name: 'Everyone with access' })).toBeVisible({ timeout: 30_000 });
      await check(page, name, scheme);
    }

    await showAccountsOf(page, null);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('bel');
    await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first()).toBeVisible();
    await check(page, 'palette', scheme);
    await page.keyboard.press('Escape');
  }
});
