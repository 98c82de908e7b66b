import type { Page } from '@playwright/test';
import { startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

function views(page: Page) {
  return page.getByRole('navigation').first().getByRole('button');
}

test('the demo provider is named in the language of the app: status bar, accounts list, connections and palette', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  const statusBar = page.getByRole('contentinfo');
  await expect(statusBar).toContainText('Demo provider');

  await views(page).filter({ hasText: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language of the app' }).selectOption('it');
  await expect(statusBar).toContainText('Provider demo');
  await views(page).nth(0).click();
  await expect(page.getByRole('table', { name: 'Account' }).getByRole('row').nth(1)).toContainText('Provider demo');
  await views(page).nth(2).click();
  await expect(page.getByRole('listitem', { name: 'Provider demo' })).toBeVisible();

  await views(page).nth(3).click();
  for (const [language, label, name] of [
    ['fr', "Lingua dell'app", 'Fournisseur de démo'],
    ['pl', "Langue de l'application", 'Dostawca demo'],
  ] as const) {
    await page.getByRole('combobox', { name: label }).selectOption(language);
    await expect(statusBar).toContainText(name);
  }
  // The palette names each account's provider as the rest of the app does, in the language chosen.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Paleta poleceń' });
  await expect(palette.getByRole('option').first()).toContainText('Dostawca demo');
  await page.keyboard.press('Escape');
});
