import type { AuditPage } from '../../src-shared/api/activity.js';
import type { Contact, ContactInput, ContactPatch } from '../../src-shared/api/contacts.js';
import type { Account } from '../../src-shared/api/accounts.js';
import type { ConnectorKind } from '../../src-shared/api/connectors.js';
import type { IncomingInvitation, InvitationAnswerResponse } from '../../src-shared/api/invitations.js';
import type { SsoLink } from '../../src-shared/api/sso.js';
import type { User } from '../../src-shared/api/users.js';
import type { Domain, Service } from '../../src-shared/api/services.js';
import type { InvitationAnswer } from '../../src-shared/api/primitives.js';
import type { AllowedInvitationDomains } from '../../src-shared/api/access-policy.js';
import type { AccessGrant, AccountUser, CreateInvitation, CreateManagedUsers, OutgoingInvitation, UpdateAccountUser } from '../../src-shared/api/team.js';
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

export interface SignInOptions extends RequestOptions {
  /** The two-factor code, for a login whose provider challenges for one (WHMCS, the Client Area Access API). */
  code?: string;
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

/** Who has access to an account (capability `users.manage`). */
export interface TeamPart {
  listUsers(accountId: string): Promise<AccountUser[]>;
  updateUser(accountId: string, userId: string, changes: UpdateAccountUser): Promise<AccountUser>;
  revokeUser(accountId: string, userId: string): Promise<void>;
  /** The signed-in user gives up their own access. */
  leave(accountId: string): Promise<void>;
  listInvitations(accountId: string): Promise<OutgoingInvitation[]>;
  invite(accountId: string, invitation: CreateInvitation): Promise<OutgoingInvitation>;
  resendInvitation(accountId: string, invitationId: string): Promise<OutgoingInvitation>;
  cancelInvitation(accountId: string, invitationId: string): Promise<OutgoingInvitation>;
}

/** Users the owner creates directly, and their activation mails (capability `managed_users`). */
export interface ManagedUsersPart {
  create(accountId: string, request: CreateManagedUsers): Promise<AccountUser[]>;
  sendActivation(accountId: string, userId: string): Promise<{ sentAt: string }>;
  /** A one-time link into a read-only panel session as this managed user, marked and audited by the provider. */
  viewAs(accountId: string, userId: string): Promise<SsoLink>;
}

/** An account's contacts, and turning one into a user (capability `contacts`). */
export interface ContactsPart {
  list(accountId: string): Promise<Contact[]>;
  create(accountId: string, contact: ContactInput): Promise<Contact>;
  update(accountId: string, contactId: string, changes: ContactPatch): Promise<Contact>;
  delete(accountId: string, contactId: string): Promise<void>;
  promote(accountId: string, contactId: string, grant: z.output<typeof AccessGrant>): Promise<OutgoingInvitation>;
}

/** An account's audit trail of access changes (capability `audit`). */
export interface AuditPart {
  list(accountId: string, cursor?: string): Promise<AuditPage>;
}

/** What the account bought, as far as the caller may see it (capability `products`). */
export interface ProductsPart {
  listServices(accountId: string): Promise<Service[]>;
  listDomains(accountId: string): Promise<Domain[]>;
}

/**
 * How an owner bounds access (capability `access_policy`): when a pending invitation's access
 * ends, and the email domains invitations may go to. A grant's own end moves through
 * `TeamPart.updateUser` (`expiresAt`), which main allows only to connectors with this part.
 */
export interface AccessPolicyPart {
  setInvitationAccessEnd(accountId: string, invitationId: string, accessExpiresAt: string | null): Promise<OutgoingInvitation>;
  invitationDomains(accountId: string): Promise<AllowedInvitationDomains>;
  setInvitationDomains(accountId: string, domains: AllowedInvitationDomains): Promise<AllowedInvitationDomains>;
}

/** Signed one-time links into the customer's own panel (capability `sso`). */
export interface SsoPart {
  createLink(accountId: string): Promise<SsoLink>;
}

/**
 * One provider platform. Listing accounts and answering invitations is what every connector
 * does; everything else is an optional part, and a connector has a capability exactly when it
 * has the part (`capabilities.ts` derives the list the UI sees from the parts present), so a
 * platform without, say, contacts leaves the part out instead of stubbing its methods.
 * Every method throws `ClientdeckError` with a user sentence on failure.
 */
export interface Connector {
  readonly kind: ConnectorKind;
  /** Signs in and stores the resulting secret in the credential slot. */
  signIn(email: string, password: string, options?: SignInOptions): Promise<User>;
  /** Obtains a fresh access token from the stored secret (rotating it where the platform does). */
  refresh(options?: RequestOptions): Promise<void>;
  /** Ends the provider-side session; best effort, never throws. */
  signOut(): Promise<void>;
  /** True when the provider answers at all (any HTTP answer); used to notice it came back. */
  probe(options?: RequestOptions): Promise<boolean>;
  listAccountsPage(request: AccountPageRequest, options?: RequestOptions): Promise<AccountPageResult>;
  listIncomingInvitations(options?: RequestOptions): Promise<IncomingInvitation[]>;
  answerInvitation(invitationId: string, answer: InvitationAnswer, idempotencyKey: string, options?: RequestOptions): Promise<InvitationAnswerResponse>;

  readonly team?: TeamPart;
  readonly managedUsers?: ManagedUsersPart;
  readonly contacts?: ContactsPart;
  readonly audit?: AuditPart;
  readonly products?: ProductsPart;
  readonly sso?: SsoPart;
  readonly accessPolicy?: AccessPolicyPart;
}
