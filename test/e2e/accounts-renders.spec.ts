import { startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

declare global {
  interface Window {
    rowRenders?: { count: number };
  }
}

/**
 * Counts the list's row components that rendered, through the hook React reports each commit to
 * (the one its developer tools use): a row rendered when its props object is new, because a memo
 * that skips keeps the props it had. Rows are told by their props (`row`, `onFavourite`), which a
 * minified build keeps.
 */
function countRowRenders(): void {
  const seen = new WeakSet<object>();
  const counter = { count: 0 };
  window.rowRenders = counter;
  interface Fiber {
    memoizedProps: Record<string, unknown> | null;
    child: Fiber | null;
    sibling: Fiber | null;
  }
  const walk = (fiber: Fiber | null) => {
    for (let f = fiber; f; f = f.sibling) {
      const props = f.memoizedProps;
      if (props && typeof props === 'object' && 'row' in props && 'onFavourite' in props && !seen.has(props)) {
        seen.add(props);
        counter.count++;
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
