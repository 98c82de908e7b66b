/**
 * IPC channels for what an owner (or an admin with `users.manage`) does to an account they run:
 * users and grants, outgoing invitations, managed users, contacts and the audit trail. Each
 * request names the connection and the account; main checks the connector's capability first.
 */
import { z } from 'zod';
import { AuditPage } from '../api/activity.js';
import { Contact, ContactInput, ContactPatch } from '../api/contacts.js';
import { Permission } from '../api/permissions.js';
import { Scope } from '../api/schemas.js';
import { Domain, Service } from '../api/services.js';
import { AccountUser, CreateInvitation, CreateManagedUsers, OutgoingInvitation, UpdateAccountUser } from '../api/team.js';

const Id = z.string().min(1).max(128);
const OnAccount = { connectionId: Id, accountId: Id };

export const Team = z.object({ users: z.array(AccountUser), invitations: z.array(OutgoingInvitation) });
export type Team = z.infer<typeof Team>;

/** What an account bought, as far as the caller may see it; a list the caller may not see is empty. */
export const AccountProducts = z.object({ services: z.array(Service), domains: z.array(Domain) });
export type AccountProducts = z.infer<typeof AccountProducts>;

export const teamChannels = {
  /** The account's services and domains, for choosing a grant's scope. */
  'account.products': { input: z.object(OnAccount).strict(), output: AccountProducts },
  'team.get': { input: z.object(OnAccount).strict(), output: Team },
  'team.invite': { input: z.object({ ...OnAccount, invitation: CreateInvitation }).strict(), output: OutgoingInvitation },
  'team.resendInvitation': { input: z.object({ ...OnAccount, invitationId: Id }).strict(), output: OutgoingInvitation },
  'team.cancelInvitation': { input: z.object({ ...OnAccount, invitationId: Id }).strict(), output: OutgoingInvitation },
  'team.updateUser': { input: z.object({ ...OnAccount, userId: Id, changes: UpdateAccountUser }).strict(), output: AccountUser },
  'team.revokeUser': { input: z.object({ ...OnAccount, userId: Id }).strict(), output: z.object({ revoked: z.literal(true) }) },
  /** The signed-in user gives up their own access to the account. */
  'team.leaveAccount': { input: z.object(OnAccount).strict(), output: z.object({ left: z.literal(true) }) },
  'managedUsers.create': { input: z.object({ ...OnAccount, request: CreateManagedUsers }).strict(), output: z.array(AccountUser) },
  'managedUsers.sendActivation': {
    input: z.object({ ...OnAccount, userId: Id }).strict(),
    output: z.object({ sentAt: z.string() }),
  },
  'contacts.list': { input: z.object(OnAccount).strict(), output: z.array(Contact) },
  'contacts.create': { input: z.object({ ...OnAccount, contact: ContactInput }).strict(), output: Contact },
  'contacts.update': { input: z.object({ ...OnAccount, contactId: Id, changes: ContactPatch }).strict(), output: Contact },
  'contacts.delete': { input: z.object({ ...OnAccount, contactId: Id }).strict(), output: z.object({ deleted: z.literal(true) }) },
  'contacts.promote': {
    input: z
      .object({
        ...OnAccount,
        contactId: Id,
        grant: z
          .object({ role: z.enum(['admin', 'member']).default('member'), permissions: z.array(Permission).min(1).max(20), scope: Scope.optional() })
          .strict(),
      })
      .strict(),
    output: OutgoingInvitation,
  },
  'audit.list': { input: z.object({ ...OnAccount, cursor: z.string().max(200).optional() }).strict(), output: AuditPage },
} as const;
