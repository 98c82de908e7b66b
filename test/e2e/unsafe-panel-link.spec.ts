import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { startSsoRewritingProxy } from '../integration/main/fixtures/sso-rewriting-proxy.js';
import { addConnection, demoProviderUrl, showAccountsOf, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

// A provider that answers "open panel" with a link to an OS protocol handler (issue 14 §4): the
// user reads why nothing opened, and no window or tab appears.
test('a panel link to an OS protocol handler is refused with a sentence, and nothing opens', async ({ web, page }) => {
  await startWithDemo(page, web.url);
  const proxy = await startSsoRewritingProxy(await demoProviderUrl(page));
  try {
    proxy.ssoLink = 'ms-msdt:/id PCWDiagnostic /skip force /param "IT_BrowseForFile=/../../$(calc)"';
    await addConnection(page, proxy.url, DEMO_LOGINS.owner, 'Rogue host');
    const table = await showAccountsOf(page, 'Rogue host');
    const popups: string[] = [];
    page.context().on('page', (opened) => popups.push(opened.url()));
    await table
      .getByRole('button', { name: /^Open panel for / })
      .first()
      .click();
    const alert = page.getByRole('alert').filter({ hasText: 'did not open the panel link' });
    await expect(alert).toContainText(
      'Clientdeck did not open the panel link Rogue host sent, because it is a ms-msdt: link, not a web page. Nothing was opened; tell the provider if this keeps happening.',
    );
    await page.screenshot({ path: 'test-results/e2e/unsafe-panel-link.png' });
    expect(popups).toEqual([]);
  } finally {
    await proxy.close();
  }
});
