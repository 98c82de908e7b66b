/**
 * The access review with 50,000 rows, driven the way render.bench.ts drives the accounts list: the
 * real renderer build in web mode, the real core in this process, one agency login at the reference
 * client area on loopback owning 1,000 accounts, each shared with 50 people (51,000 accesses),
 * opened in Debian's Chromium; every figure timed in the page by render-probe.ts. The gathering
 * itself (2,000 requests) is timed in main. `npm run bench -- review`.
 */
import type { Page } from 'playwright-core';
import { PERMISSION_PRESETS, type Permission } from '../src-shared/api/permissions.js';
import type { AccessReview } from '../src-shared/ipc/channels/access-review.js';
import { filterReview, indexReview, NO_FILTERS } from '../src-renderer/access-review/review-filter.js';
import { openDatabase } from '../src-server/db/database.js';
import { migrateToLatest } from '../src-server/db/migrations.js';
import { createAccount } from '../src-server/domain/accounts.js';
import { insertMembership } from '../src-server/domain/memberships.js';
import { createUser } from '../src-server/domain/users.js';
import { AGENCY_PASSWORD } from './agency-provider.js';
import { median, quiet } from './page-probe.js';
import type { BenchRow } from './run.js';
import { withWebModeBench } from './web-mode-page.js';

const ACCOUNTS = 1_000;
const PEOPLE = 50;
const SWITCHES = 5;
const QUERIES = ['person 7', 'customer 42'];
const GRANTS: readonly (readonly Permission[])[] = Object.values(PERMISSION_PRESETS);

/** One owner login, `ACCOUNTS` accounts, the same `PEOPLE` logins on each with the presets in turn. */
async function seedReview(databaseFile: string): Promise<string> {
  const db = openDatabase({ file: databaseFile, url: '' });
  try {
    await migrateToLatest(db);
    const now = new Date();
    const owner = 'owner@review-bench.example';
    await createUser(db, now, { email: owner, name: 'Review Agency', password: AGENCY_PASSWORD });
    const people: string[] = [];
    for (let i = 0; i < PEOPLE; i++)
      people.push((await createUser(db, now, { email: `person${i}@people.example`, name: `Person ${i}`, password: AGENCY_PASSWORD })).id);
    const accounts: string[] = [];
    for (let n = 0; n < ACCOUNTS; n++) accounts.push((await createAccount(db, now, { name: `Customer ${n}`, ownerEmail: owner })).id);
    await db.transaction().execute(async (trx) => {
      for (const [n, accountId] of accounts.entries())
        for (const [i, userId] of people.entries())
          await insertMembership(trx, now, { accountId, userId, role: i % 10 === 0 ? 'admin' : 'member', permissions: [...GRANTS[(n + i) % GRANTS.length]!] });
    });
    return owner;
  } finally {
    await db.destroy();
  }
}

/** Times one input (a key press, a click on a filter) to the frame after the view settled. */
async function timedInput(page: Page, act: () => Promise<void>): Promise<number> {
  await page.evaluate(() => window.renderProbe!.armKeystroke());
  await act();
  return page.evaluate(() => window.renderProbe!.settled());
}

export async function run(): Promise<BenchRow[]> {
  process.stderr.write(`  building the renderer; seeding ${ACCOUNTS.toLocaleString('en')} accounts × ${PEOPLE} people…\n`);
  return withWebModeBench('review', seedReview, async ({ provider, web, openPage }, owner) => {
    await web.core.connections.add({ baseUrl: provider.url, email: owner, password: AGENCY_PASSWORD, label: 'Review provider' });
    await web.core.sync.syncAll();
    await web.core.idle();

    const gatherStarted = performance.now();
    const gathered = await web.core.dispatch('accessReview.get', { refresh: true });
    const gatherMs = performance.now() - gatherStarted;
    if (!gathered.ok) throw new Error(`accessReview.get: ${gathered.error.message}`);
    const review = gathered.result as AccessReview;
    const n = review.rows.length.toLocaleString('en');
    if (review.gaps.length > 0) throw new Error(`The review has gaps: ${review.gaps.map((g) => g.reason).join(' ')}`);

    const { page, errors } = await openPage();
    await page.goto(web.url);
    await page.evaluate(() => window.renderProbe!.firstScreen);
    await quiet(page);

    const views = page.getByRole('navigation', { name: 'Views' });
    const reviewButton = views.getByRole('button', { name: 'Access review' });
    // The first visit: the view asks main (cached there), indexes the rows and shows the first screen.
    const firstVisit = await reviewButton.evaluate((button: HTMLElement) => window.renderProbe!.switchTo(button));
    await quiet(page);
    const counted = await page
      .getByRole('status')
      .filter({ hasText: /accesses across/ })
      .first()
      .textContent();
    if (counted?.split(' ')[0]?.replace(/\D/g, '') !== String(review.rows.length))
      throw new Error(`The view says “${counted}”; main has ${n} rows. ${errors.join(' ')}`);
    const switches: number[] = [];
    for (let i = 0; i < SWITCHES; i++) {
      await views.getByRole('button', { name: /^Settings\b/ }).click();
      await quiet(page);
      switches.push((await reviewButton.evaluate((button: HTMLElement) => window.renderProbe!.switchTo(button))).render);
      await quiet(page);
    }

    const search = page.getByRole('searchbox', { name: 'Search people and accounts' });
    const typed: number[] = [];
    for (const query of QUERIES) {
      await search.fill('');
      await quiet(page);
      await search.focus();
      for (const key of query) typed.push(await timedInput(page, () => page.keyboard.press(key === ' ' ? 'Space' : key)));
    }
    await search.fill('');
    await quiet(page);
    const chip = page.getByRole('group', { name: 'Filters' }).getByRole('checkbox', { name: 'All permissions' });
    const toggled: number[] = [];
    for (let i = 0; i < 4; i++) toggled.push(await timedInput(page, () => chip.click({ force: true })));
    const grouped = await timedInput(page, () => page.getByRole('radio', { name: 'By person' }).check({ force: true }));
    if (errors.length > 0) throw new Error(`The page failed: ${errors.join(' ')}`);

    // Wall time, and this process's CPU time: on a shared machine the second says what the code costs.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    const indexStarted = performance.now();
    const indexCpu = process.cpuUsage();
    const index = indexReview(review.rows);
    const indexCpuMs = cpuMs(indexCpu);
    const indexMs = performance.now() - indexStarted;
    const filterTimes: number[] = [];
    const filterCpu: number[] = [];
    for (const filters of [{ query: 'person 7' }, { allPermissions: true }, { query: 'customer 4', noTwoFactor: false }, { stale: true }])
      for (const grouping of ['account', 'person'] as const) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        filterReview(index, { ...NO_FILTERS, ...filters }, grouping, new Date());
        filterCpu.push(cpuMs(cpu));
        filterTimes.push(performance.now() - started);
      }

    return [
      { name: `access review: gather ${ACCOUNTS.toLocaleString('en')} accounts (${n} rows) in main, concurrency 6`, value: gatherMs, unit: 'ms' },
      { name: `access review: first visit to first screen (${n} rows from main's cache)`, value: firstVisit.render, unit: 'ms' },
      { name: `access review: first screen, median of ${SWITCHES} switches back`, value: median(switches), unit: 'ms', target: 60 },
      { name: `access review: search keystroke to next frame, median of ${typed.length}`, value: median(typed), unit: 'ms', target: 16 },
      { name: `access review: search keystroke to next frame, slowest`, value: Math.max(...typed), unit: 'ms' },
      { name: `access review: filter chip to next frame, median of ${toggled.length}`, value: median(toggled), unit: 'ms', target: 16 },
      { name: `access review: group by person to next frame`, value: grouped, unit: 'ms' },
      { name: `access review: index ${n} rows, script only`, value: indexMs, unit: 'ms' },
      { name: `access review: index ${n} rows, script only, CPU time`, value: indexCpuMs, unit: 'ms' },
      { name: `access review: filter and group ${n} rows, script only, median`, value: median(filterTimes), unit: 'ms', target: 16 },
      { name: `access review: filter and group ${n} rows, script only, CPU time, median`, value: median(filterCpu), unit: 'ms' },
    ];
  });
}
