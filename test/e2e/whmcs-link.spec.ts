import type { Page } from '@playwright/test';
import { navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';
import { startWhmcsClientArea, type StandInServer } from '../whmcs-stand-in/client-area/server.js';
import { addClient, addInvite, AGENCY_EMAIL, seedState, STAND_IN_PASSWORD, type StandInState } from '../whmcs-stand-in/client-area/state.js';

function invitedClient(state: StandInState, companyName: string) {
  const client = addClient(state, {
    firstName: 'Olga',
    lastName: 'Owner',
    companyName,
    status: 'Active',
    counts: { services: 1, domains: 1, unpaidInvoices: 0, openTickets: 0 },
  });
  return addInvite(state, client.id, AGENCY_EMAIL, ['products', 'tickets']);
}

async function addWhmcsConnection(page: Page, url: string): Promise<void> {
  await navButton(page, 'Connections').click();
  const form = page.getByRole('form', { name: 'Add a provider' });
  await form.getByLabel('Provider type').selectOption('whmcs');
  await form.getByLabel('Provider URL').fill(url);
  await form.getByLabel('Email').fill(AGENCY_EMAIL);
  await form.getByLabel('Password').fill(STAND_IN_PASSWORD);
  await form.getByLabel('Name (optional)').fill('My host');
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByRole('status')).toHaveText('Connected to My host.', { timeout: 30_000 });
}

test('a WHMCS invitation is accepted from its link: at once, queued while the provider is down, and refused when expired', async ({ web, page }) => {
  test.setTimeout(120_000);
  const state = seedState({ accounts: 2 });
  let standIn: StandInServer = await startWhmcsClientArea({ state });
  const link = (token: string) => `${standIn.url}/index.php?rp=/invite/${token}`;
  try {
    await startWithDemo(page, web.url);
    await addWhmcsConnection(page, standIn.url);

    await navButton(page, 'Invitations').click();
    const form = page.getByRole('form', { name: 'Accept an invitation from its link' });
    const field = form.getByLabel('Invitation link');
    const outcome = page.locator('.outcome-region');

    // Checked before main is asked: a stray word, and a link of a provider that is not connected.
    await field.fill('not a link');
    await field.press('Enter');
    await expect(form.getByRole('alert')).toContainText('This is not a link');
    await field.fill('https://elsewhere.example/index.php?rp=/invite/0123456789abcdef0123');
    await form.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(form.getByRole('alert')).toContainText('not from a provider you are connected to');

    const atOnce = invitedClient(state, 'Joined At Once');
    await field.fill(link(atOnce.token));
    await form.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(outcome).toContainText('You joined', { timeout: 30_000 });
    await expect(field).toHaveValue('');
    await expect(form.locator('[role=alert]')).toBeEmpty();
    await navButton(page, 'Accounts').click();
    await expect(page.getByRole('table', { name: 'Accounts' }).getByText('Joined At Once')).toBeVisible({ timeout: 30_000 });

    const later = invitedClient(state, 'Joined Later');
    const port = Number(new URL(standIn.url).port);
    await standIn.close();
    await navButton(page, 'Invitations').click();
    await field.fill(link(later.token));
    await field.press('Enter');
    await expect(outcome).toContainText('is queued', { timeout: 30_000 });
    await expect(field).toHaveValue('');
    const card = page.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem');
    await expect(card.getByText('Queued', { exact: true })).toBeVisible();

    standIn = await startWhmcsClientArea({ state, port });
    // Main's probe notices the provider is back and replays the queue; the card ends done.
    await expect(page.getByText('Your queued answer reached My host.')).toBeVisible({ timeout: 60_000 });
    await navButton(page, 'Accounts').click();
    await expect(page.getByRole('table', { name: 'Accounts' }).getByText('Joined Later')).toBeVisible({ timeout: 30_000 });

    // A link dragged from the mail lands on the view as text/uri-list: same checks, same answer.
    const dropped = invitedClient(state, 'Joined By Drop');
    await navButton(page, 'Invitations').click();
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.setData('text/uri-list', `# from the mail\r\n${text}`);
      return data;
    }, link(dropped.token));
    await page.getByRole('heading', { name: 'Invitations', level: 2 }).dispatchEvent('drop', { dataTransfer: transfer });
    await expect(outcome).toContainText('You joined', { timeout: 30_000 });
    await expect(field).toHaveValue('');
    await expect.poll(() => state.memberships.some((m) => m.clientId === dropped.clientId && m.userId === state.users[0]!.id)).toBe(true);

    const expired = invitedClient(state, 'Expired Co');
    expired.createdAt = new Date(Date.now() - state.inviteLifetimeMs - 1_000);
    await navButton(page, 'Invitations').click();
    await field.fill(link(expired.token));
    await field.press('Enter');
    await expect(form.getByRole('alert')).toContainText('expired', { timeout: 30_000 });
    await expect(field).toHaveValue(link(expired.token));
  } finally {
    await standIn.close();
  }
});
