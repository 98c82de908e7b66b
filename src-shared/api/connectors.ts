/**
 * The connector kinds Clientdeck speaks and what a connector can do. They are Clientdeck's words,
 * not the provider's wire format, but they live with the API types because the connector interface
 * speaks only `src-shared/api`, and the IPC contract (which shows them to the UI) imports them from
 * here too (docs/ARCHITECTURE.md §7).
 */
import { z } from 'zod';

export const CONNECTOR_KINDS = ['clientarea', 'whmcs', 'whmcs-admin'] as const;
export const ConnectorKind = z.enum(CONNECTOR_KINDS);
export type ConnectorKind = z.infer<typeof ConnectorKind>;

/** What a connector can do; the UI hides what a connection's connector cannot. */
export const Capability = z.enum([
  'accounts.list',
  'invitations.incoming',
  'invitations.answer',
  'users.manage',
  'contacts',
  'managed_users',
  'audit',
  'sso',
  /** Lists an account's services and domains (e.g. to scope a grant). */
  'products',
  /** Sets when access ends (grants, invitations) and which email domains invitations may go to. */
  'access_policy',
]);
export type Capability = z.infer<typeof Capability>;
