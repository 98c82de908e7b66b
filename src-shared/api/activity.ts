/** What happened on an account: the audit trail of access changes, and support tickets. */
import { z } from 'zod';
import { Id, Person, Timestamp } from './primitives.js';

export const AUDIT_ACTIONS = [
  'invitation.created',
  'invitation.resent',
  'invitation.cancelled',
  'invitation.accepted',
  'invitation.declined',
  'membership.updated',
  'membership.revoked',
  'membership.left',
  'ownership.transfer_requested',
  'ownership.transferred',
  'managed_user.created',
  'managed_user.activation_sent',
  'managed_user.password_reset',
  'managed_user.disabled',
  'impersonation.started',
  'sso.link_created',
  'sso.link_used',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.promoted',
  'service.assigned',
  'ownership.transfer_cancelled',
  'managed_user.activated',
  'managed_user.enabled',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.backup_code_used',
  'two_factor.policy_changed',
  'access.expired',
  'access.expiry_reminded',
  'access.extended',
  'invitation_domains.updated',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEvent = z
  .object({
    id: Id,
    at: Timestamp,
    action: AuditAction,
    actor: z.object({ id: Id, name: z.string(), email: z.string() }).nullable(),
    /** Who or what the change was about, as a person reads it (an email, a user's name...). */
    subject: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditPage = z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

export const Ticket = z
  .object({
    id: Id,
    accountId: Id,
    subject: z.string(),
    body: z.string(),
    status: z.enum(['open', 'answered', 'closed']),
    openedBy: Person,
    /** A ticket opened by someone other than the owner is marked as from an authorized user. */
    openedAs: z.enum(['owner', 'authorized_user']),
    createdAt: Timestamp,
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const CreateTicket = z
  .object({ subject: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20_000) })
  .strict()
  .meta({ id: 'CreateTicket' });

export const TicketList = z.object({ items: z.array(Ticket), nextCursor: z.string().nullable().optional() }).meta({ id: 'TicketList' });
