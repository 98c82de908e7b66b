/**
 * Row types of the client area's tables. Timestamps are ISO-8601 UTC strings (they sort as text in
 * SQLite and PostgreSQL alike); permission sets and scopes are JSON text.
 */
import type { Insertable, Selectable } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  notification_email: string | null;
  name: string;
  password_hash: string;
  customer_number: string;
  status: 'pending_activation' | 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  name: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  account_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  permissions: string;
  scope: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvitationsTable {
  id: string;
  account_id: string;
  invited_by: string;
  email: string | null;
  customer_number: string | null;
  role: 'admin' | 'member';
  permissions: string;
  scope: string | null;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  token_hash: string;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
  answered_by: string | null;
  updated_at: string;
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
}

export interface ServicesTable {
  id: string;
  account_id: string;
  name: string;
  status: 'active' | 'suspended' | 'cancelled';
  created_at: string;
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
  status: 'open' | 'answered' | 'closed';
  opened_by: string | null;
  opened_as: string | null;
  created_at: string;
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
}

export interface PanelSessionsTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  created_at: string;
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
  status: number;
  content_type: string | null;
  body: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  accounts: AccountsTable;
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
}

export type UserRow = Selectable<UsersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitation = Insertable<InvitationsTable>;
