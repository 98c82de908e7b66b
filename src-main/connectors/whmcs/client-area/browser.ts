import axios, { isAxiosError, type AxiosInstance } from 'axios';
import * as cheerio from 'cheerio';
import { CookieJar } from 'tough-cookie';
import { ClientdeckError } from '../../../errors.js';
import type { PanelCookie } from '../../connector.js';

/** A page as the browser ended on it, after following redirects. */
export interface Page {
  /** Where the last redirect led. */
  url: URL;
  status: number;
  html: string;
  $: cheerio.CheerioAPI;
}

/** WHMCS answers every form with a redirect; more than this many in a row is a loop. */
const MAX_REDIRECTS = 10;

/**
 * Talks to a client area as a browser would: cookies in a jar kept in memory only (the session
 * cookie never reaches disk), redirects followed by hand so each hop's cookies are kept, forms
 * posted url-encoded. Knows nothing of WHMCS's pages; `pages.ts` reads them.
 */
export class Browser {
  readonly #http: AxiosInstance;
  #jar = new CookieJar();

  constructor(
    readonly baseUrl: string,
    readonly provider: string,
    timeoutMs: number,
  ) {
    this.#http = axios.create({
      timeout: timeoutMs,
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      headers: { 'User-Agent': 'Clientdeck', Accept: 'text/html' },
    });
  }

  /** A URL of the client area: `path` is relative to its root (`index.php?rp=/login`). */
  resolve(path: string): URL {
    const root = this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`;
    return new URL(path, root);
  }

  /** The cookies the client area set on this browser, for handing the session to a panel window. */
  async cookies(): Promise<PanelCookie[]> {
    const address = this.resolve('index.php');
    const cookies = await this.#jar.getCookies(address.href);
    return cookies.map((cookie) => ({
      url: new URL(cookie.path ?? '/', address).href,
      name: cookie.key,
      value: cookie.value,
      path: cookie.path ?? '/',
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
    }));
  }

  /** Forgets every cookie: the next request starts a new session. */
  forgetSession(): void {
    this.#jar = new CookieJar();
  }

  get(path: string | URL, signal?: AbortSignal): Promise<Page> {
    return this.#follow('GET', path instanceof URL ? path : this.resolve(path), undefined, signal);
  }

  post(path: string | URL, form: URLSearchParams, signal?: AbortSignal): Promise<Page> {
    return this.#follow('POST', path instanceof URL ? path : this.resolve(path), form, signal);
  }

  async #follow(method: 'GET' | 'POST', start: URL, form: URLSearchParams | undefined, signal: AbortSignal | undefined): Promise<Page> {
    let url = start;
    let body = form;
    let verb = method;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const cookie = await this.#jar.getCookieString(url.href);
      let response;
      try {
        response = await this.#http.request<string>({
          method: verb,
          url: url.href,
          data: body?.toString(),
          signal,
          headers: {
            ...(cookie ? { Cookie: cookie } : {}),
            ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          },
        });
      } catch (error) {
        throw unreachable(error, this.provider);
      }
      const setCookie = response.headers['set-cookie'] ?? [];
      for (const header of setCookie) await this.#jar.setCookie(header, url.href, { ignoreError: true });
      const location = response.headers.location as string | undefined;
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        // A redirect after a form post is a GET, as browsers do (303 and, in practice, 302).
        verb = 'GET';
        body = undefined;
        continue;
      }
      const html = typeof response.data === 'string' ? response.data : '';
      return { url, status: response.status, html, $: cheerio.load(html) };
    }
    throw new ClientdeckError('provider_error', `${this.provider} kept redirecting without ever showing a page. Try again later.`);
  }
}

function unreachable(error: unknown, provider: string): ClientdeckError {
  const code = isAxiosError(error) ? (error.code ?? '') : '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new ClientdeckError('provider_unreachable', `${provider} presented a certificate that could not be verified, so Clientdeck did not connect.`);
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
    return new ClientdeckError('provider_unreachable', `${provider} did not answer in time. Check your connection and try again.`);
  }
  return new ClientdeckError('provider_unreachable', `${provider} cannot be reached right now. Check the address and your connection, then try again.`);
}
