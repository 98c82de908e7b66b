import type { Page } from '@playwright/test';
import { addConnection, createLogin, demoProviderUrl, navButton, startWithDemo } from './fixtures/pages.js';
import { expect, test, type WebMode } from './fixtures/web-mode.js';

/** More than the first window (200 rows), so the list arrives in several. */
const OWN_ACCOUNTS = 240;
const name = (n: number) => `Zeta Hosting ${String(n).padStart(3, '0')}`;
/** Last in the list's order, so never in the first window. */
const LAST = name(OWN_ACCOUNTS);

async function post(url: string, body: unknown, bearer: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function signIn(provider: string, login: { email: string; password: string }): Promise<{ accessToken: string; user: { customerNumber: string } }> {
  const response = await fetch(`${provider}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  if (!response.ok) throw new Error(`Signing in as ${login.email} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { accessToken: string; user: { customerNumber: string } };
}

async function bulkView(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Bulk changes' }).click();
}

/**
 * Web mode's socket with the list's later windows held back: main's replies to `accounts.window`
 * past the first wait until `release()`, so the copy stays part-way for as long as the test looks.
 */
async function holdLaterWindows(page: Page): Promise<{ held(): number; release(): void }> {
  const later = new Set<number>();
  const waiting: string[] = [];
  let released = false;
  let send: ((message: string) => void) | null = null;
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    send = (message) => ws.send(message);
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id: number; channel: string; input?: { offset?: number } };
      if (frame.channel === 'accounts.window' && (frame.input?.offset ?? 0) > 0) later.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { kind: string; id?: number };
      if (!released && frame.kind === 'reply' && frame.id !== undefined && later.has(frame.id)) waiting.push(String(message));
      else ws.send(message);
    });
  });
  return {
    held: () => waiting.length,
    release() {
      released = true;
      for (const message of waiting.splice(0)) send?.(message);
    },
  };
}

/**
 * The demo provider, and a second connection whose login owns OWN_ACCOUNTS accounts and has a
 * request for access by its customer number waiting: more rows than the first window, and a
 * request the board answers on accounts found in the list.
 */
async function ownerOfManyAccounts(page: Page, web: WebMode): Promise<void> {
  await startWithDemo(page, web.url);
  const provider = await demoProviderUrl(page);
  const owner = { email: `zora-${Date.now()}@zeta-hosting.example`, password: 'Zeta-Owner-Test-2024!', name: 'Zora Zeta' };
  const asker = { email: `rita-${Date.now()}@freelance-dev.example`, password: 'Rita-Asker-Test-2024!', name: 'Rita Asker' };
  await createLogin(provider, web.adminKey, owner);
  await createLogin(provider, web.adminKey, asker);
  for (let start = 1; start <= OWN_ACCOUNTS; start += 40) {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(`${provider}/api/v1/admin/accounts`, { name: name(start + i), ownerEmail: owner.email }, web.adminKey)),
    );
  }
  const ownerNumber = (await signIn(provider, owner)).user.customerNumber;
  const askerToken = (await signIn(provider, asker)).accessToken;
  await post(
    `${provider}/api/v1/access-requests`,
    { customerNumber: ownerNumber, permissions: ['services.view'], message: 'Rita here, building your site.' },
    askerToken,
  );
  await addConnection(page, provider, owner, 'Zeta owner');
}

test('while the account list is still arriving, the palette, the bulk picker and the request board say so, and catch up once it is whole', async ({
  web,
  page,
}) => {
  test.setTimeout(180_000);
  await ownerOfManyAccounts(page, web);

  const copy = await holdLaterWindows(page);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Accounts' })).toBeVisible({ timeout: 45_000 });
  await expect.poll(() => copy.held()).toBeGreaterThan(0);
  const partial = /^Still loading accounts: 200 of [\d,]+ — results may be incomplete$/;

  await test.step('the count line moves on screen, and its live region says the copy’s start only', async () => {
    const main = page.getByRole('main');
    await expect(main.getByRole('paragraph').filter({ hasText: /^Loading accounts: 200 of \d+$/ })).toBeVisible();
    await expect(main.getByRole('status')).toHaveText(/^Loading accounts: 200 of \d+$/);
  });

  await test.step('the bulk picker says so above the accounts it offers', async () => {
    await bulkView(page);
    const picker = page.getByRole('group', { name: 'Accounts' });
    await expect(picker.getByText(partial)).toBeVisible();
    await picker.getByRole('searchbox', { name: 'Filter accounts' }).fill(LAST);
    await expect(picker.getByRole('checkbox', { name: LAST })).toHaveCount(0);
  });

  await test.step('the request board says so above the accounts it offers to answer on', async () => {
    await navButton(page, 'Invitations').click();
    const board = page.getByRole('region', { name: 'Access requests' });
    await expect(board.getByText(partial)).toBeVisible();
    const waiting = board.getByRole('listitem', { name: 'Request from Rita Asker' });
    await expect(waiting.getByRole('button', { name: `Answer on ${name(1)}` })).toBeVisible();
    await expect(waiting.getByRole('button', { name: `Answer on ${LAST}` })).toHaveCount(0);
  });

  await test.step('the palette says its results may be incomplete, and finds the late account when the copy ends', async () => {
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const input = palette.getByRole('combobox', { name: 'Find an account or command' });
    await expect(input).toBeFocused();
    await expect(palette.getByText(partial)).toBeVisible();
    await expect(input).toHaveAccessibleDescription(/^Still loading accounts: 200 of [\d,]+ — results may be incomplete/);
    await page.keyboard.type(LAST);
    await expect(palette.getByRole('option', { name: new RegExp(`^${LAST}`) })).toHaveCount(0);

    // The copy completes with the palette open: its results follow without another keystroke.
    copy.release();
    await expect(palette.getByText(/Still loading accounts/)).toHaveCount(0);
    await expect(palette.getByRole('option').first()).toHaveAccessibleName(new RegExp(`^${LAST}`));
    await page.keyboard.press('Escape');
  });

  await test.step('the board and the picker have the late account too, and say nothing more', async () => {
    const board = page.getByRole('region', { name: 'Access requests' });
    await expect(board.getByText(/Still loading accounts/)).toHaveCount(0);
    await expect(board.getByRole('button', { name: `Answer on ${LAST}` })).toBeVisible();

    await bulkView(page);
    const picker = page.getByRole('group', { name: 'Accounts' });
    await expect(picker.getByText(/Still loading accounts/)).toHaveCount(0);
    await picker.getByRole('searchbox', { name: 'Filter accounts' }).fill(LAST);
    await expect(picker.getByRole('checkbox', { name: LAST })).toBeVisible();
  });
});
