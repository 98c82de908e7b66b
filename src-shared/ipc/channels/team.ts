/**
 * Owner actions on who has access to an account: its users and grants and its outgoing
 * invitations (capability `users.manage`). Like every owner action, each request names the
 * connection and the account; main checks the connector's capability first.
 */
import { z } from 'zod';
import { Id } from '../../api/primitives.js';
import { AccountUser, CreateInvitation, OutgoingInvitation, UpdateAccountUser } from '../../api/team.js';
import { OnAccount } from '../request-parts.js';

export const Team = z.object({ users: z.array(AccountUser), invitations: z.array(OutgoingInvitation) });
export type Team = z.infer<typeof Team>;

export const teamChannels = {
  'team.get': { input: z.object(OnAccount).strict(), output: Team },
  'team.invite': { input: z.object({ ...OnAccount, invitation: CreateInvitation }).strict(), output: OutgoingInvitation },
  'team.resendInvitation': { input: z.object({ ...OnAccount, invitationId: Id }).strict(), output: OutgoingInvitation },
  'team.cancelInvitation': { input: z.object({ ...OnAccount, invitationId: Id }).strict(), output: OutgoingInvitation },
  'team.updateUser': { input: z.object({ ...OnAccount, userId: Id, changes: UpdateAccountUser }).strict(), output: AccountUser },
  'team.revokeUser': { input: z.object({ ...OnAccount, userId: Id }).strict(), output: z.object({ revoked: z.literal(true) }) },
  /** The signed-in user gives up their own access to the account. */
  'team.leaveAccount': { input: z.object(OnAccount).strict(), output: z.object({ left: z.literal(true) }) },
} as const;
