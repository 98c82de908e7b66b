/**
 * Row types of the client area's tables. Timestamps are ISO-8601 UTC strings (they sort as text in
 * SQLite and PostgreSQL alike); permission sets and scopes are JSON text.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { AccessRequestStatus } from '../../src-shared/api/access-requests.js';
import type { Ticket } from '../../src-shared/api/activity.js';
import type { Role } from '../../src-shared/api/permissions.js';
import type { GrantRole, ServiceStatus } from '../../src-shared/api/primitives.js';
import type { OwnershipTransfer } from '../../src-shared/api/team.js';
import type { UserStatus } from '../../src-shared/api/users.js';

export interface UsersTable {
  id: string;
  email: string;
  notification_email: string | null;
  name: string;
  password_hash: string;
  customer_number: string;
  status: UserStatus;
  created_at: string;
  updated_at: string;
  /** Mail language: 'en', 'it', 'fr' or 'pl'. */
  language: Generated<string>;
  /** Set when the login proved its email (admin-made, mailed link used); null after a plain sign-up. */
  email_verified_at: Generated<string | null>;
  /** The account whose owner created this login directly (a managed user), if any. */
  managed_by_account: Generated<string | null>;
}

export interface AccountsTable {
  id: string;
  name: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
}

/** What an accounts page counts for each account, kept by triggers (migration 0014). */
export interface AccountCountsTable {
  account_id: string;
  services: number;
  /** Every domain of the account: the expiring-soon count is worked out when read, and only where this is not 0. */
  domains: number;
  unpaid_invoices: number;
  open_tickets: number;
}

export interface MembershipsTable {
  id: string;
  account_id: string;
  user_id: string;
  role: Role;
  permissions: string;
  scope: string | null;
  created_at: string;
  updated_at: string;
  /** How the access came about: 'owner', 'invitation' or 'managed'. */
  origin: Generated<string>;
  /** The account's name, copied by the database (migration 0012) so the list reads in index order. */
  account_name: Generated<string>;
}

export interface InvitationsTable {
  id: string;
  account_id: string;
  invited_by: string;
  email: string | null;
  customer_number: string | null;
  role: GrantRole;
  permissions: string;
  scope: string | null;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  token_hash: string;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
  answered_by: string | null;
  updated_at: string;
  /** 'access', 'domain_delegation' or 'contact_promotion'. */
  kind: Generated<string>;
  /** When the current token was mailed (creation or the last resend); null on rows older than the column. */
  sent_at: Generated<string | null>;
  consent_text: Generated<string | null>;
  consent_at: Generated<string | null>;
  consent_by: Generated<string | null>;
  contact_id: Generated<string | null>;
  /** When the access the invitation offers ends once accepted (migration 0010); null: it does not end. */
  access_expires_at: Generated<string | null>;
}

export interface ContactsTable {
  id: string;
  account_id: string;
  name: string;
  company: string | null;
  email: string;
  phone: string | null;
  address: string | null;
  /** JSON: which mails the contact receives (general, services, domains, billing, support). */
  email_preferences: string;
  created_at: string;
  updated_at: string;
  address1: Generated<string>;
  address2: Generated<string>;
  city: Generated<string>;
  region: Generated<string>;
  postcode: Generated<string>;
  country: Generated<string>;
}

export interface ServicesTable {
  id: string;
  account_id: string;
  name: string;
  status: ServiceStatus;
  created_at: string;
  /** The user (with access to the account) this service is assigned to. */
  assignee_id: Generated<string | null>;
}

export interface DomainsTable {
  id: string;
  account_id: string;
  name: string;
  expires_at: string;
  created_at: string;
}

export interface InvoicesTable {
  id: string;
  account_id: string;
  amount_cents: number;
  status: 'unpaid' | 'paid';
  due_at: string;
  created_at: string;
}

export interface TicketsTable {
  id: string;
  account_id: string;
  subject: string;
  status: Ticket['status'];
  opened_by: string | null;
  opened_as: string | null;
  created_at: string;
  body: Generated<string>;
}

/** One signed-in API client: the current access and refresh token digests (rotated together). */
export interface SessionsTable {
  id: string;
  user_id: string;
  access_hash: string;
  access_expires_at: string;
  refresh_hash: string;
  refresh_expires_at: string;
  created_at: string;
  revoked_at: string | null;
}

export interface SsoTokensTable {
  token_hash: string;
  user_id: string;
  account_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
  /** Set on view-as links: the owner who looks at the panel as this (managed) user. */
  impersonator_id: Generated<string | null>;
}

export interface PanelSessionsTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  created_at: string;
  /** The account an SSO or view-as link opened the session for; revoking access there ends it. */
  account_id: Generated<string | null>;
  /** Set on view-as sessions (read-only): the owner looking at the panel as this user. */
  impersonator_id: Generated<string | null>;
}

/** One-time links mailed to a user: activation, password reset, email verification. */
export interface UserTokensTable {
  token_hash: string;
  user_id: string;
  purpose: 'activation' | 'password_reset' | 'email_verification';
  account_id: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface OwnershipTransfersTable {
  id: string;
  account_id: string;
  from_user_id: string;
  to_user_id: string;
  status: OwnershipTransfer['status'];
  expires_at: string;
  created_at: string;
  updated_at: string;
}

/** Every mail the client area writes; SMTP delivery (when configured) fills `delivered_at`. */
export interface OutboxTable {
  id: string;
  account_id: string | null;
  to_address: string;
  kind: string;
  template: string;
  language: string;
  subject: string;
  text: string;
  html: string;
  created_at: string;
  delivered_at: string | null;
  delivery_error: string | null;
  attempts: number;
}

export interface AuditEventsTable {
  id: string;
  account_id: string;
  actor_id: string | null;
  action: string;
  subject: string | null;
  detail: string | null;
  created_at: string;
}

/** The stored outcome of a write sent with an `Idempotency-Key` (keyed by caller, key, method and path). */
export interface IdempotencyKeysTable {
  key_hash: string;
  /** Digest of the request body the key was first used with (migration 0008); null on older rows. */
  request_hash: Generated<string | null>;
  /** 0 while the change is committed but its answer not stored yet (`http/idempotency-claim.ts`). */
  status: number;
  content_type: string | null;
  body: string;
  created_at: string;
}

/** One row, bumped by triggers on every write an accounts page depends on (migration 0004). */
export interface AccountListVersionTable {
  id: number;
  version: number;
}

/** A rate-limit counter: events of one limit for one key (digest) in the window ending at `window_ends_at`. */
export interface RateLimitsTable {
  name: string;
  key_hash: string;
  count: number;
  window_ends_at: string;
}

/** A login's TOTP secret, AES-256-GCM encrypted; `enabled_at` is null while the enrolment awaits its first code. */
export interface TwoFactorTable {
  user_id: string;
  secret_cipher: string;
  enabled_at: string | null;
  /** The time step of the last code accepted: a code of that step or earlier is never accepted again. */
  last_time_step: number | null;
  created_at: string;
  updated_at: string;
}

/** One single-use backup code, kept as a keyed digest only. */
export interface TwoFactorBackupCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** The second step of a sign-in: a short-lived, single-use challenge issued after the right password. */
export interface TwoFactorChallengesTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** An account whose owner requires two-factor sign-in of everyone with access (no row: not required). */
export interface TwoFactorPoliciesTable {
  account_id: string;
  required_by: string;
  required_at: string;
}

/** Someone asking an account's owner for access or more permissions (migration 0011). */
export interface AccessRequestsTable {
  id: string;
  requester_id: string;
  /** The account asked about; null for a request by customer number until it is approved. */
  account_id: string | null;
  /** The owner's customer number as the requester typed it (requests by number only). */
  customer_number: string | null;
  /** The login with that customer number, when there is one. */
  target_user_id: string | null;
  /** JSON: the permissions asked for. */
  permissions: string;
  /** JSON: the scope asked for; null for the whole account. */
  scope: string | null;
  message: string;
  status: AccessRequestStatus;
  granted_permissions: string | null;
  granted_scope: string | null;
  answered_by: string | null;
  answered_at: string | null;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

/** A refresh token its session rotated away; presenting it again ends the session (`sessions.ts`). */
export interface RetiredRefreshTokensTable {
  refresh_hash: string;
  session_id: string;
  /** When the token would have expired anyway: the row is pruned after that. */
  expires_at: string;
}

/** A client address a login signed in from successfully (digest only): a known device for the sign-in limiter. */
export interface SignInAddressesTable {
  user_id: string;
  address_hash: string;
  last_success_at: string;
}

export interface Database {
  users: UsersTable;
  accounts: AccountsTable;
  account_counts: AccountCountsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  contacts: ContactsTable;
  services: ServicesTable;
  domains: DomainsTable;
  invoices: InvoicesTable;
  tickets: TicketsTable;
  sessions: SessionsTable;
  sso_tokens: SsoTokensTable;
  panel_sessions: PanelSessionsTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  user_tokens: UserTokensTable;
  ownership_transfers: OwnershipTransfersTable;
  outbox: OutboxTable;
  account_list_version: AccountListVersionTable;
  rate_limits: RateLimitsTable;
  two_factor: TwoFactorTable;
  two_factor_backup_codes: TwoFactorBackupCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  two_factor_policies: TwoFactorPoliciesTable;
  access_expiries: AccessExpiriesTable;
  invitation_domains: InvitationDomainsTable;
  access_requests: AccessRequestsTable;
  retired_refresh_tokens: RetiredRefreshTokensTable;
  sign_in_addresses: SignInAddressesTable;
}

/** A grant that ends by itself: the membership goes at `expires_at`; `reminded_at` marks the reminder mails sent. */
export interface AccessExpiriesTable {
  membership_id: string;
  account_id: string;
  user_id: string;
  expires_at: string;
  reminded_at: string | null;
  updated_at: string;
}

/** One email domain the account's owner allows invitations to (no row for an account: anyone). */
export interface InvitationDomainsTable {
  account_id: string;
  domain: string;
  created_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type DomainRow = Selectable<DomainsTable>;
export type TicketRow = Selectable<TicketsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type OwnershipTransferRow = Selectable<OwnershipTransfersTable>;
export type AccessRequestRow = Selectable<AccessRequestsTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
