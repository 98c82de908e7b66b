/**
 * The accounts list with 50,000 rows, as a user meets it (docs/ARCHITECTURE.md §11): the real
 * renderer build in web mode, the real main-process core in this process, ten connections to the
 * reference client area on loopback (5,000 accounts each), opened in Debian's Chromium. Every
 * figure is timed in the page (render-probe.ts), from the input to the next frame after the DOM
 * changed. `npm run bench -- render`.
 */
import type { Page } from 'playwright-core';
import type { ListedAccount } from '../src-shared/ipc/channels/accounts.js';
import { applyAccountChanges } from '../src-renderer/accounts/account-changes.js';
import { DEFAULT_SORT, indexAccounts, NO_FILTER } from '../src-renderer/accounts/account-filter.js';
import { AccountSearch } from '../src-renderer/accounts/account-search.js';
import { openDatabase } from '../src-server/db/database.js';
import type { WebMode } from '../src-main/web/web-mode.js';
import { AGENCY_PASSWORD, seedAgency } from './agency-provider.js';
import { median, p95, quiet } from './page-probe.js';
import type { Switched } from './render-probe.js';
import type { BenchRow } from './run.js';
import { withWebModeBench, type WebModeBench } from './web-mode-page.js';

const ACCOUNTS = 5_000;
const CONNECTIONS = 20;
const SWITCHES = 5;
const CHANGED = 100;
/** How many changes are timed (the first alone is the row the target is read from). */
const CHANGE_SAMPLES = 5;
/** What people type: a customer's name, then a domain, then a provider. */
const QUERIES = ['bellini', 'alpen-dental', 'provider 7'];

/**
 * The list's count line as shown, e.g. "50,000 accounts" or "2,500 of 50,000 shown": the visible
 * paragraph, not its live region, which says a search only once typing has paused.
 */
const countLine = (page: Page, ending: RegExp) => page.getByRole('paragraph').filter({ hasText: ending }).first().textContent();

/** From another view back to the list, the store already holding every row: the first, then `SWITCHES` more. */
async function switchesBack(page: Page): Promise<Switched[]> {
  const views = page.getByRole('navigation', { name: 'Views' });
  const accounts = views.getByRole('button', { name: /^Accounts\b/ });
  const switches: Switched[] = [];
  for (let i = 0; i <= SWITCHES; i++) {
    await views.getByRole('button', { name: /^Settings\b/ }).click();
    await quiet(page);
    switches.push(await accounts.evaluate((button: HTMLElement) => window.renderProbe!.switchTo(button)));
    await quiet(page);
  }
  return switches;
}

/** Real key presses into the search field, one character at a time; each timed to the list settled. */
async function keystrokes(page: Page, n: string): Promise<number[]> {
  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  const times: number[] = [];
  for (const query of QUERIES) {
    await search.fill('');
    await quiet(page);
    await search.focus();
    for (const key of query) {
      await page.evaluate(() => window.renderProbe!.armKeystroke());
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      times.push(await page.evaluate(() => window.renderProbe!.settled()));
    }
    // A query that matched nothing would time the empty state instead of the list.
    const shown = await countLine(page, / of .* shown$/);
    if (!shown || shown.startsWith('0 ')) throw new Error(`“${query}” left “${shown}”; expected some of the ${n} rows.`);
    process.stderr.write(`  “${query}”: ${shown}\n`);
  }
  await search.fill('');
  await quiet(page);
  return times;
}

/** Renames `CHANGED` accounts of one connection at the provider, syncs it, and times the notice to the list showing them. */
async function changeShown(
  page: Page,
  web: WebMode,
  databaseFile: string,
  connectionId: string,
  rows: readonly ListedAccount[],
  prefix = 'AAA',
): Promise<number> {
  const renamed = rows.filter((r) => r.connectionId === connectionId).slice(0, CHANGED);
  // Sorted by name, the renamed rows come first: on the screen as soon as the list is current.
  const marker = `${prefix} Changed ${Date.now()}`;
  await page.evaluate((text) => window.renderProbe!.armChange(text), marker);
  const db = openDatabase({ file: databaseFile, url: '' });
  try {
    const at = new Date().toISOString();
    for (const [i, row] of renamed.entries())
      await db
        .updateTable('accounts')
        .set({ name: `${marker} ${i}`, updated_at: at })
        .where('id', '=', row.id)
        .execute();
  } finally {
    await db.destroy();
  }
  await web.core.sync.syncOne(connectionId);
  return page.evaluate(() => window.renderProbe!.changeShown());
}

/**
 * The floor a keystroke figure stands on: the same probe, the same browser, a page with nothing
 * but a search field whose input writes one line. What it measures is Chromium's own path from a
 * key press to the next frame, which no work of the app's can go under.
 */
async function emptyPageKeystrokes(openPage: WebModeBench['openPage']): Promise<number[]> {
  const { page } = await openPage();
  try {
    await page.goto(
      'data:text/html,<main><input type="search" aria-label="Search"><p id="echo"></p></main>' +
        '<script>document.querySelector("input").addEventListener("input", (e) => { document.getElementById("echo").textContent = e.target.value; });</script>',
    );
    await page.getByRole('searchbox', { name: 'Search' }).focus();
    const times: number[] = [];
    for (const key of QUERIES.join('')) {
      await page.evaluate(() => window.renderProbe!.armKeystroke());
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      times.push(await page.evaluate(() => window.renderProbe!.settled()));
    }
    return times;
  } finally {
    await page.close();
  }
}

/** The index, a change and the search alone, without React or a browser: what they cost in script. */
function scriptOnly(rows: readonly ListedAccount[]): { index: number; change: number; filter: number[] } {
  const indexStarted = performance.now();
  const index = indexAccounts(rows);
  const indexMs = performance.now() - indexStarted;
  // What a sync that renamed CHANGED rows costs the renderer's index (accounts.changes), as the page applies it.
  const renamed = rows.slice(0, CHANGED).map((r) => ({ ...r, name: `AAA Changed ${r.name}` }));
  const changeStarted = performance.now();
  applyAccountChanges(index, renamed, []);
  const changeMs = performance.now() - changeStarted;
  // Each query searched over every row, as after a cleared field: the list's own search, its buffer kept between queries.
  const search = new AccountSearch();
  const filter: number[] = [];
  for (const query of ['b', 'be', 'bel', 'bellini', 'provider 7', 'alpen-dental']) {
    search.run(index, NO_FILTER, DEFAULT_SORT);
    const started = performance.now();
    search.run(index, { ...NO_FILTER, query }, DEFAULT_SORT);
    filter.push(performance.now() - started);
  }
  return { index: indexMs, change: changeMs, filter };
}

/** The page's JavaScript heap in use, after Chromium collected what it could. */
async function rendererHeapMegabytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return Math.round(usedSize / 1_048_576);
}

export async function run(): Promise<BenchRow[]> {
  process.stderr.write(`  building the renderer; seeding ${ACCOUNTS.toLocaleString('en')} accounts × ${CONNECTIONS} logins…\n`);
  return withWebModeBench(
    'render',
    (databaseFile) => seedAgency(databaseFile, ACCOUNTS, CONNECTIONS),
    async ({ databaseFile, provider, web, openPage }, agency) => {
      // Synced before the page opens, so it starts from main's cache as the desktop app does.
      const ids: string[] = [];
      for (const [i, email] of agency.logins.entries())
        ids.push((await web.core.connections.add({ baseUrl: provider.url, email, password: AGENCY_PASSWORD, label: `Provider ${i + 1}` })).id);
      await web.core.sync.syncAll();
      await web.core.idle();
      const listed = await web.core.dispatch('accounts.list', {});
      if (!listed.ok) throw new Error(`accounts.list: ${listed.error.message}`);
      const rows = listed.result as ListedAccount[];
      const n = rows.length.toLocaleString('en');

      const { page, errors } = await openPage();
      await page.goto(web.url);
      const coldStart = await page.evaluate(() => window.renderProbe!.firstScreen);
      await quiet(page);
      const counted = await countLine(page, /accounts$/);
      if (counted?.replace(/\D/g, '') !== String(rows.length))
        throw new Error(`The list says “${counted}”; main lists ${rows.length} rows. ${errors.join(' ')}`);

      const [first, ...warm] = await switchesBack(page);
      if (first!.rows < 10) throw new Error(`The list showed ${first!.rows} rows; expected a full screen. ${errors.join(' ')}`);
      const typed = await keystrokes(page, n);
      const changed = await changeShown(page, web, databaseFile, ids[0]!, rows);
      // One change is one sample; four more, each at another connection, give a median beside it.
      const changes = [changed];
      for (const [i, id] of ids.slice(1, CHANGE_SAMPLES).entries()) {
        await quiet(page);
        // "AA4 …", then "AA3 …": each change sorts before the last one's rows, on the first screen.
        changes.push(await changeShown(page, web, databaseFile, id, rows, `AA${CHANGE_SAMPLES - 1 - i}`));
      }
      if (errors.length > 0) throw new Error(`The page failed: ${errors.join(' ')}`);
      const script = scriptOnly(rows);
      const heap = await rendererHeapMegabytes(page);
      const floor = await emptyPageKeystrokes(openPage);

      return [
        { name: `accounts list: index ${n} rows (sort, search text), script only`, value: script.index, unit: 'ms' },
        { name: `accounts list: apply ${CHANGED} changed rows to the ${n}-row index, script only`, value: script.change, unit: 'ms' },
        { name: `accounts list: cold start to first screen (web mode, ${n} rows from cache)`, value: coldStart, unit: 'ms', target: 400 },
        { name: `accounts list: first screen, first switch to the list (${n} rows)`, value: first!.render, unit: 'ms', target: 60 },
        { name: `accounts list: first screen, first switch, to next frame`, value: first!.frame, unit: 'ms' },
        { name: `accounts list: first screen, median of ${SWITCHES} more switches`, value: median(warm.map((w) => w.render)), unit: 'ms', target: 60 },
        { name: `accounts list: search keystroke to next frame, median of ${typed.length}`, value: median(typed), unit: 'ms', target: 12 },
        { name: `accounts list: search keystroke to next frame, p95`, value: p95(typed), unit: 'ms', target: 16 },
        { name: `accounts list: search keystroke to next frame, slowest`, value: Math.max(...typed), unit: 'ms' },
        { name: `accounts list: ${CHANGED} of ${n} rows changed, notice to list current`, value: changed, unit: 'ms', target: 30 },
        { name: `accounts list: ${CHANGED} rows changed, notice to list current, median of ${changes.length}`, value: median(changes), unit: 'ms', target: 30 },
        { name: `floor: keystroke to next frame on an empty page, median of ${floor.length}`, value: median(floor), unit: 'ms' },
        { name: `floor: keystroke to next frame on an empty page, p95`, value: p95(floor), unit: 'ms' },
        { name: `accounts list: filter ${n} rows, script only, median`, value: median(script.filter), unit: 'ms', target: 16 },
        { name: `renderer heap holding ${n} rows, after a collection`, value: heap, unit: 'MB', target: 250 },
      ];
    },
  );
}
