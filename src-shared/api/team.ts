/**
 * Who has access to an account, and how it is given: users with their grants, outgoing
 * invitations (by email or customer number), managed users and ownership transfer (DESIGN §2–3).
 */
import { z } from 'zod';
import { Permission, Role } from './permissions.js';
import { InvitationStatus, Scope, UserStatus } from './schemas.js';

const Id = z.string().min(1).max(64);
const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const Timestamp = z.iso.datetime({ offset: true });
const PersonName = z.string().trim().min(1).max(200);
/** Owners are made by ownership transfer only, never by a grant. */
const GrantRole = z.enum(['admin', 'member']);

export const AccountUser = z
  .object({
    userId: Id,
    name: z.string(),
    email: z.string(),
    role: Role,
    permissions: z.array(Permission),
    scope: Scope,
    status: UserStatus,
    /** How the access came about: the owner, an accepted invitation, or a user the owner created. */
    origin: z.enum(['owner', 'invitation', 'managed']),
    joinedAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'AccountUser' });
export type AccountUser = z.infer<typeof AccountUser>;

export const AccountUserList = z.object({ items: z.array(AccountUser) }).meta({ id: 'AccountUserList' });

export const UpdateAccountUser = z
  .object({ role: GrantRole.optional(), permissions: z.array(Permission).max(20).optional(), scope: Scope.optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.permissions !== undefined || v.scope !== undefined, {
    message: 'Give at least one of role, permissions or scope.',
  })
  .meta({ id: 'UpdateAccountUser' });
export type UpdateAccountUser = z.infer<typeof UpdateAccountUser>;

const GrantFields = {
  role: GrantRole.default('member'),
  permissions: z.array(Permission).min(1).max(20),
  scope: Scope.optional(),
};

export const InviteByEmail = z.object({ email: Email, ...GrantFields }).strict();
export const InviteByCustomerNumber = z
  .object({
    customerNumber: z.string().trim().regex(/^[0-9]{4,12}$/),
    /** The owner ticked the consent boxes; the server records who, when and the text shown. */
    consent: z.literal(true),
    ...GrantFields,
  })
  .strict();
export const CreateInvitation = z.union([InviteByEmail, InviteByCustomerNumber]).meta({ id: 'CreateInvitation' });
export type CreateInvitation = z.input<typeof CreateInvitation>;

export const OutgoingInvitation = z
  .object({
    id: Id,
    accountId: Id,
    email: z.string().nullable(),
    customerNumber: z.string().nullable(),
    role: Role,
    permissions: z.array(Permission),
    scope: Scope,
    status: InvitationStatus,
    invitedBy: z.object({ name: z.string(), email: z.string() }),
    createdAt: Timestamp,
    sentAt: Timestamp,
    expiresAt: Timestamp,
    answeredAt: Timestamp.nullable(),
  })
  .meta({ id: 'OutgoingInvitation' });
export type OutgoingInvitation = z.infer<typeof OutgoingInvitation>;

export const OutgoingInvitationList = z
  .object({ items: z.array(OutgoingInvitation) })
  .meta({ id: 'OutgoingInvitationList' });

export const RedeemInvitation = z
  .object({ token: z.string().min(16).max(256) })
  .strict()
  .meta({ id: 'RedeemInvitation' });

export const SignupRequest = z
  .object({ email: Email, name: PersonName, password: z.string().min(1).max(1024), invitationToken: z.string().max(256).optional() })
  .strict()
  .meta({ id: 'SignupRequest' });

export const NewManagedUser = z
  .object({
    name: PersonName,
    email: Email,
    /** Where mails go when it is not the login email. */
    notificationEmail: Email.optional(),
    ...GrantFields,
  })
  .strict();

export const CreateManagedUsers = z
  .object({ users: z.array(NewManagedUser).min(1).max(50), sendActivation: z.boolean() })
  .strict()
  .meta({ id: 'CreateManagedUsers' });
export type CreateManagedUsers = z.input<typeof CreateManagedUsers>;

export const ManagedUsersCreated = z
  .object({ items: z.array(AccountUser) })
  .meta({ id: 'ManagedUsersCreated' });

export const ActivationSent = z.object({ sentAt: Timestamp }).meta({ id: 'ActivationSent' });

export const OwnershipTransfer = z
  .object({ id: Id, accountId: Id, toUserId: Id, status: z.enum(['pending', 'confirmed', 'cancelled']), createdAt: Timestamp })
  .meta({ id: 'OwnershipTransfer' });
