/**
 * Reads WHMCS client-area pages by what providers keep when they restyle or translate a theme:
 * form actions (route paths), input names, data attributes and the links of the default themes,
 * never the English wording. Both default themes (twenty-one and six) put the same anchors around
 * different containers, so nothing here depends on the container.
 */
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Page } from './browser.js';

/**
 * The route a link or form action names, whatever URL style the install uses: basic
 * (`index.php?rp=/login`), friendly (`/index.php/login`) or rewritten (`/login`).
 */
export function routeOf(href: string | undefined, page: URL): string | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href, page);
  } catch {
    return null;
  }
  const rp = url.searchParams.get('rp');
  if (rp) return rp;
  const index = url.pathname.indexOf('/index.php');
  if (index >= 0) return url.pathname.slice(index + '/index.php'.length) || '/';
  return url.pathname;
}

/** The first form whose action is `route` (a string for an exact route, a pattern otherwise). */
export function formFor(page: Page, route: string | RegExp): Cheerio<Element> | null {
  const forms = page.$('form').filter((_, form) => {
    const action = routeOf(page.$(form).attr('action'), page.url);
    return action !== null && (typeof route === 'string' ? action === route || action.endsWith(route) : route.test(action));
  });
  return forms.length > 0 ? forms.first() : null;
}

/** The form's hidden fields (the CSRF `token` among them), as a browser would submit them. */
export function hiddenFields($: CheerioAPI, form: Cheerio<Element>): URLSearchParams {
  const fields = new URLSearchParams();
  form.find('input[type="hidden"][name]').each((_, input) => {
    fields.append($(input).attr('name') ?? '', $(input).attr('value') ?? '');
  });
  return fields;
}

export type PageKind = 'rate_limited' | 'banned' | 'login' | 'challenge' | 'switch_account' | 'signed_in' | 'unknown';

export function isLoginForm(page: Page, form: Cheerio<Element> | null): boolean {
  return form !== null && form.find('input[name="username"]').length > 0 && form.find('input[name="password"]').length > 0;
}

/** A login form carries a captcha when it has the built-in one's `code` input or a reCAPTCHA/hCaptcha box. */
export function hasCaptcha(form: Cheerio<Element>): boolean {
  return form.find('input[name="code"], .g-recaptcha, .h-captcha, [data-sitekey], .recaptcha-container').length > 0;
}

export const LOGIN_ROUTE = '/login';
export const CHALLENGE_VERIFY = /\/login\/challenge\/verify$/;
export const SWITCH_ACCOUNT_ROUTE = '/user/accounts';

/** What kind of page the browser ended on, from its status, address and forms. */
export function kindOf(page: Page): PageKind {
  if (page.status === 429) return 'rate_limited';
  if (page.url.pathname.endsWith('/banned.php')) return 'banned';
  if (formFor(page, CHALLENGE_VERIFY)) return 'challenge';
  if (isLoginForm(page, formFor(page, LOGIN_ROUTE))) return 'login';
  if (page.$('a[href]').filter((_, a) => /(^|\/)logout\.php(\?|$)/.test(page.$(a).attr('href') ?? '')).length > 0) {
    return routeOf(page.url.href, page.url) === SWITCH_ACCOUNT_ROUTE && formFor(page, SWITCH_ACCOUNT_ROUTE) ? 'switch_account' : 'signed_in';
  }
  return 'unknown';
}

export interface SwitchAccountRow {
  id: string;
  name: string;
  owner: boolean;
  closed: boolean;
}

/** The text of an element without its badges (`.label`/`.badge`), squeezed. */
function ownText($: CheerioAPI, element: Cheerio<AnyNode>): string {
  const copy = element.clone();
  copy.find('.label, .badge, i, svg').remove();
  return copy.text().replace(/\s+/g, ' ').trim();
}

/**
 * The Switch Account list: each account is an anchor with `data-id`; the owner badge is the
 * `label-info` (or `badge-info`) one, and a closed account's anchor is `disabled`.
 */
export function parseSwitchAccount(page: Page): SwitchAccountRow[] {
  const { $ } = page;
  const rows: SwitchAccountRow[] = [];
  $('a[data-id]').each((_, anchor) => {
    const element = $(anchor);
    const id = element.attr('data-id')?.trim() ?? '';
    if (!/^[0-9]+$/.test(id)) return;
    rows.push({
      id,
      name: ownText($, element),
      owner: element.find('.label-info, .badge-info').length > 0,
      closed: element.hasClass('disabled') || element.attr('aria-disabled') === 'true',
    });
  });
  return rows;
}

/**
 * A Switch Account page that shows a list the reader found no account in: the accounts are there,
 * in markup it does not know (a restyled theme). The default themes' empty state has neither the
 * `.select-account` list nor any `data-id`, so an empty reading of such a page is not "no accounts".
 */
export function hasUnreadAccountList(page: Page, rows: readonly SwitchAccountRow[]): boolean {
  return rows.length === 0 && page.$('.select-account, [data-id]').length > 0;
}

export interface HomeCounts {
  services: number;
  domains: number;
  unpaidInvoices: number;
  openTickets: number;
}

const TILE_LINKS: Record<keyof HomeCounts, RegExp> = {
  services: /clientarea\.php\?(.*&)?action=services(&|$)/,
  domains: /clientarea\.php\?(.*&)?action=domains(&|$)/,
  unpaidInvoices: /clientarea\.php\?(.*&)?action=invoices(&|$)/,
  openTickets: /(^|\/)supporttickets\.php(\?|$)/,
};

/**
 * The home page's summary tiles: the first link to each list that holds a bare number. A tile the
 * theme leaves out (six shows domains only where domains are sold) counts as zero; null when the
 * page has no tile at all, i.e. is not the home page.
 */
export function parseHomeCounts(page: Page): HomeCounts | null {
  const { $ } = page;
  const counts: HomeCounts = { services: 0, domains: 0, unpaidInvoices: 0, openTickets: 0 };
  let found = 0;
  for (const key of Object.keys(TILE_LINKS) as (keyof HomeCounts)[]) {
    $('a[href]').each((_, anchor) => {
      if (!TILE_LINKS[key].test($(anchor).attr('href') ?? '')) return true;
      const number = $(anchor)
        .find('*')
        .toArray()
        .map((node) => $(node).clone().children().remove().end().text().trim())
        .find((text) => /^[0-9]+$/.test(text));
      if (number === undefined) return true;
      counts[key] = Number(number);
      found++;
      return false;
    });
  }
  return found > 0 ? counts : null;
}

/**
 * The page's HTML with what could identify or sign in the user removed (form values, the CSRF
 * token, scripts, query strings of links), cut short: fit for a log a user attaches to a bug report.
 */
export function redactedHtml(page: Page, limit = 20_000): string {
  const $ = load(page.html).root();
  $.find('script, style, svg').remove();
  // Meta tags carry CSRF tokens in many themes; nothing in them helps a bug report.
  $.find('meta[content]').each((_, meta) => {
    (meta as Element).attribs.content = '[removed]';
  });
  $.find('input').each((_, input) => {
    const attributes = (input as Element).attribs;
    if ('value' in attributes) attributes.value = '[removed]';
  });
  $.find('a[href], form[action]').each((_, element) => {
    const attributes = (element as Element).attribs;
    for (const name of ['href', 'action']) {
      const value = attributes[name];
      if (value && /[?&](token|key|hash|code)=/i.test(value)) attributes[name] = value.replace(/([?&](token|key|hash|code)=)[^&#]*/gi, '$1[removed]');
    }
  });
  // Whoever is signed in (and their contacts) shows in the page's text: addresses never reach the log.
  return ($.html() ?? '').replace(/[^\s<>"'@]+@[^\s<>"'@]+\.[a-z]{2,}/gi, '[email removed]').slice(0, limit);
}
