import type { AuditPage } from '../../src-shared/api/activity.js';
import type { Contact, ContactInput, ContactPatch } from '../../src-shared/api/contacts.js';
import type { Account } from '../../src-shared/api/accounts.js';
import type { IncomingInvitation, InvitationAnswerResponse } from '../../src-shared/api/invitations.js';
import type { SsoLink } from '../../src-shared/api/sso.js';
import type { User } from '../../src-shared/api/users.js';
import type { Domain, Service } from '../../src-shared/api/services.js';
import type { InvitationAnswer } from '../../src-shared/api/primitives.js';
import type { AccessGrant, AccountUser, CreateInvitation, CreateManagedUsers, OutgoingInvitation, UpdateAccountUser } from '../../src-shared/api/team.js';
import type { Capability, ConnectorKind } from '../../src-shared/api/capabilities.js';
import type { z } from 'zod';

/**
 * Where a connector keeps the connection's long-lived secret (the refresh token). It is the vault
 * in the app; the connector itself keeps access tokens in memory only.
 */
export interface CredentialSlot {
  read(): Promise<string | null>;
  write(secret: string): Promise<void>;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** One page of the accounts list, asked for conditionally (ETag) and/or incrementally (updatedSince). */
export interface AccountPageRequest {
  cursor: string | null;
  limit: number;
  /** Only accounts changed at or after this instant (the provider's clock). */
  updatedSince?: string;
  /** The ETag this very page had last time: the provider answers "not modified" if it still holds. */
  ifNoneMatch?: string;
}

export type AccountPageResult = { notModified: true } | { notModified: false; items: Account[]; nextCursor: string | null; etag: string | null };

/**
 * One provider platform. Each implementation declares what it can do; the UI hides the rest and
 * main refuses a request for a capability the connector lacks before calling it.
 * Every method throws `ClientdeckError` with a user sentence on failure.
 */
export interface Connector {
  readonly kind: ConnectorKind;
  readonly capabilities: readonly Capability[];
  /** Signs in and stores the resulting secret in the credential slot. */
  signIn(email: string, password: string, options?: RequestOptions): Promise<User>;
  /** Obtains a fresh access token from the stored secret (rotating it where the platform does). */
  refresh(options?: RequestOptions): Promise<void>;
  /** Ends the provider-side session; best effort, never throws. */
  signOut(): Promise<void>;
  /** True when the provider answers at all (any HTTP answer); used to notice it came back. */
  probe(options?: RequestOptions): Promise<boolean>;
  listAccountsPage(request: AccountPageRequest, options?: RequestOptions): Promise<AccountPageResult>;
  listIncomingInvitations(options?: RequestOptions): Promise<IncomingInvitation[]>;
  answerInvitation(invitationId: string, answer: InvitationAnswer, idempotencyKey: string, options?: RequestOptions): Promise<InvitationAnswerResponse>;
  createSsoLink(accountId: string): Promise<SsoLink>;

  // Owner actions (capabilities users.manage, managed_users, contacts, audit).
  listAccountUsers(accountId: string): Promise<AccountUser[]>;
  updateAccountUser(accountId: string, userId: string, changes: UpdateAccountUser): Promise<AccountUser>;
  revokeAccountUser(accountId: string, userId: string): Promise<void>;
  /** The signed-in user gives up their own access. */
  leaveAccount(accountId: string): Promise<void>;
  listOutgoingInvitations(accountId: string): Promise<OutgoingInvitation[]>;
  invite(accountId: string, invitation: CreateInvitation): Promise<OutgoingInvitation>;
  resendInvitation(accountId: string, invitationId: string): Promise<OutgoingInvitation>;
  cancelInvitation(accountId: string, invitationId: string): Promise<OutgoingInvitation>;
  createManagedUsers(accountId: string, request: CreateManagedUsers): Promise<AccountUser[]>;
  sendActivation(accountId: string, userId: string): Promise<{ sentAt: string }>;
  listContacts(accountId: string): Promise<Contact[]>;
  createContact(accountId: string, contact: ContactInput): Promise<Contact>;
  updateContact(accountId: string, contactId: string, changes: ContactPatch): Promise<Contact>;
  deleteContact(accountId: string, contactId: string): Promise<void>;
  promoteContact(accountId: string, contactId: string, grant: z.output<typeof AccessGrant>): Promise<OutgoingInvitation>;
  listAudit(accountId: string, cursor?: string): Promise<AuditPage>;

  // Capability products: what the account bought, as far as the caller may see it.
  listServices(accountId: string): Promise<Service[]>;
  listDomains(accountId: string): Promise<Domain[]>;
}
