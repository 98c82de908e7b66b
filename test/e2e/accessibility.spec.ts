import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('every view passes axe without serious findings, in light and dark', async ({ web, page }) => {
  await page.goto(web.url);
  await expect(page.getByRole('button', { name: 'Use the demo provider' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await startWithDemo(page, web.url);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const view of ['Accounts', 'Invitations', 'Connections'] as const) {
      await navButton(page, view).click();
      await expect(navButton(page, view)).toHaveAttribute('aria-current', 'page');
      expect(await seriousViolations(page), `${view} (${scheme})`).toEqual([]);
    }
  }
});
