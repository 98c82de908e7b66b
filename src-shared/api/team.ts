/**
 * Who has access to an account, and how it is given: users with their grants, outgoing
 * invitations (by email or customer number), managed users and ownership transfer (docs/ARCHITECTURE.md §9–10).
 */
import { z } from 'zod';
import { InvitationAnswerResponse, InvitationStatus } from './invitations.js';
import { Permission, Role, Scope } from './permissions.js';
import { CustomerNumber, Email, GrantRole, Id, LinkToken, Name, NamedEmail, Password, Timestamp } from './primitives.js';
import { SessionResponse } from './session.js';
import { UserStatus } from './users.js';

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
    /** When the user last opened this account, where the provider shows it (WHMCS); null for never. */
    lastLoginAt: Timestamp.nullable().optional(),
    /** Whether the user's login has two-factor authentication, where the provider shows it (WHMCS). */
    twoFactorEnabled: z.boolean().optional(),
    /** The instant this access ends by itself (§9 expiring access); null or absent: it does not end. */
    expiresAt: Timestamp.nullable().optional(),
  })
  .meta({ id: 'AccountUser' });
export type AccountUser = z.infer<typeof AccountUser>;

export const AccountUserList = z.object({ items: z.array(AccountUser), nextCursor: z.string().nullable().optional() }).meta({ id: 'AccountUserList' });

export const UpdateAccountUser = z
  .object({
    role: GrantRole.optional(),
    permissions: z.array(Permission).max(20).optional(),
    scope: Scope.optional(),
    /** Extends (or shortens, or with null lifts) when the access ends; it must lie in the future. */
    expiresAt: Timestamp.nullable().optional(),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.permissions !== undefined || v.scope !== undefined || v.expiresAt !== undefined, {
    message: 'Give at least one of role, permissions, scope or expiresAt.',
  })
  .meta({ id: 'UpdateAccountUser' });
export type UpdateAccountUser = z.infer<typeof UpdateAccountUser>;

const GrantFields = {
  role: GrantRole.default('member'),
  permissions: z.array(Permission).min(1).max(20),
  scope: Scope.optional(),
  /**
   * When the granted access ends by itself (a contractor's access that must end); absent or null:
   * it does not end. On an invitation it is carried to the membership when accepted.
   */
  expiresAt: Timestamp.nullable().optional(),
};

export const InviteByEmail = z.object({ email: Email, ...GrantFields }).strict();
export const InviteByCustomerNumber = z
  .object({
    customerNumber: CustomerNumber,
    /** The owner ticked the consent boxes; the server records who, when and the text shown. */
    consent: z.literal(true),
    ...GrantFields,
  })
  .strict();
export const CreateInvitation = z.union([InviteByEmail, InviteByCustomerNumber]).meta({ id: 'CreateInvitation' });
export type CreateInvitation = z.input<typeof CreateInvitation>;

/** What an invitation offers: access to the account, one domain's management, or a contact made a user. */
export const InvitationKind = z.enum(['access', 'domain_delegation', 'contact_promotion']);
export type InvitationKind = z.infer<typeof InvitationKind>;

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
    invitedBy: NamedEmail,
    createdAt: Timestamp,
    sentAt: Timestamp,
    /** When the invitation itself lapses unanswered (not the access it grants: see accessExpiresAt). */
    expiresAt: Timestamp,
    answeredAt: Timestamp.nullable(),
    /** When the access it grants ends once accepted (the grant's expiresAt); null: it does not end. */
    accessExpiresAt: Timestamp.nullable().optional(),
    kind: InvitationKind.optional(),
    /** For invitations by customer number: who ticked the consent boxes, when, and the exact text shown. */
    consent: z.object({ by: NamedEmail, at: Timestamp, text: z.string() }).nullable().optional(),
  })
  .meta({ id: 'OutgoingInvitation' });
export type OutgoingInvitation = z.infer<typeof OutgoingInvitation>;

/** `PATCH /accounts/{id}/invitations/{invId}`: the owner moves when the offered access ends. */
export const UpdateInvitationGrant = z.object({ accessExpiresAt: Timestamp.nullable() }).strict().meta({ id: 'UpdateInvitationGrant' });
export type UpdateInvitationGrant = z.infer<typeof UpdateInvitationGrant>;

export const OutgoingInvitationList = z
  .object({ items: z.array(OutgoingInvitation), nextCursor: z.string().nullable().optional() })
  .meta({ id: 'OutgoingInvitationList' });

export const RedeemInvitation = z.object({ token: LinkToken }).strict().meta({ id: 'RedeemInvitation' });

export const SignupRequest = z
  .object({ email: Email, name: Name, password: Password, invitationToken: z.string().max(256).optional() })
  .strict()
  .meta({ id: 'SignupRequest' });

export const NewManagedUser = z
  .object({
    name: Name,
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

export const ManagedUsersCreated = z.object({ items: z.array(AccountUser) }).meta({ id: 'ManagedUsersCreated' });

export const ActivationSent = z.object({ sentAt: Timestamp }).meta({ id: 'ActivationSent' });

export const OwnershipTransfer = z
  .object({ id: Id, accountId: Id, toUserId: Id, status: z.enum(['pending', 'confirmed', 'cancelled']), createdAt: Timestamp })
  .meta({ id: 'OwnershipTransfer' });
export type OwnershipTransfer = z.infer<typeof OwnershipTransfer>;

/** `POST /accounts/{id}/ownership-transfer`: the owner offers the account to another user with access. */
export const OwnershipTransferRequest = z.object({ toUserId: Id }).strict().meta({ id: 'OwnershipTransferRequest' });

/** A grant offered to someone: what `POST .../contacts/{contactId}/promote` sends. */
export const AccessGrant = z.object(GrantFields).strict().meta({ id: 'AccessGrant' });
export type AccessGrant = z.input<typeof AccessGrant>;

/** `POST /signup` answers with a session and, when an invitation token was given, the accepted invitation. */
export const SignupResponse = SessionResponse.extend({ invitation: InvitationAnswerResponse.nullable() }).meta({ id: 'SignupResponse' });
export type SignupResponse = z.infer<typeof SignupResponse>;

/** Completes a mailed one-time link that sets a password (activation of a managed user, password reset). */
export const SetPasswordWithToken = z.object({ token: LinkToken, password: Password }).strict().meta({ id: 'SetPasswordWithToken' });

/** A mailed one-time link that proves the login's email (sent after a sign-up without invitation). */
export const VerifyEmail = z.object({ token: LinkToken }).strict().meta({ id: 'VerifyEmail' });

/**
 * The exact consent texts the server records with an invitation by customer number and with a
 * domain handover. Clients show these words next to the consent box; `{…}` are filled in.
 */
export const CONSENT_TEXTS = {
  customerNumber:
    'I confirm that customer number {customerNumber} belongs to the person I want to give access to the account "{account}", and that I may share this account with them.',
  domainDelegation:
    'I confirm that I want to hand the management of the domain {domain} of the account "{account}" to customer number {customerNumber}, who will be able to change its DNS, nameservers and transfer code.',
} as const;

export function consentText(kind: keyof typeof CONSENT_TEXTS, vars: Record<string, string>): string {
  return CONSENT_TEXTS[kind].replace(/\{(\w+)\}/g, (_, key: string) => vars[key] ?? `{${key}}`);
}
