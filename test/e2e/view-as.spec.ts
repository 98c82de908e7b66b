import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { addConnection, demoProviderUrl, openDetail, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

test('an owner looks at the panel as a managed user: read-only, bannered, opened from People', async ({ web, page, context }) => {
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  // Bellini's owner runs two managed logins there; Davide Moretti's is active.
  await addConnection(page, provider, DEMO_LOGINS.owner, 'Bellini owner');
  await openDetail(page, 'Bellini owner', 'Bellini Ristorante');
  await page.getByRole('tab', { name: /^People/ }).click();
  const people = page.getByRole('tabpanel');
  // A login still waiting for activation has no panel to look at.
  await expect(people.getByRole('button', { name: 'View the panel as Chiara Rinaldi (read-only)' })).toHaveCount(0);

  const popup = context.waitForEvent('page');
  await people.getByRole('button', { name: 'View the panel as Davide Moretti (read-only)' }).click();
  const view = await popup;
  await expect(view.getByText(/^Viewing as Davide Moretti — read-only\. Opened by /)).toBeVisible();
});
