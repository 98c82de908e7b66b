import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { addConnection, createLogin, demoProviderUrl, navButton, openDetail, showAccountsOf, startWithDemo, syncNow } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

const ACCOUNT = 'Bellini Ristorante';

test('a webmaster asks the owner for access by customer number; the owner gives less than asked; the webmaster sees the outcome', async ({
  web,
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  const webmaster = { email: `wanda-${Date.now()}@freelance-dev.example`, password: 'Webmaster-Test-2024!', name: 'Wanda Webmaster' };
  await createLogin(provider, web.adminKey, webmaster);
  await addConnection(page, provider, DEMO_LOGINS.owner, 'Bellini owner');
  await addConnection(page, provider, webmaster, 'Webmaster login');
  // The owner tells the webmaster their customer number, as they would on the phone.
  const session = await fetch(`${provider}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_LOGINS.owner.email, password: DEMO_LOGINS.owner.password }),
  });
  const ownerNumber = ((await session.json()) as { user: { customerNumber: string } }).user.customerNumber;
  const board = () => page.getByRole('region', { name: 'Access requests' });

  await test.step('the webmaster asks by customer number, with a message, from the Invitations view', async () => {
    await navButton(page, 'Invitations').click();
    const form = page.getByRole('form', { name: 'Ask an owner for access' });
    await form.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Webmaster login' });
    await form.getByRole('textbox', { name: "Owner's customer number" }).fill(ownerNumber);
    for (const permission of ['See services', 'Invoices', 'Support tickets']) await form.getByRole('checkbox', { name: permission }).check();
    await form.getByRole('button', { name: 'Send request' }).click();
    // The form checks the message itself before anything is sent.
    await expect(form.getByRole('alert')).toHaveText('Write a short message: who you are and why you need access.');
    await form.getByRole('textbox', { name: 'Message to the owner' }).fill('Hi Giulia, I am building the new website of the restaurant.');
    await form.getByRole('button', { name: 'Send request' }).click();
    await expect(form.getByRole('status')).toHaveText(`Request sent to customer number ${ownerNumber}. It expires in 7 days.`);
    const mine = page.getByRole('listitem', { name: `Your request to Customer no. ${ownerNumber}` });
    await expect(mine).toContainText('Waiting for an answer');
    await expect(mine).toContainText('Asked for: See services, Invoices, Support tickets');
  });

  await test.step('the owner hears of it after a sync and answers it on the account, unticking invoices', async () => {
    await syncNow(page);
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Wanda Webmaster asks for access');
    await navButton(page, 'Invitations').click();
    await expect(board()).toContainText('1 request waits for your answer');
    const waiting = board().getByRole('listitem', { name: 'Request from Wanda Webmaster' });
    await expect(waiting).toContainText('I am building the new website');
    await waiting.getByRole('button', { name: `Answer on ${ACCOUNT}` }).click();
    await expect(page.getByRole('heading', { level: 2, name: ACCOUNT })).toBeVisible();

    await openDetail(page, 'Bellini owner', ACCOUNT);
    await page.getByRole('tab', { name: /^People/ }).click();
    const request = page.getByRole('listitem', { name: 'Request from Wanda Webmaster' });
    await expect(request.getByRole('checkbox', { name: 'Invoices' })).toBeChecked();
    await request.getByRole('checkbox', { name: 'Invoices' }).uncheck();
    await request.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('owner-answers.png'), fullPage: true });
    await request.getByRole('button', { name: 'Approve' }).click();
    // Answered: the request leaves People, which starts with the people again.
    await expect(request).toHaveCount(0);
    // The webmaster is now among the people with access, as a member.
    await expect(page.getByRole('row', { name: /^Wanda Webmaster/ })).toContainText('Member');
  });

  await test.step('the webmaster sees the outcome and reaches the account with the narrower permissions', async () => {
    await syncNow(page);
    await navButton(page, 'Invitations').click();
    const mine = page.getByRole('listitem', { name: `Your request to ${ACCOUNT}` });
    await expect(mine).toContainText('Approved');
    await expect(mine).toContainText('Given: See services, Support tickets');
    await expect(board()).toContainText('0 requests wait for your answer');
    await mine.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('requester-outcome.png'), fullPage: true });
    const table = await showAccountsOf(page, 'Webmaster login', ACCOUNT);
    await expect(table.getByRole('button', { name: `Details of ${ACCOUNT}`, exact: true })).toBeVisible();
  });
});
