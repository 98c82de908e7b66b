import axios, { type AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ClientdeckError } from '../../../errors.js';
import type { CredentialSlot, RequestOptions } from '../../connector.js';
import { decodeCredential, encodeCredential, type AdminCredential } from './admin-credential.js';
import { notTheApi, refusalError, transportError, type AdminPhase } from './admin-errors.js';

export interface AdminApiOptions {
  /** The WHMCS installation's address (the folder holding `includes/api.php`). */
  baseUrl: string;
  credentials: CredentialSlot;
  logger: Logger;
  /** Per HTTP request. */
  timeoutMs?: number;
}

/** Form fields of one call; `undefined` fields are left out. */
export type Fields = Record<string, string | number | undefined>;

const Envelope = z.object({ result: z.enum(['success', 'error']), message: z.string().optional() }).passthrough();

/** Bounds a provider whose `totalresults` keeps growing under the walk. */
const MAX_PAGES = 10_000;

/**
 * One WHMCS installation's admin API (`POST includes/api.php`, form-encoded, `responsetype=json`).
 * WHMCS has no session: every call carries the identifier and secret (and access key), read from
 * the vault once and kept in memory; `result: error` becomes a coded error with WHMCS's sentence.
 */
export class AdminApi {
  readonly provider: string;
  readonly #http: AxiosInstance;
  #credential: AdminCredential | null = null;

  constructor(private readonly options: AdminApiOptions) {
    this.provider = new URL(options.baseUrl).host;
    this.#http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      headers: { Accept: 'application/json', 'User-Agent': 'Clientdeck' },
      maxRedirects: 0,
      // WHMCS answers refusals with 403 and a JSON body that says why: every status is read.
      validateStatus: () => true,
    });
  }

  get identifier(): string | null {
    return this.#credential?.identifier ?? null;
  }

  /** Checks the credential with one cheap call, then stores it: the vault never holds one WHMCS refused. */
  async signIn(credential: AdminCredential, options: RequestOptions = {}): Promise<void> {
    await this.#send(credential, 'GetClients', { limitnum: 1 }, z.object({}), 'sign_in', options);
    await this.options.credentials.write(encodeCredential(credential));
    this.#credential = credential;
  }

  /** Loads the stored credential into memory; WHMCS has no token to renew. */
  async load(): Promise<AdminCredential> {
    const credential = decodeCredential(await this.options.credentials.read());
    if (!credential)
      throw new ClientdeckError('needs_sign_in', `Clientdeck has no API credentials stored for ${this.provider}. Enter them again to use this connection.`);
    this.#credential = credential;
    return credential;
  }

  /** The credential in the vault (the identifier as first typed), when there is one. */
  async storedCredential(): Promise<AdminCredential | null> {
    return decodeCredential(await this.options.credentials.read());
  }

  forget(): void {
    this.#credential = null;
  }

  /** Any HTTP answer means the installation is reachable; only a network failure means it is not. */
  async probe(options: RequestOptions = {}): Promise<boolean> {
    try {
      await this.#http.post('/includes/api.php', new URLSearchParams({ responsetype: 'json' }), { signal: options.signal, timeout: 3_000 });
      return true;
    } catch {
      return false;
    }
  }

  /** One action as the stored credential, its answer parsed with `schema`. */
  async call<T>(action: string, fields: Fields, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    const credential = this.#credential ?? (await this.load());
    return this.#send(credential, action, fields, schema, 'request', options);
  }

  /** Every page of a list action (`limitstart`/`limitnum`), `pick` reading the items off a page. */
  async listAll<P extends { totalresults: number; numreturned: number }, T>(
    action: string,
    fields: Fields,
    schema: z.ZodType<P>,
    pick: (page: P) => T[],
    pageSize: number,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let n = 0, start = 0; n < MAX_PAGES; n++) {
      const page = await this.call(action, { ...fields, limitstart: start, limitnum: pageSize }, schema);
      items.push(...pick(page));
      start += page.numreturned;
      if (page.numreturned === 0 || start >= page.totalresults) return items;
    }
    throw notTheApi(this.provider);
  }

  async #send<T>(credential: AdminCredential, action: string, fields: Fields, schema: z.ZodType<T>, phase: AdminPhase, options: RequestOptions): Promise<T> {
    const body = new URLSearchParams({ identifier: credential.identifier, secret: credential.secret, action, responsetype: 'json' });
    if (credential.accessKey) body.set('accesskey', credential.accessKey);
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) body.set(name, String(value));
    let status: number;
    let data: unknown;
    try {
      const response = await this.#http.post('/includes/api.php', body, { signal: options.signal });
      status = response.status;
      data = response.data;
    } catch (error) {
      const mapped = transportError(error, this.provider);
      this.options.logger.debug({ provider: this.provider, action, code: mapped.code }, 'WHMCS API request failed');
      throw mapped;
    }
    const envelope = Envelope.safeParse(data);
    if (!envelope.success) {
      this.options.logger.warn({ provider: this.provider, action, status }, 'WHMCS API answer was not its JSON');
      throw notTheApi(this.provider, status >= 400 ? status : undefined);
    }
    if (envelope.data.result === 'error') {
      const refused = refusalError(envelope.data.message ?? '', this.provider, phase, status);
      this.options.logger.info({ provider: this.provider, action, code: refused.code, providerCode: refused.providerCode }, 'WHMCS API refused');
      throw refused;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      this.options.logger.warn(
        { provider: this.provider, action, issues: parsed.error.issues.slice(0, 3) },
        'WHMCS API answer did not match its documented shape',
      );
      throw notTheApi(this.provider);
    }
    return parsed.data;
  }
}
