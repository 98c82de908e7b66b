import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { addConnection, createLogin, demoProviderUrl, navButton, openDetail, showAccountsOf, startWithDemo, syncNow } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

const ACCOUNT = 'Pixelwerk Hosting Lab';
const DAY = 86_400_000;

/** A local day as a date input takes it (YYYY-MM-DD), `days` from today. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The provider's own API, as the owner: what the app does not offer (an end seconds away) is set here. */
async function asOwner(provider: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const session = await fetch(`${provider}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEMO_LOGINS.agency.email, password: DEMO_LOGINS.agency.password }),
  });
  const { accessToken } = (await session.json()) as { accessToken: string };
  const res = await fetch(`${provider}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${accessToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
}

test('an expiring grant: invited with a last day, shown with its time left, extended, and gone from the invitee’s list once the server’s clock passes it', async ({
  web,
  page,
}) => {
  test.setTimeout(180_000);
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  const contractor = { email: `cora-${Date.now()}@contractor.example`, password: 'Contractor-Test-2024!', name: 'Cora Contractor' };
  await createLogin(provider, web.adminKey, contractor);

  await test.step('the owner invites the contractor with a last day ten days ahead; the invitation shows the time left', async () => {
    await openDetail(page, null, ACCOUNT);
    await page.getByRole('tab', { name: /^Invitations/ }).click();
    const form = page.getByRole('form', { name: 'Invite someone' });
    await expect(form.getByLabel('Access ends (optional)')).toHaveValue('');
    await form.getByRole('textbox', { name: 'Email address' }).fill(contractor.email);
    await form.getByLabel('Access ends (optional)').fill(dayFromToday(10));
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect(form.getByRole('status')).toContainText(`Invitation sent to ${contractor.email}.`);
    await expect(form.getByLabel('Access ends (optional)')).toHaveValue('');
    await expect(page.getByRole('listitem', { name: contractor.email })).toContainText(/Access ends in (10|11) days/);
  });

  await test.step('the contractor accepts; their accounts list says the access expires', async () => {
    await addConnection(page, provider, contractor, 'Contractor login');
    await navButton(page, 'Invitations').click();
    await page
      .getByRole('list', { name: 'Pending invitations' })
      .getByRole('listitem')
      .filter({ hasText: 'at Contractor login' })
      .getByRole('button', { name: `Accept invitation to ${ACCOUNT}` })
      .click();
    await expect(page.getByRole('status').filter({ hasText: `You joined ${ACCOUNT}.` })).toBeVisible();
    const table = await showAccountsOf(page, 'Contractor login', 'hosting lab');
    await expect(table.getByRole('row').filter({ hasText: ACCOUNT })).toContainText(/expires in (10|11) days/);
    await page.screenshot({ path: test.info().outputPath('expiry-accounts-list.png') });
  });

  await test.step('the owner sees the time left in People and extends it by the dialog', async () => {
    await openDetail(page, 'Demo provider', ACCOUNT);
    await page.getByRole('tab', { name: /^People/ }).click();
    // The users table comes first; the permission matrix below names the person too.
    const row = page.getByRole('tabpanel').getByRole('table').first().getByRole('row').filter({ hasText: contractor.name });
    await expect(row).toContainText(/Access ends in (10|11) days/);
    await row.getByRole('button', { name: `Extend the access of ${contractor.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Extend the access of ${contractor.name}` });
    await dialog.getByLabel('New last day').fill(dayFromToday(30));
    await page.screenshot({ path: test.info().outputPath('expiry-extend-dialog.png') });
    await dialog.getByRole('button', { name: 'Extend access' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText(/Access ends in (30|31) days/);
  });

  await test.step('the owner allows invitations only to chosen domains; an address outside them is refused with the reason', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    const editor = page.getByRole('form', { name: 'Allowed invitation domains' });
    await expect(editor.getByText('Anyone can be invited.')).toBeVisible();
    await editor.getByLabel('Domains, one per line or separated by commas').fill('Contractor.example, @nope');
    await editor.getByRole('button', { name: 'Save domains' }).click();
    await expect(editor.getByText('These are not domains: @nope. Write them like example.com, without @.')).toBeVisible();
    await editor.getByLabel('Domains, one per line or separated by commas').fill('Contractor.example, pixelwerk.example');
    await editor.getByRole('button', { name: 'Save domains' }).click();
    await expect(editor.getByRole('status')).toHaveText('Invitations now go only to emails at contractor.example, pixelwerk.example.');
    await page.screenshot({ path: test.info().outputPath('expiry-domains-editor.png') });

    await page.getByRole('tab', { name: /^Invitations/ }).click();
    const form = page.getByRole('form', { name: 'Invite someone' });
    await form.getByRole('textbox', { name: 'Email address' }).fill('someone@gmail.example');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect(form.getByRole('alert')).toContainText('This account accepts invitations only to emails at contractor.example, pixelwerk.example.');
  });

  await test.step('once the server’s clock passes the end, the account leaves the contractor’s list', async () => {
    const accounts = await asOwner(provider, 'GET', '/accounts?limit=100');
    const accountId = (accounts.json.items as { id: string; name: string }[]).find((a) => a.name === ACCOUNT)!.id;
    const users = await asOwner(provider, 'GET', `/accounts/${accountId}/users`);
    const userId = (users.json.items as { userId: string; email: string }[]).find((u) => u.email === contractor.email)!.userId;
    const soon = new Date(Date.now() + 3_000).toISOString();
    expect((await asOwner(provider, 'PATCH', `/accounts/${accountId}/users/${userId}`, { expiresAt: soon })).status).toBe(200);
    await syncNow(page);
    const table = await showAccountsOf(page, 'Contractor login', 'hosting lab');
    await expect(table.getByRole('row').filter({ hasText: ACCOUNT })).toContainText('expires in 1 day');
    // Real time passes the end: the server takes the access away at that instant, whoever asks next.
    await page.waitForTimeout(Math.max(0, Date.parse(soon) - Date.now()) + 500);
    await syncNow(page);
    await expect(table.getByRole('row').filter({ hasText: ACCOUNT })).toHaveCount(0);
  });
});
