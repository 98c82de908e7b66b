import { randomUUID } from 'node:crypto';
import type { AxiosRequestConfig } from 'axios';
import { z } from 'zod';
import { AuditPage } from '../../../src-shared/api/activity.js';
import { Contact, ContactList, type ContactInput, type ContactPatch } from '../../../src-shared/api/contacts.js';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { IncomingInvitationPage, InvitationAnswerResponse, type IncomingInvitation } from '../../../src-shared/api/invitations.js';
import { SsoLink } from '../../../src-shared/api/sso.js';
import type { InvitationAnswer } from '../../../src-shared/api/primitives.js';
import { User } from '../../../src-shared/api/users.js';
import {
  AccessGrant,
  AccountUser,
  AccountUserList,
  ActivationSent,
  ManagedUsersCreated,
  OutgoingInvitation,
  OutgoingInvitationList,
  type CreateInvitation,
  type CreateManagedUsers,
  type UpdateAccountUser,
} from '../../../src-shared/api/team.js';
import { DomainList, ServiceList } from '../../../src-shared/api/services.js';
import { Capability } from '../../../src-shared/api/capabilities.js';
import { ClientdeckError, unexpectedAnswer } from '../../errors.js';
import type { AccountPageRequest, AccountPageResult, Connector, RequestOptions } from '../connector.js';
import { ApiSession, type ApiSessionOptions } from './api-session.js';

export type ClientareaConnectorOptions = ApiSessionOptions;

/** Bounds a provider that keeps handing out cursors. */
const MAX_PAGES = 10_000;
const LIST_PAGE = 200;

/** The Client Area Access API is the reference: its connector can do everything a connector may. */
export const CLIENTAREA_CAPABILITIES: readonly Capability[] = Capability.options;

const seg = (id: string) => encodeURIComponent(id);
const NoContent = z.unknown();

/** The native connector: speaks the Client Area Access API (docs/ARCHITECTURE.md §10). */
export class ClientareaConnector implements Connector {
  readonly kind = 'clientarea' as const;
  readonly capabilities = CLIENTAREA_CAPABILITIES;
  readonly #api: ApiSession;

  constructor(options: ClientareaConnectorOptions) {
    this.#api = new ApiSession(options);
  }

  signIn(email: string, password: string, options: RequestOptions = {}): Promise<User> {
    return this.#api.signIn(email, password, options);
  }

  refresh(options: RequestOptions = {}): Promise<void> {
    return this.#api.refresh(options);
  }

  signOut(): Promise<void> {
    return this.#api.signOut();
  }

  probe(options: RequestOptions = {}): Promise<boolean> {
    return this.#api.probe(options);
  }

  async listAccountsPage(request: AccountPageRequest, options: RequestOptions = {}): Promise<AccountPageResult> {
    const params: Record<string, string | number> = { limit: request.limit };
    if (request.cursor) params.cursor = request.cursor;
    if (request.updatedSince) params.updatedSince = request.updatedSince;
    const headers: Record<string, string> = request.ifNoneMatch ? { 'If-None-Match': request.ifNoneMatch } : {};
    const answer = await this.#api.authorizedRaw(
      { method: 'GET', url: '/accounts', params, headers, signal: options.signal },
      request.ifNoneMatch ? [304] : [],
    );
    if (answer.status === 304) return { notModified: true };
    const page = this.#api.parse(AccountPage, answer.data, '/accounts');
    const etag = answer.headers.etag;
    return { notModified: false, items: page.items, nextCursor: page.nextCursor, etag: typeof etag === 'string' && etag.length > 0 ? etag : null };
  }

  listIncomingInvitations(options: RequestOptions = {}): Promise<IncomingInvitation[]> {
    return this.#collect(IncomingInvitationPage, '/invitations', options.signal, LIST_PAGE);
  }

  answerInvitation(invitationId: string, answer: InvitationAnswer, idempotencyKey: string, options: RequestOptions = {}) {
    return this.#api.authorized(InvitationAnswerResponse, {
      method: 'POST',
      url: `/invitations/${seg(invitationId)}/${answer}`,
      headers: { 'Idempotency-Key': idempotencyKey },
      data: {},
      signal: options.signal,
    });
  }

  createSsoLink(accountId: string) {
    return this.#write(SsoLink, 'POST', `/accounts/${seg(accountId)}/sso`, {});
  }

  listAccountUsers(accountId: string) {
    return this.#collect(AccountUserList, `/accounts/${seg(accountId)}/users`);
  }

  updateAccountUser(accountId: string, userId: string, changes: UpdateAccountUser) {
    return this.#write(AccountUser, 'PATCH', `/accounts/${seg(accountId)}/users/${seg(userId)}`, changes);
  }

  async revokeAccountUser(accountId: string, userId: string): Promise<void> {
    await this.#write(NoContent, 'DELETE', `/accounts/${seg(accountId)}/users/${seg(userId)}`);
  }

  async leaveAccount(accountId: string): Promise<void> {
    const me = this.#api.user ?? (await this.#me());
    await this.revokeAccountUser(accountId, me.id);
  }

  listOutgoingInvitations(accountId: string) {
    return this.#collect(OutgoingInvitationList, `/accounts/${seg(accountId)}/invitations`);
  }

  invite(accountId: string, invitation: CreateInvitation) {
    return this.#write(OutgoingInvitation, 'POST', `/accounts/${seg(accountId)}/invitations`, invitation);
  }

  resendInvitation(accountId: string, invitationId: string) {
    return this.#write(OutgoingInvitation, 'POST', `/accounts/${seg(accountId)}/invitations/${seg(invitationId)}/resend`, {});
  }

  async cancelInvitation(accountId: string, invitationId: string) {
    const body = await this.#write(NoContent, 'DELETE', `/accounts/${seg(accountId)}/invitations/${seg(invitationId)}`);
    const parsed = OutgoingInvitation.safeParse(body);
    if (parsed.success) return parsed.data;
    // A provider may answer 204: the cancelled invitation is then read back from the list.
    const found = (await this.listOutgoingInvitations(accountId)).find((i) => i.id === invitationId);
    if (!found) throw new ClientdeckError('not_found', 'The invitation was cancelled, but the provider no longer lists it.');
    return found;
  }

  async createManagedUsers(accountId: string, request: CreateManagedUsers) {
    return (await this.#write(ManagedUsersCreated, 'POST', `/accounts/${seg(accountId)}/managed-users`, request)).items;
  }

  sendActivation(accountId: string, userId: string) {
    return this.#write(ActivationSent, 'POST', `/accounts/${seg(accountId)}/managed-users/${seg(userId)}/activation`, {});
  }

  listContacts(accountId: string) {
    return this.#collect(ContactList, `/accounts/${seg(accountId)}/contacts`);
  }

  createContact(accountId: string, contact: ContactInput) {
    return this.#write(Contact, 'POST', `/accounts/${seg(accountId)}/contacts`, contact);
  }

  updateContact(accountId: string, contactId: string, changes: ContactPatch) {
    return this.#write(Contact, 'PATCH', `/accounts/${seg(accountId)}/contacts/${seg(contactId)}`, changes);
  }

  async deleteContact(accountId: string, contactId: string): Promise<void> {
    await this.#write(NoContent, 'DELETE', `/accounts/${seg(accountId)}/contacts/${seg(contactId)}`);
  }

  promoteContact(accountId: string, contactId: string, grant: z.output<typeof AccessGrant>) {
    return this.#write(OutgoingInvitation, 'POST', `/accounts/${seg(accountId)}/contacts/${seg(contactId)}/promote`, grant);
  }

  listAudit(accountId: string, cursor?: string) {
    const params: Record<string, string> = cursor ? { cursor } : {};
    return this.#api.authorized(AuditPage, { method: 'GET', url: `/accounts/${seg(accountId)}/audit`, params });
  }

  listServices(accountId: string) {
    return this.#collect(ServiceList, `/accounts/${seg(accountId)}/services`, undefined, LIST_PAGE);
  }

  listDomains(accountId: string) {
    return this.#collect(DomainList, `/accounts/${seg(accountId)}/domains`, undefined, LIST_PAGE);
  }

  /** Every page of a list; lists without `nextCursor` are one page. */
  async #collect<T>(
    schema: z.ZodType<{ items: T[]; nextCursor?: string | null | undefined }>,
    url: string,
    signal?: AbortSignal,
    limit?: number,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      // Only lists known to take `limit` get one; the others page at the provider's own size.
      const params: Record<string, string | number> = limit ? { limit } : {};
      if (cursor) params.cursor = cursor;
      const result = await this.#api.authorized(schema, { method: 'GET', url, params, signal });
      items.push(...result.items);
      if (!result.nextCursor) return items;
      cursor = result.nextCursor;
    }
    throw unexpectedAnswer(this.#api.provider);
  }

  #me(): Promise<User> {
    return this.#api.authorized(User, { method: 'GET', url: '/me' });
  }

  /** Every write carries a fresh Idempotency-Key, so a retried request can never act twice. */
  #write<T>(schema: z.ZodType<T>, method: 'POST' | 'PATCH' | 'DELETE', url: string, data?: unknown): Promise<T> {
    const config: AxiosRequestConfig = { method, url, headers: { 'Idempotency-Key': randomUUID() } };
    if (data !== undefined) config.data = data;
    return this.#api.authorized(schema, config);
  }
}
