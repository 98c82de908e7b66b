import { randomUUID } from 'node:crypto';
import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import { z } from 'zod';
import { SessionResponse } from '../../../src-shared/api/session.js';
import { isTwoFactorChallenge, SignInOutcome, type TwoFactorChallenge } from '../../../src-shared/api/two-factor.js';
import type { User } from '../../../src-shared/api/users.js';
import { ClientdeckError, isClientdeckError, unexpectedAnswer } from '../../errors.js';
import type { CredentialSlot, RequestOptions, SignInOptions } from '../connector.js';
import { mapHttpFailure, type Phase } from './http-failure.js';

export interface ApiSessionOptions {
  baseUrl: string;
  credentials: CredentialSlot;
  logger: Logger;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Used when there is no usable refresh token; only the demo provider, whose login is public, has one. */
  fallbackLogin?: { email: string; password: string };
  /**
   * The connection's name as the user knows it ("Acme Hosting"), for the sentences of errors.
   * Asked at each error, because the user may rename the connection while its session lives on;
   * it answers null while the provider is still being added, and the host is named instead.
   */
  name?: () => string | null;
}

/** Refresh a little before expiry so a request does not race the token's end. */
const EXPIRY_MARGIN_MS = 15_000;
/** Bounds a provider that keeps handing out cursors. */
const MAX_PAGES = 10_000;
/** The page size asked of the lists known to take `limit`. */
export const LIST_PAGE = 200;

/** An id as one path segment of a URL. */
export const seg = (id: string) => encodeURIComponent(id);

/**
 * `path` with its query, written here rather than handed to axios as `params`: axios serializes
 * params through its form-data builder, a measurable share of each request of a sync.
 */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
/** The body of a write whose answer Clientdeck does not read (often a 204). */
export const NoContent = z.unknown();

interface AccessToken {
  value: string;
  expiresAt: number;
}

export interface RawAnswer {
  status: number;
  data: unknown;
  headers: AxiosResponse['headers'];
}

/**
 * A signed-in conversation with one Client Area Access API: the access token lives here, in
 * memory only; the rotated refresh token goes to the credential slot before the session is used.
 */
export class ApiSession {
  /** For the log: the address, whatever the user calls the connection. */
  readonly host: string;
  readonly #http: AxiosInstance;
  #access: AccessToken | null = null;
  #refreshing: Promise<void> | null = null;
  #user: User | null = null;

  constructor(private readonly options: ApiSessionOptions) {
    this.host = new URL(options.baseUrl).host;
    this.#http = axios.create({
      baseURL: `${options.baseUrl}/api/v1`,
      timeout: options.timeoutMs ?? 10_000,
      headers: { Accept: 'application/json', 'User-Agent': 'Clientdeck' },
      maxRedirects: 0,
      // Statuses are judged by mapHttpFailure, which needs the problem document.
      validateStatus: (status) => status >= 200 && status < 300,
    });
  }

  /** What error sentences call this provider: the connection's name, or its host before there is a connection. */
  get provider(): string {
    return this.options.name?.() ?? this.host;
  }

  /** The signed-in user as the provider last described it (after a sign-in or refresh). */
  get user(): User | null {
    return this.#user;
  }

  async signIn(email: string, password: string, options: SignInOptions = {}): Promise<User> {
    const outcome = await this.send(SignInOutcome, { method: 'POST', url: '/session', data: { email, password }, signal: options.signal }, 'sign_in');
    const session = isTwoFactorChallenge(outcome) ? await this.#answerChallenge(outcome, options) : outcome;
    await this.#accept(session);
    return session.user;
  }

  /**
   * The password was right and the provider asks for a second factor. Without a code the sign-in
   * dialog is told to ask for one; the challenge is single-use, so a retry signs in from the start.
   */
  async #answerChallenge(challenge: TwoFactorChallenge, options: SignInOptions): Promise<z.infer<typeof SessionResponse>> {
    const code = options.code?.replace(/\s+/g, '');
    if (!code) {
      throw new ClientdeckError(
        'second_factor_required',
        `${this.provider} asks for a two-factor code for this login. Enter the code from your authenticator app.`,
      );
    }
    // Six digits are the authenticator's code; ten letters and digits, one of the backup codes.
    const factor = /^[0-9]{6}$/.test(code) ? { code } : { backupCode: code };
    return this.send(
      SessionResponse,
      { method: 'POST', url: '/session/two-factor', data: { challengeToken: challenge.challengeToken, ...factor }, signal: options.signal },
      'sign_in',
    );
  }

  refresh(options: RequestOptions = {}): Promise<void> {
    // One refresh at a time: a rotated token is single-use, so a second concurrent refresh would fail.
    this.#refreshing ??= this.#refreshOnce(options).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async signOut(): Promise<void> {
    try {
      if (this.#access) await this.#http.delete('/session', { headers: { Authorization: `Bearer ${this.#access.value}` }, timeout: 3_000 });
    } catch (error) {
      this.options.logger.debug({ provider: this.host, code: mapHttpFailure(error, this.host, 'request').code }, 'sign-out failed');
    } finally {
      this.#access = null;
    }
  }

  /** Any HTTP answer at all means the provider is reachable; only a network failure means it is not. */
  async probe(options: RequestOptions = {}): Promise<boolean> {
    try {
      await this.#http.get('/me', { signal: options.signal, timeout: 3_000, validateStatus: () => true });
      return true;
    } catch {
      return false;
    }
  }

  /** A request as the signed-in user, its answer parsed with `schema`. */
  async authorized<T>(schema: z.ZodType<T>, config: AxiosRequestConfig): Promise<T> {
    const answer = await this.authorizedRaw(config);
    return this.parse(schema, answer.data, config.url);
  }

  /**
   * A request as the signed-in user, answered raw (status, headers, body) for callers that look at
   * more than the body. `extraOk` lists non-2xx statuses that are answers, not failures (304).
   */
  async authorizedRaw(config: AxiosRequestConfig, extraOk: readonly number[] = []): Promise<RawAnswer> {
    const signal = config.signal as AbortSignal | undefined;
    if (!this.#access || this.#access.expiresAt <= Date.now()) await this.refresh({ signal });
    try {
      return await this.#raw(this.#withToken(config), 'request', extraOk);
    } catch (error) {
      // The access token may have been revoked server-side before its expiry: refresh once and retry.
      if (!(isClientdeckError(error) && error.code === 'needs_sign_in')) throw error;
      this.#access = null;
      await this.refresh({ signal });
      return this.#raw(this.#withToken(config), 'request', extraOk);
    }
  }

  /** Every page of a list; lists without `nextCursor` are one page. */
  async listAll<T>(
    schema: z.ZodType<{ items: T[]; nextCursor?: string | null | undefined }>,
    url: string,
    options: { signal?: AbortSignal | undefined; limit?: number } = {},
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      // Only lists known to take `limit` get one; the others page at the provider's own size.
      const result: { items: T[]; nextCursor?: string | null | undefined } = await this.authorized(schema, {
        method: 'GET',
        url: withQuery(url, { limit: options.limit, cursor }),
        signal: options.signal,
      });
      items.push(...result.items);
      if (!result.nextCursor) return items;
      cursor = result.nextCursor;
    }
    throw unexpectedAnswer(this.provider);
  }

  /**
   * Every write carries an Idempotency-Key, so a retried request can never act twice: the queue's
   * stored key for a queued write (the same across restarts), a fresh one otherwise.
   */
  write<T>(schema: z.ZodType<T>, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, data?: unknown, idempotencyKey: string = randomUUID()): Promise<T> {
    const config: AxiosRequestConfig = { method, url, headers: { 'Idempotency-Key': idempotencyKey } };
    if (data !== undefined) config.data = data;
    return this.authorized(schema, config);
  }

  async send<T>(schema: z.ZodType<T>, config: AxiosRequestConfig, phase: Phase): Promise<T> {
    const answer = await this.#raw(config, phase, []);
    return this.parse(schema, answer.data, config.url);
  }

  parse<T>(schema: z.ZodType<T>, data: unknown, path: string | undefined): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      this.options.logger.warn({ provider: this.host, path, issues: parsed.error.issues.slice(0, 3) }, 'provider answer did not match the API schema');
      throw unexpectedAnswer(this.provider);
    }
    return parsed.data;
  }

  async #raw(config: AxiosRequestConfig, phase: Phase, extraOk: readonly number[]): Promise<RawAnswer> {
    try {
      const validateStatus = (status: number) => (status >= 200 && status < 300) || extraOk.includes(status);
      const response = await this.#http.request({ ...config, validateStatus });
      return { status: response.status, data: response.data, headers: response.headers };
    } catch (error) {
      const mapped = mapHttpFailure(error, this.provider, phase);
      this.options.logger.debug({ provider: this.host, path: config.url, code: mapped.code }, 'provider request failed');
      throw mapped;
    }
  }

  async #refreshOnce(options: RequestOptions): Promise<void> {
    const refreshToken = await this.options.credentials.read();
    if (refreshToken) {
      try {
        const session = await this.send(
          SessionResponse,
          { method: 'POST', url: '/session/refresh', data: { refreshToken }, signal: options.signal },
          'refresh',
        );
        await this.#accept(session);
        return;
      } catch (error) {
        if (!(isClientdeckError(error) && error.code === 'needs_sign_in' && this.options.fallbackLogin)) throw error;
      }
    }
    const fallback = this.options.fallbackLogin;
    if (!fallback) {
      throw new ClientdeckError('needs_sign_in', `Clientdeck has no sign-in stored for ${this.provider}. Sign in again to use this connection.`);
    }
    await this.signIn(fallback.email, fallback.password, options);
  }

  async #accept(session: z.infer<typeof SessionResponse>): Promise<void> {
    // The secret goes to the vault first: if the keychain fails, no in-memory session outlives it.
    await this.options.credentials.write(session.refreshToken);
    this.#access = { value: session.accessToken, expiresAt: Date.now() + session.expiresIn * 1000 - EXPIRY_MARGIN_MS };
    this.#user = session.user;
  }

  #withToken(config: AxiosRequestConfig): AxiosRequestConfig {
    if (!this.#access) throw new ClientdeckError('needs_sign_in', `Sign in to ${this.provider} again to continue.`);
    return { ...config, headers: { ...(config.headers as Record<string, string> | undefined), Authorization: `Bearer ${this.#access.value}` } };
  }
}
