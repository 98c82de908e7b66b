import type { Logger } from 'pino';
import { z } from 'zod';
import type { User } from '../../../../src-shared/api/users.js';
import { ClientdeckError, isClientdeckError } from '../../../errors.js';
import type { CredentialSlot, PanelCookie, RequestOptions, SignInOptions } from '../../connector.js';
import { Browser, type Page } from './browser.js';
import { unrecognisedPage, whmcsFailures } from './failures.js';
import {
  CHALLENGE_VERIFY,
  formFor,
  hasCaptcha,
  hasUnreadAccountList,
  hiddenFields,
  kindOf,
  LOGIN_ROUTE,
  parseSwitchAccount,
  SWITCH_ACCOUNT_ROUTE,
  type SwitchAccountRow,
} from './pages.js';

export interface WhmcsSessionOptions {
  baseUrl: string;
  /** Holds the login (email and password): WHMCS has no refresh token, so this is what signs in again. */
  credentials: CredentialSlot;
  logger: Logger;
  timeoutMs?: number;
}

/** What the vault holds for a `whmcs` connection. */
const StoredLogin = z.object({ email: z.string(), password: z.string() });

/**
 * Every route is asked as `index.php?rp=<route>`, which every WHMCS install answers whatever
 * URL style it shows, so the connector need not guess the install's rewrite rules.
 */
export const route = (path: string) => `index.php?rp=${path}`;

/**
 * A signed-in browser session at one WHMCS client area. The session cookie lives in the
 * browser's in-memory jar only; the login itself is in the vault. WHMCS keeps the chosen client
 * account in the session, so everything that switches account and then reads runs one at a time
 * (`exclusive`), and a session that ended is signed in again once, by itself.
 */
export class WhmcsSession {
  readonly provider: string;
  readonly #browser: Browser;
  #token: string | null = null;
  #signedIn = false;
  #activeAccount: string | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WhmcsSessionOptions) {
    this.provider = new URL(options.baseUrl).host;
    this.#browser = new Browser(options.baseUrl, this.provider, options.timeoutMs ?? 10_000);
  }

  /** An address of the client area, as this session's browser resolves it. */
  address(path: string): URL {
    return this.#browser.resolve(path);
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** Runs `task` alone on the session: WHMCS's "current account" is session state shared by every request. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async signIn(email: string, password: string, options: SignInOptions = {}): Promise<User> {
    await this.exclusive(() => this.#signInNow(email, password, options));
    // The login goes to the vault only once the provider accepted it.
    await this.options.credentials.write(JSON.stringify({ email, password }));
    return { id: email, email, name: email, customerNumber: '', status: 'active' };
  }

  /** Signs in again with the stored login: what "refresh" means for a provider without tokens. */
  refresh(options: RequestOptions = {}): Promise<void> {
    return this.exclusive(() => this.#signInFromVault(options));
  }

  async signOut(): Promise<void> {
    try {
      if (this.#signedIn) await this.#browser.get('logout.php');
    } catch (error) {
      this.logger.debug({ provider: this.provider, code: isClientdeckError(error) ? error.code : 'unknown' }, 'WHMCS sign-out failed');
    } finally {
      this.#signedIn = false;
      this.#activeAccount = null;
      this.#browser.forgetSession();
    }
  }

  async probe(options: RequestOptions = {}): Promise<boolean> {
    try {
      await this.#browser.get(route(LOGIN_ROUTE), options.signal);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A second session signed in with the stored login, apart from this one: a panel window takes
   * it over, so the switching and reading this session does never moves the window's account.
   */
  async separate(signal?: AbortSignal): Promise<{ cookies: PanelCookie[]; token: string; address(path: string): URL }> {
    const other = new WhmcsSession(this.options);
    await other.refresh({ signal });
    // The switch form needs the session's token; the Switch Account page always carries one.
    if (!other.#token) {
      const page = await other.#send(route(SWITCH_ACCOUNT_ROUTE), undefined, signal);
      if (!other.#token) throw unrecognisedPage(this.provider, 'Switch Account', page, this.logger);
    }
    return { cookies: await other.#browser.cookies(), token: other.#token, address: (path) => other.#browser.resolve(path) };
  }

  /** The Switch Account list; call inside `exclusive`. */
  async accountList(signal?: AbortSignal): Promise<SwitchAccountRow[]> {
    const page = await this.page(route(SWITCH_ACCOUNT_ROUTE), undefined, signal);
    if (kindOf(page) !== 'switch_account') throw unrecognisedPage(this.provider, 'Switch Account', page, this.logger);
    const rows = parseSwitchAccount(page);
    // Read as "no accounts", a list in unknown markup would empty the cached list at the next sync.
    if (hasUnreadAccountList(page, rows)) throw unrecognisedPage(this.provider, 'Switch Account', page, this.logger);
    return rows;
  }

  /**
   * Makes `accountId` the session's current client account; call inside `exclusive`. Gives the page
   * the switch landed on (WHMCS lands on the account's home), or null when it was current already.
   */
  async useAccount(accountId: string, signal?: AbortSignal): Promise<Page | null> {
    if (this.#activeAccount === accountId && this.#signedIn) return null;
    const page = await this.page(route(SWITCH_ACCOUNT_ROUTE), new URLSearchParams({ id: accountId }), signal);
    // WHMCS sends a switch it refuses (closed account, access removed) back to the list.
    if (kindOf(page) === 'switch_account') throw whmcsFailures.accountGone(this.provider);
    this.#activeAccount = accountId;
    return page;
  }

  /**
   * A page as the signed-in user (a form post when `form` is given, carrying the session's token).
   * A session that ended shows the login form: sign in again once with the stored login, put the
   * same account back, and ask again.
   */
  async page(path: string, form?: URLSearchParams, signal?: AbortSignal): Promise<Page> {
    if (!this.#signedIn) await this.#signInFromVault({ signal });
    const account = this.#activeAccount;
    let page = await this.#send(path, form, signal);
    if (kindOf(page) !== 'login') return page;
    this.#signedIn = false;
    this.#activeAccount = null;
    await this.#signInFromVault({ signal });
    if (account !== null && !path.endsWith(SWITCH_ACCOUNT_ROUTE)) await this.useAccount(account, signal);
    page = await this.#send(path, form, signal);
    if (kindOf(page) === 'login') throw whmcsFailures.needsSignIn(this.provider);
    return page;
  }

  async #send(path: string, form: URLSearchParams | undefined, signal: AbortSignal | undefined): Promise<Page> {
    let page: Page;
    if (form) {
      const fields = new URLSearchParams(form);
      if (this.#token) fields.set('token', this.#token);
      page = await this.#browser.post(path, fields, signal);
    } else {
      page = await this.#browser.get(path, signal);
    }
    this.#remember(page);
    if (kindOf(page) === 'rate_limited') throw whmcsFailures.rateLimited(this.provider);
    if (kindOf(page) === 'banned') throw whmcsFailures.banned(this.provider);
    return page;
  }

  #remember(page: Page): void {
    const token = page.$('input[name="token"]').first().attr('value');
    if (token) this.#token = token;
  }

  async #signInFromVault(options: RequestOptions): Promise<void> {
    const stored = StoredLogin.safeParse(parseJson(await this.options.credentials.read()));
    if (!stored.success)
      throw new ClientdeckError('needs_sign_in', `Clientdeck has no sign-in stored for ${this.provider}. Sign in again to use this connection.`);
    try {
      await this.#signInNow(stored.data.email, stored.data.password, options);
    } catch (error) {
      // A changed password or a login that now asks for a code needs the user, not a retry.
      if (isClientdeckError(error) && ['wrong_credentials', 'second_factor_required', 'captcha_required'].includes(error.code)) {
        // The reason goes along, so the sign-in form can ask for the code the challenge wants.
        throw new ClientdeckError('needs_sign_in', `${error.message} Sign in again to use this connection.`, { providerCode: error.code });
      }
      throw error;
    }
  }

  async #signInNow(email: string, password: string, options: SignInOptions): Promise<void> {
    this.#browser.forgetSession();
    this.#signedIn = false;
    this.#activeAccount = null;
    const loginPage = await this.#send(route(LOGIN_ROUTE), undefined, options.signal);
    const form = formFor(loginPage, LOGIN_ROUTE);
    if (!form || kindOf(loginPage) !== 'login' || form.find('input[name="token"]').length === 0) throw whmcsFailures.notWhmcs(this.provider);
    if (hasCaptcha(form)) throw whmcsFailures.captcha(this.provider);
    const fields = hiddenFields(loginPage.$, form);
    fields.set('username', email);
    fields.set('password', password);
    fields.set('rememberme', 'on');
    let answer = await this.#browser.post(new URL(form.attr('action') ?? route(LOGIN_ROUTE), loginPage.url), fields, options.signal);
    this.#remember(answer);
    let kind = kindOf(answer);
    if (kind === 'challenge') {
      if (!options.code) throw whmcsFailures.codeRequired(this.provider);
      answer = await this.#answerChallenge(answer, options.code, options.signal);
      kind = kindOf(answer);
      if (kind === 'challenge') throw whmcsFailures.wrongCode(this.provider);
    }
    if (kind === 'rate_limited') throw whmcsFailures.rateLimited(this.provider);
    if (kind === 'banned') throw whmcsFailures.banned(this.provider);
    if (kind === 'login') {
      const again = formFor(answer, LOGIN_ROUTE);
      throw again && hasCaptcha(again) ? whmcsFailures.captcha(this.provider) : whmcsFailures.wrongPassword(this.provider);
    }
    if (kind !== 'signed_in' && kind !== 'switch_account') throw unrecognisedPage(this.provider, 'page after sign-in', answer, this.logger);
    this.#signedIn = true;
  }

  /** The challenge form holds the module's own input (TOTP names it `key`): the one visible text input. */
  async #answerChallenge(page: Page, code: string, signal: AbortSignal | undefined): Promise<Page> {
    const form = formFor(page, CHALLENGE_VERIFY);
    const input = form?.find('input:not([type="hidden"]):not([type="checkbox"]):not([type="submit"])').first();
    const name = input?.attr('name');
    if (!form || !name) throw unrecognisedPage(this.provider, 'two-factor challenge', page, this.logger);
    const fields = hiddenFields(page.$, form);
    fields.set(name, code.replace(/\s+/g, ''));
    const answer = await this.#browser.post(new URL(form.attr('action') ?? '', page.url), fields, signal);
    this.#remember(answer);
    return answer;
  }
}

function parseJson(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
