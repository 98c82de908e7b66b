import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { startExternalServer, type ExternalServer } from './fixtures/external-server.js';
import { addConnection, startWithDemo } from './fixtures/pages.js';
import { expect, test as webTest } from './fixtures/web-mode.js';

// Web mode probes an unreachable provider this often, so the test sees it come back within a second.
process.env.CLIENTDECK_ONLINE_PROBE_MS = '500';

const SHOTS = 'test-results/e2e/bulk-invite';

const test = webTest.extend<{ provider: ExternalServer }>({
  // eslint-disable-next-line no-empty-pattern
  provider: async ({}, use) => {
    const server = await startExternalServer();
    try {
      await use(server);
    } finally {
      await server.dispose();
    }
  },
});

/** Invitations to this email per account name, read from the provider's own file. */
function invitationsAt(provider: ExternalServer, email: string): Map<string, number> {
  const db = new Database(provider.databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT a.name AS name, count(*) AS n FROM invitations i JOIN accounts a ON a.id = i.account_id WHERE i.email = ? GROUP BY a.name')
      .all(email) as Array<{ name: string; n: number }>;
    return new Map(rows.map((r) => [r.name, r.n]));
  } finally {
    db.close();
  }
}

/** Serious or critical axe findings on what is on screen. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const OWN = ['Pixelwerk Studio', 'Pixelwerk Hosting Lab', 'Pixelwerk Client Staging'];

test('a bulk invite across two connections, one provider offline mid-way, ends with every account done once after it is back', async ({
  web,
  page,
  provider,
}) => {
  // Two providers to start and sign in to, one stopped and started again: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const invitee = 'new.developer@bulk-e2e.example';
  await startWithDemo(page, web.url);
  await addConnection(page, provider.url, DEMO_LOGINS.agency, 'Second provider');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Bulk changes' }).click();
  await expect(page.getByRole('heading', { name: 'Bulk changes', level: 2 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Invite one person to many accounts' });
  await form.getByLabel('Email', { exact: true }).fill(invitee);
  // Accounts the agency owns, at both providers, chosen with the keyboard.
  await form.getByRole('searchbox', { name: 'Filter accounts' }).fill('Pixelwerk');
  await form.getByRole('button', { name: 'Choose all shown' }).focus();
  await page.keyboard.press('Enter');
  await expect(form.getByText('Accounts chosen: 6')).toBeVisible();
  const demoGroup = form.getByRole('group', { name: 'Demo provider' });
  const secondGroup = form.getByRole('group', { name: 'Second provider' });
  for (const group of [demoGroup, secondGroup]) {
    for (const name of OWN) await expect(group.getByRole('checkbox', { name })).toBeChecked();
  }
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/chosen.png` });

  // The second provider goes away before the run: its three invitations wait, the demo's go through.
  await provider.stop();
  await form.getByRole('button', { name: 'Invite to the chosen accounts (6)' }).click();
  const outcomes = page.getByRole('table', { name: 'Outcome per account' });
  await expect(outcomes.getByRole('row')).toHaveCount(7);
  await expect(outcomes.locator('tr[data-state="done"]')).toHaveCount(3, { timeout: 20_000 });
  // The first send to the gone provider was held back; the ones after it wait their turn, in order.
  await expect(outcomes.locator('tr[data-state="heldBack"]')).toHaveCount(1, { timeout: 20_000 });
  for (const name of OWN) {
    await expect(outcomes.getByRole('row', { name: new RegExp(`^${name} Second provider`) })).toContainText(/^.*Waiting/);
  }
  await expect(page.getByText('Still to send: 3.', { exact: false })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuetext', '3 of 6 accounts have an outcome');
  expect(invitationsAt(provider, invitee).size).toBe(0);
  await page.screenshot({ path: `${SHOTS}/offline.png` });

  // It comes back on the same address: the queued invitations go out by themselves, each once.
  await provider.start();
  await expect(page.getByText('Finished: done 6, refused 0.')).toBeVisible({ timeout: 30_000 });
  await expect(outcomes.locator('tr[data-state="done"]')).toHaveCount(6);
  await expect(page.getByRole('button', { name: 'Retry failed' })).toBeDisabled();
  expect(Object.fromEntries(invitationsAt(provider, invitee))).toEqual(Object.fromEntries(OWN.map((name) => [name, 1])));
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/finished.png` });

  // The summary exports as CSV: one row per account with its outcome.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export summary (CSV)' }).click();
  const file = await (await download).path();
  const lines = (await readFile(file, 'utf8'))
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\n');
  expect(lines[0]).toBe('account,provider,account_id,outcome,reason_code,reason,attempts,updated_at');
  expect(lines.slice(1).filter((l) => /,done,/.test(l))).toHaveLength(6);

  // The mirror, by keyboard: the tabs move with the arrow keys; the search says where it found the person.
  await page.getByRole('tab', { name: 'Invite to many accounts' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Remove from every account' })).toBeFocused();
  const offboard = page.getByRole('form', { name: 'Remove one person from every account' });
  await offboard.getByLabel('Email', { exact: true }).fill(DEMO_LOGINS.agency.email);
  await offboard.getByLabel('Email', { exact: true }).press('Enter');
  await expect(page.getByText(`${DEMO_LOGINS.agency.email} has no access to any account you run.`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Demo provider is signed in as this person: leave accounts from their detail instead.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/offboard.png` });

  // Nothing more is sent later: the provider still holds one invitation per account.
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Bulk changes' }).click();
  await expect(page.getByText('Finished: done 6, refused 0.')).toBeVisible();
  expect(Object.fromEntries(invitationsAt(provider, invitee))).toEqual(Object.fromEntries(OWN.map((name) => [name, 1])));
});
