import type { AccessRequest, ApproveAccessRequest, CreateAccessRequest } from '../../src-shared/api/access-requests.js';
import type { AuditPage } from '../../src-shared/api/activity.js';
import type { Contact, ContactInput, ContactPatch } from '../../src-shared/api/contacts.js';
import type { Account, QuietTag } from '../../src-shared/api/accounts.js';
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
  /** WHMCS's API access key, which lets an admin-API credential past the installation's IP restriction. */
  accessKey?: string;
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

export type AccountPageResult =
  | { notModified: true }
  | {
      notModified: false;
      items: Account[];
      nextCursor: string | null;
      etag: string | null;
      /** On the last page of a whole listing, where the provider tells it: the next "what changed?" is already conditional. */
      quietEtag?: QuietTag;
    };

/**
 * A write the offline queue sends: its idempotency key is stored with it, so a replay after a
 * crash or a lost answer is the same request and the provider acts once. Platforms without
 * idempotency keys (WHMCS) take no options; the queue's single send per key is then the guard.
 */
export interface WriteOptions {
  idempotencyKey?: string;
}

/** Who has access to an account (capability `users.manage`). */
export interface TeamPart {
  listUsers(accountId: string): Promise<AccountUser[]>;
  updateUser(accountId: string, userId: string, changes: UpdateAccountUser): Promise<AccountUser>;
  revokeUser(accountId: string, userId: string, options?: WriteOptions): Promise<void>;
  /** The signed-in user gives up their own access. */
  leave(accountId: string): Promise<void>;
  listInvitations(accountId: string): Promise<OutgoingInvitation[]>;
  invite(accountId: string, invitation: CreateInvitation, options?: WriteOptions): Promise<OutgoingInvitation>;
  resendInvitation(accountId: string, invitationId: string): Promise<OutgoingInvitation>;
  cancelInvitation(accountId: string, invitationId: string, options?: WriteOptions): Promise<OutgoingInvitation>;
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

/** A cookie the panel window's own session gets before it loads: a session handed over (WHMCS). */
export interface PanelCookie {
  /** The address the cookie belongs to (its domain and path scope, as a browser set it). */
  url: string;
  name: string;
  value: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
}

/**
 * How a panel window gets into the customer's area: a one-time link, or (a provider without SSO
 * links, WHMCS) a signed-in session of its own, handed over as cookies, and the form that
 * switches that session to the account, posted to `url` as the window's first page.
 */
export interface PanelEntry extends SsoLink {
  cookies?: PanelCookie[];
  /** Posted url-encoded to `url` instead of a GET. */
  form?: Record<string, string>;
  /**
   * `url` opens the provider's page without a session (no session was handed over): the user
   * signs in there and picks the account themselves.
   */
  signedOut?: true;
}

/**
 * Asking an owner for access and answering such requests (capability `access_requests`): the
 * requester's own requests with their outcome, and the open ones the user may answer.
 */
export interface AccessRequestsPart {
  create(request: CreateAccessRequest): Promise<AccessRequest>;
  listOwn(): Promise<AccessRequest[]>;
  /** Every open request the user may answer, across their accounts: what a sync fetches. */
  listToAnswer(options?: RequestOptions): Promise<AccessRequest[]>;
  listForAccount(accountId: string): Promise<AccessRequest[]>;
  approve(accountId: string, requestId: string, answer: ApproveAccessRequest): Promise<AccessRequest>;
  decline(accountId: string, requestId: string): Promise<AccessRequest>;
}

/** Ways into the customer's own panel (capability `sso`). */
export interface SsoPart {
  /**
   * `handOver: false` when no panel window will take a session (web mode opens `url` in the
   * user's own browser): a connector that would sign a session in for the window does not.
   */
  createLink(accountId: string, options?: { handOver?: boolean }): Promise<PanelEntry>;
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
  /**
   * True where the provider keeps no list of the invitee's invitations and they reach Clientdeck
   * as mailed links only (WHMCS): sync then keeps the invitations the cache learned from links,
   * since `listIncomingInvitations` can never list them again.
   */
  readonly invitationsFromLinks: boolean;

  readonly team?: TeamPart;
  readonly managedUsers?: ManagedUsersPart;
  readonly contacts?: ContactsPart;
  readonly audit?: AuditPart;
  readonly products?: ProductsPart;
  readonly sso?: SsoPart;
  readonly accessPolicy?: AccessPolicyPart;
  readonly accessRequests?: AccessRequestsPart;
}
