import { startWithDemo } from './fixtures/pages.js';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/web-mode.js';

declare global {
  interface Window {
    rowRenders?: { count: number; mounts: number };
  }
}

/**
 * Counts the list's row components that rendered, through the hook React reports each commit to
 * (the one its developer tools use): a row rendered when its props object is new, because a memo
 * that skips keeps the props it had; it was mounted when its fiber has no earlier version
 * (`alternate`). Rows are told by their props (`row`, `onFavourite`), which a minified build keeps.
 */
function countRowRenders(): void {
  const seen = new WeakSet<object>();
  const counter = { count: 0, mounts: 0 };
  window.rowRenders = counter;
  interface Fiber {
    memoizedProps: Record<string, unknown> | null;
    alternate: Fiber | null;
    child: Fiber | null;
    sibling: Fiber | null;
  }
  const walk = (fiber: Fiber | null) => {
    for (let f = fiber; f; f = f.sibling) {
      const props = f.memoizedProps;
      if (props && typeof props === 'object' && 'row' in props && 'onFavourite' in props && !seen.has(props)) {
        seen.add(props);
        counter.count++;
        if (!f.alternate) counter.mounts++;
      }
      walk(f.child);
    }
  };
  (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => undefined,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => walk(root.current),
  };
}

test('a change to one account re-renders that row only, not the rows around it', async ({ web, page }) => {
  await page.addInitScript(countRowRenders);
  await startWithDemo(page, web.url);
  const table = page.getByRole('table', { name: 'Accounts' });
  const rows = table.getByRole('row');
  await expect.poll(() => rows.count()).toBeGreaterThan(5);
  const shown = (await rows.count()) - 1;
  // Focus moves the roving tab stop (two rows render for that); from here on only the change counts.
  const star = table.getByRole('button', { name: /^Favourite / }).nth(2);
  await star.focus();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  const before = await page.evaluate(() => window.rowRenders!.count);

  await page.keyboard.press('Space');
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));

  const rendered = (await page.evaluate(() => window.rowRenders!.count)) - before;
  // The favourite's row renders for the change (and once more if main's answer differs); the
  // other rows on screen keep their props, so their memo skips them.
  expect(shown).toBeGreaterThan(5);
  expect(rendered).toBeGreaterThanOrEqual(1);
  expect(rendered).toBeLessThanOrEqual(2);
  await page.keyboard.press('Space');
  await expect(star).toHaveAttribute('aria-pressed', 'false');
});

/** The accounts whose rows the list holds, by their "Open panel for …" buttons. */
const accountsInRows = (page: Page) =>
  page
    .getByRole('table', { name: 'Accounts' })
    .getByRole('button', { name: /^Open panel for / })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')!));

/**
 * The demo's list in a short window, so its accounts are more than the rows the window holds and
 * a search can bring others in, with row renders counted from the first commit.
 */
async function shortListCounted(page: Page, url: string) {
  await page.setViewportSize({ width: 1280, height: 520 });
  await page.addInitScript(countRowRenders);
  await startWithDemo(page, url);
  const table = page.getByRole('table', { name: 'Accounts' });
  await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(5);
  return table;
}

test('a search that brings other accounts on screen writes them into the rows there, building no row', async ({ web, page }) => {
  const table = await shortListCounted(page, web.url);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  const before = await accountsInRows(page);
  const slots = before.length;
  await page.evaluate(() => {
    const added = { elements: 0, rows: 0 };
    (window as unknown as { added: typeof added }).added = added;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          added.elements += 1 + node.querySelectorAll('*').length;
          added.rows += (node.matches('[role="row"]') ? 1 : 0) + node.querySelectorAll('[role="row"]').length;
        }
    }).observe(document.querySelector('[role="table"] .grid__body')!, { subtree: true, childList: true });
  });
  const mountsBefore = await page.evaluate(() => window.rowRenders!.mounts);

  // Trattoria, Galleria, Piekarnia, …: the demo's accounts with "ia" in them, most of them below the first window.
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill('ia');
  await expect.poll(async () => (await accountsInRows(page)).filter((a) => !before.includes(a)).length).toBeGreaterThanOrEqual(3);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));

  const after = await accountsInRows(page);
  const arrived = after.filter((a) => !before.includes(a)).length;
  const added = await page.evaluate(() => (window as unknown as { added: { elements: number; rows: number } }).added);
  const mounted = (await page.evaluate(() => window.rowRenders!.mounts)) - mountsBefore;
  // The rows were there: none is mounted or added; an arriving account may add an element or two
  // its row did not need before (the last-opened time, an access end), where a row built anew is 21.
  expect(after.length).toBeLessThanOrEqual(slots);
  expect(mounted).toBe(0);
  expect(added.rows).toBe(0);
  expect(added.elements).toBeLessThanOrEqual(2 * arrived);
  // What the rows say is the search's answer, in order, as a fresh list would show it.
  await expect(table.getByRole('row').nth(1)).toHaveAttribute('aria-rowindex', '2');
  await expect(table.getByRole('button', { name: after[0]! })).toBeVisible();
});

test('a keystroke that leaves the accounts on screen where they were re-renders no row', async ({ web, page }) => {
  const table = await shortListCounted(page, web.url);
  // By role: the demo's accounts without a "c" in their name or domain then sort below the rows
  // the window holds, so a "c" changes the count, not the rows on screen (both checked below).
  await table.getByRole('button', { name: 'Role' }).click();
  await expect(table.getByRole('columnheader', { name: 'Role' })).toHaveAttribute('aria-sort', 'ascending');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  const before = await accountsInRows(page);
  const rendersBefore = await page.evaluate(() => window.rowRenders!.count);

  await page.getByRole('searchbox', { name: 'Search accounts' }).fill('c');
  const line = page.getByRole('paragraph').filter({ hasText: / of \d+ shown$/ });
  await expect(line).toBeVisible();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  const [shown, total] = ((await line.textContent()) ?? '').match(/\d+/g)!.map(Number);
  expect(shown).toBeLessThan(total!);

  expect(await accountsInRows(page)).toEqual(before);
  expect((await page.evaluate(() => window.rowRenders!.count)) - rendersBefore).toBe(0);
});
