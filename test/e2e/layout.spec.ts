import type { Locator } from '@playwright/test';
import { startWithDemo } from './fixtures/pages.js';
import { expect, test } from './fixtures/web-mode.js';
import en from '../../src-renderer/i18n/locales/en.json' with { type: 'json' };
import fr from '../../src-renderer/i18n/locales/fr.json' with { type: 'json' };
import italian from '../../src-renderer/i18n/locales/it.json' with { type: 'json' };
import pl from '../../src-renderer/i18n/locales/pl.json' with { type: 'json' };

/**
 * At the window size people keep (1280 × 800) no header or control of the accounts list and of the
 * invite form may run out of its box or over its neighbour, in any of the four languages: long
 * Polish and Italian words are where it breaks first.
 */

const LANGUAGES = [
  { value: 'en', settingsLabel: 'Language of the app' },
  { value: 'it', settingsLabel: "Lingua dell'app" },
  { value: 'fr', settingsLabel: "Langue de l'application" },
  { value: 'pl', settingsLabel: 'Język aplikacji' },
] as const;

/**
 * What is wrong with the layout of the elements `selector` finds inside `container`: a part of one
 * that lies outside its box (a badge or a word running into the next column), two neighbours whose
 * boxes overlap, and, where `whole` text is expected (headers, controls), text cut short.
 */
async function layoutProblems(container: Locator, selector: string, whole = true): Promise<string[]> {
  return container.evaluate(
    (root, { selector, whole }) => {
      const name = (el: Element) => (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 40);
      const shown = (el: Element) => {
        const box = el.getBoundingClientRect();
        // A 1-pixel box is the visually hidden text kept for screen readers, not a label.
        return box.width > 2 && box.height > 2 && getComputedStyle(el).visibility !== 'hidden';
      };
      const elements = [...root.querySelectorAll<HTMLElement>(selector)].filter(shown);
      const problems: string[] = [];
      for (const el of elements) {
        const box = el.getBoundingClientRect();
        const parts = [...el.querySelectorAll<HTMLElement>('*')].filter(shown);
        if (whole) {
          const cut = [el, ...parts].find((part) => part.scrollWidth > part.clientWidth + 1 && getComputedStyle(part).overflowX !== 'visible');
          if (cut) problems.push(`"${name(el)}" is cut (${cut.scrollWidth} > ${cut.clientWidth} px)`);
          const range = document.createRange();
          range.selectNodeContents(el);
          for (const line of range.getClientRects()) {
            if (line.width > 0 && (line.right > box.right + 1 || line.left < box.left - 1)) {
              problems.push(`"${name(el)}" spills out of its column`);
              break;
            }
          }
        }
        // Content a box clips on purpose (a long name ending in "…") does not run into the next column.
        const clipped = (part: Element) => {
          for (let up = part.parentElement; up && up !== el.parentElement; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible') return true;
          }
          return false;
        };
        const outside = parts.find((part) => {
          const inner = part.getBoundingClientRect();
          return (inner.right > box.right + 1 || inner.left < box.left - 1) && !clipped(part);
        });
        if (outside) problems.push(`"${name(outside)}" runs out of "${name(el)}"`);
      }
      for (let i = 0; i < elements.length; i++) {
        for (let j = i + 1; j < elements.length; j++) {
          const a = elements[i]!.getBoundingClientRect();
          const b = elements[j]!.getBoundingClientRect();
          const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (overlapX > 1 && overlapY > 1) problems.push(`"${name(elements[i]!)}" overlaps "${name(elements[j]!)}"`);
        }
      }
      return problems;
    },
    { selector, whole },
  );
}

type Words = typeof en;
const WORDS: Record<(typeof LANGUAGES)[number]['value'], Words> = { en, it: italian, fr, pl };

/** An account the demo user owns, so its detail has the invite form. */
const OWNED = 'Pixelwerk Studio';

test('no header or control overflows or overlaps its neighbour at 1280 × 800, in every language', async ({ web, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await startWithDemo(page, web.url);
  let current: string = LANGUAGES[0].settingsLabel;
  for (const language of LANGUAGES) {
    const words = WORDS[language.value];
    await test.step(language.value, async () => {
      // The views in their order (Accounts, Invitations, Connections, Settings), named in the current language.
      await page.getByRole('navigation').first().getByRole('button').nth(3).click();
      await page.getByRole('combobox', { name: current }).selectOption(language.value);
      await expect(page.locator('html')).toHaveAttribute('lang', language.value);
      current = language.settingsLabel;

      await page.getByRole('navigation').first().getByRole('button').first().click();
      const table = page.getByRole('table', { name: words.accounts.listLabel });
      await expect(table.getByRole('row').nth(1)).toBeVisible();
      expect.soft(await layoutProblems(table.getByRole('row').first(), '[role="columnheader"]'), 'accounts table headers').toEqual([]);
      // Names and permission lists may end in "…"; nothing may run into the next column.
      expect.soft(await layoutProblems(table.getByRole('row').nth(1), '[role="cell"]', false), 'first account row').toEqual([]);
      expect.soft(await layoutProblems(page.getByRole('group', { name: words.accounts.filtersLabel }), ':scope > *'), 'accounts filters').toEqual([]);

      await table.getByRole('button', { name: words.accounts.detailsFor.replace('{{name}}', OWNED), exact: true }).click();
      await page.getByRole('tab', { name: new RegExp(`^${words.detail.tabs.invitations}`) }).click();
      const preset = page.getByRole('radiogroup', { name: words.team.preset });
      await expect(preset).toBeVisible();
      expect.soft(await layoutProblems(preset, 'label'), 'invite form preset').toEqual([]);
      const tops = await preset.locator('label').evaluateAll((labels) => labels.map((l) => Math.round(l.getBoundingClientRect().top)));
      expect.soft(new Set(tops).size, `the preset control stays on one line (${tops.join(', ')})`).toBe(1);

      // Services and domains to choose from read as the rest of the form does, not as code.
      await page.getByRole('radio', { name: words.team.scopeChosen }).check();
      const services = page.getByRole('group', { name: words.team.scopeServicesLabel });
      await expect(services.getByRole('checkbox').first()).toBeVisible();
      const fonts = await services
        .locator('label')
        .evaluateAll((labels) =>
          labels.map((label) => getComputedStyle(label.querySelector('span') ?? label).fontFamily === getComputedStyle(document.body).fontFamily),
        );
      expect.soft(fonts, 'scope picker options use the text font').not.toContain(false);
      await page.getByRole('radio', { name: words.team.scopeAll }).check();
    });
  }
});
