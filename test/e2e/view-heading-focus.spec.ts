import { navButton, startWithDemo, type ViewName } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';

interface HeadingFocus {
  heading: string;
  inFrame: boolean;
}

declare global {
  interface Window {
    headingFocuses?: HeadingFocus[];
  }
}

/**
 * Before the app's scripts: records each call of `focus()` on a view heading and whether it ran
 * inside an animation frame's callback. Focus in a commit effect forces a layout of the whole
 * screen there and then, and the frame lays it out once more; in the frame, the one layout serves both.
 */
function watchHeadingFocus(): void {
  const focuses: HeadingFocus[] = [];
  window.headingFocuses = focuses;
  let inFrame = 0;
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    request((time) => {
      inFrame++;
      try {
        callback(time);
      } finally {
        inFrame--;
      }
    });
  const focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
    if (this.matches('h2.view-title')) focuses.push({ heading: this.textContent ?? '', inFrame: inFrame > 0 });
    focus.call(this, options);
  };
}

test('each view heading takes focus inside an animation frame, never in the commit that opened the view', async ({ web, page }) => {
  await page.addInitScript(watchHeadingFocus);
  await startWithDemo(page, web.url);
  const views: [ViewName, string][] = [
    ['Settings', 'Settings'],
    ['Connections', 'Connections'],
    ['Accounts', 'All accounts'],
  ];
  for (const [view, heading] of views) {
    await navButton(page, view).click();
    // A screen reader hears where the user now is: the heading has focus, not the nav button.
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
  }
  const focuses = await page.evaluate(() => window.headingFocuses ?? []);
  for (const [, heading] of views) expect(focuses.map((f) => f.heading)).toContain(heading);
  expect(focuses.filter((f) => !f.inFrame)).toEqual([]);
});
