/** Invitations as their invitee sees them, and what answering one returns. */
import { z } from 'zod';
import { Account } from './accounts.js';
import { Permission, Role, Scope } from './permissions.js';
import { Id, NamedEmail, Timestamp } from './primitives.js';

export const InvitationStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled', 'expired']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/** An invitation as its invitee sees it. */
export const IncomingInvitation = z
  .object({
    id: Id,
    account: z.object({ id: Id, name: z.string() }),
    invitedBy: NamedEmail,
    role: Role,
    permissions: z.array(Permission),
    scope: Scope,
    status: InvitationStatus,
    createdAt: Timestamp,
    /** When the invitation itself lapses unanswered. */
    expiresAt: Timestamp,
    /** When the access it offers ends once accepted; null or absent: it does not end. */
    accessExpiresAt: Timestamp.nullable().optional(),
  })
  .meta({ id: 'IncomingInvitation' });
export type IncomingInvitation = z.infer<typeof IncomingInvitation>;

export const IncomingInvitationPage = z
  .object({ items: z.array(IncomingInvitation), nextCursor: z.string().nullable() })
  .meta({ id: 'IncomingInvitationPage' });

export const InvitationAnswerResponse = z.object({ invitation: IncomingInvitation, account: Account.nullable() }).meta({ id: 'InvitationAnswerResponse' });
export type InvitationAnswerResponse = z.infer<typeof InvitationAnswerResponse>;
