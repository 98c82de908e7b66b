import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  AccountPage,
  IncomingInvitationPage,
  InvitationAnswerResponse,
  SessionResponse,
  SsoLink,
  type Account,
  type IncomingInvitation,
  type User,
} from '../../../src-shared/api/schemas.js';
import type { Capability } from '../../../src-shared/ipc/contract.js';
import { ClientdeckError, isClientdeckError } from '../../errors.js';
import type { Connector, CredentialSlot, RequestOptions } from '../connector.js';
import { mapHttpFailure, unexpectedAnswer, type Phase } from './http-failure.js';

export interface ClientareaConnectorOptions {
  baseUrl: string;
  credentials: CredentialSlot;
  logger: Logger;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Used when there is no usable refresh token; only the demo provider, whose login is public, has one. */
  fallbackLogin?: { email: string; password: string };
}

const PAGE_SIZE = 500;
/** A guard against a provider that keeps handing out cursors. */
const MAX_PAGES = 10_000;
/** Refresh a little before expiry so a request does not race the token's end. */
const EXPIRY_MARGIN_MS = 15_000;

interface AccessToken {
  value: string;
  expiresAt: number;
}

export const CLIENTAREA_CAPABILITIES: readonly Capability[] = ['accounts.list', 'invitations.incoming', 'invitations.answer', 'sso'];

/** The native connector: speaks the Client Area Access API (DESIGN §3). */
export class ClientareaConnector implements Connector {
  readonly kind = 'clientarea' as const;
  readonly capabilities = CLIENTAREA_CAPABILITIES;

  readonly #http: AxiosInstance;
  readonly #provider: string;
  #access: AccessToken | null = null;
  #refreshing: Promise<void> | null = null;

  constructor(private readonly options: ClientareaConnectorOptions) {
    this.#provider = new URL(options.baseUrl).host;
    this.#http = axios.create({
      baseURL: `${options.baseUrl}/api/v1`,
      timeout: options.timeoutMs ?? 10_000,
      headers: { Accept: 'application/json', 'User-Agent': 'Clientdeck' },
      maxRedirects: 0,
      // Statuses are judged by mapHttpFailure, which needs the problem document.
      validateStatus: (status) => status >= 200 && status < 300,
    });
  }

  async signIn(email: string, password: string, options: RequestOptions = {}): Promise<User> {
    const session = await this.#send(SessionResponse, { method: 'POST', url: '/session', data: { email, password }, signal: options.signal }, 'sign_in');
    await this.#accept(session);
    return session.user;
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
      this.options.logger.debug({ provider: this.#provider, code: mapHttpFailure(error, this.#provider, 'request').code }, 'sign-out failed');
    } finally {
      this.#access = null;
    }
  }

  async listAccounts(options: RequestOptions = {}): Promise<Account[]> {
    return this.#collect(AccountPage, '/accounts', options);
  }

  async listIncomingInvitations(options: RequestOptions = {}): Promise<IncomingInvitation[]> {
    return this.#collect(IncomingInvitationPage, '/invitations', options);
  }

  async answerInvitation(invitationId: string, answer: 'accept' | 'decline', idempotencyKey: string) {
    return this.#authorized(InvitationAnswerResponse, {
      method: 'POST',
      url: `/invitations/${encodeURIComponent(invitationId)}/${answer}`,
      headers: { 'Idempotency-Key': idempotencyKey },
      data: {},
    });
  }

  async createSsoLink(accountId: string) {
    return this.#authorized(SsoLink, { method: 'POST', url: `/accounts/${encodeURIComponent(accountId)}/sso`, data: {} });
  }

  async #collect<T>(schema: z.ZodType<{ items: T[]; nextCursor: string | null }>, url: string, options: RequestOptions): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params: Record<string, string | number> = { limit: PAGE_SIZE };
      if (cursor) params.cursor = cursor;
      const result = await this.#authorized(schema, { method: 'GET', url, params, signal: options.signal });
      for (const item of result.items) items.push(item);
      if (!result.nextCursor) return items;
      cursor = result.nextCursor;
    }
    throw unexpectedAnswer(this.#provider);
  }

  async #refreshOnce(options: RequestOptions): Promise<void> {
    const refreshToken = await this.options.credentials.read();
    if (refreshToken) {
      try {
        const session = await this.#send(SessionResponse, { method: 'POST', url: '/session/refresh', data: { refreshToken }, signal: options.signal }, 'refresh');
        await this.#accept(session);
        return;
      } catch (error) {
        if (!(isClientdeckError(error) && error.code === 'needs_sign_in' && this.options.fallbackLogin)) throw error;
      }
    }
    const fallback = this.options.fallbackLogin;
    if (!fallback) {
      throw new ClientdeckError('needs_sign_in', `Clientdeck has no sign-in stored for ${this.#provider}. Sign in again to use this connection.`);
    }
    await this.signIn(fallback.email, fallback.password, options);
  }

  async #accept(session: z.infer<typeof SessionResponse>): Promise<void> {
    // The secret goes to the vault first: if the keychain fails, no in-memory session outlives it.
    await this.options.credentials.write(session.refreshToken);
    this.#access = { value: session.accessToken, expiresAt: Date.now() + session.expiresIn * 1000 - EXPIRY_MARGIN_MS };
  }

  async #authorized<T>(schema: z.ZodType<T>, config: AxiosRequestConfig): Promise<T> {
    if (!this.#access || this.#access.expiresAt <= Date.now()) await this.refresh({ signal: config.signal as AbortSignal | undefined });
    try {
      return await this.#send(schema, this.#withToken(config), 'request');
    } catch (error) {
      // The access token may have been revoked server-side before its expiry: refresh once and retry.
      if (!(isClientdeckError(error) && error.code === 'needs_sign_in')) throw error;
      this.#access = null;
      await this.refresh({ signal: config.signal as AbortSignal | undefined });
      return this.#send(schema, this.#withToken(config), 'request');
    }
  }

  #withToken(config: AxiosRequestConfig): AxiosRequestConfig {
    if (!this.#access) throw new ClientdeckError('needs_sign_in', `Sign in to ${this.#provider} again to continue.`);
    return { ...config, headers: { ...(config.headers as Record<string, string> | undefined), Authorization: `Bearer ${this.#access.value}` } };
  }

  async #send<T>(schema: z.ZodType<T>, config: AxiosRequestConfig, phase: Phase): Promise<T> {
    let data: unknown;
    try {
      data = (await this.#http.request(config)).data;
    } catch (error) {
      const mapped = mapHttpFailure(error, this.#provider, phase);
      this.options.logger.debug({ provider: this.#provider, path: config.url, code: mapped.code }, 'provider request failed');
      throw mapped;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      this.options.logger.warn({ provider: this.#provider, path: config.url, issues: parsed.error.issues.slice(0, 3) }, 'provider answer did not match the API schema');
      throw unexpectedAnswer(this.#provider);
    }
    return parsed.data;
  }
}
