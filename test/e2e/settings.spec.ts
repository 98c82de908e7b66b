import type { Page } from '@playwright/test';
import { startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

function views(page: Page) {
  return page.getByRole('navigation').first().getByRole('button');
}

test('the app speaks English, Italian, French and Polish, switches at once and remembers the choice', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  await views(page).filter({ hasText: 'Settings' }).click();

  const expected = [
    { value: 'it', label: "Lingua dell'app", heading: 'Impostazioni', nav: ['Account', 'Inviti', 'Connessioni', 'Impostazioni'], sync: 'Sincronizza ora' },
    { value: 'fr', label: "Langue de l'application", heading: 'Réglages', nav: ['Comptes', 'Invitations', 'Connexions', 'Réglages'], sync: 'Synchroniser' },
    { value: 'pl', label: 'Język aplikacji', heading: 'Ustawienia', nav: ['Konta', 'Zaproszenia', 'Połączenia', 'Ustawienia'], sync: 'Synchronizuj teraz' },
    { value: 'en', label: 'Language of the app', heading: 'Settings', nav: ['Accounts', 'Invitations', 'Connections', 'Settings'], sync: 'Sync now' },
  ];
  let label = 'Language of the app';
  for (const language of expected) {
    await page.getByRole('combobox', { name: label }).selectOption(language.value);
    label = language.label;
    await expect(page.getByRole('heading', { level: 2, name: language.heading })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', language.value);
    for (const [i, name] of language.nav.entries()) await expect(views(page).nth(i)).toHaveText(new RegExp(`^${name}`));
    await expect(page.getByRole('banner').getByRole('button', { name: language.sync })).toBeVisible();
  }

  // Kept by main: a fresh start comes back in the chosen language.
  await page.getByRole('combobox', { name: 'Language of the app' }).selectOption('pl');
  await expect(page.getByRole('heading', { level: 2, name: 'Ustawienia' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Wszystkie konta' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Konta' })).toBeVisible();
});

test('the theme is light, dark or the system’s, applied at once and kept', async ({ web, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await startWithDemo(page, web.url);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const LIGHT = 'rgb(244, 245, 247)';
  const DARK = 'rgb(17, 20, 24)';
  // By default the app follows the system, which is dark here.
  await expect.poll(background).toBe(DARK);

  await views(page).filter({ hasText: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect.poll(background).toBe(LIGHT);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Accounts' })).toBeVisible();
  await expect.poll(background).toBe(LIGHT);

  await views(page).filter({ hasText: 'Settings' }).click();
  await page.getByRole('radio', { name: 'System' }).check();
  await expect.poll(background).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).toBe(LIGHT);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(background).toBe(DARK);
});
