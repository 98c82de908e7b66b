/**
 * The Client Area Access API (DESIGN §3), written once: the server validates requests and
 * responses with these schemas and derives its OpenAPI document from them; the `clientarea`
 * connector parses every response with them.
 */
import { z } from 'zod';
import { Permission, Role } from './permissions.js';

const Id = z.string().min(1).max(64);
const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const Timestamp = z.iso.datetime({ offset: true });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const UserStatus = z.enum(['pending_activation', 'active', 'disabled']);

/** Languages the client area writes mails in (a user's choice; 'en' when unknown). */
export const LANGUAGES = ['en', 'it', 'fr', 'pl'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    customerNumber: z.string(),
    status: UserStatus,
    /** Language of the mails this user gets. */
    language: Language.optional(),
    /** Where mails go when it is not the login email. */
    notificationEmail: z.string().nullable().optional(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** A member's grant may be limited to chosen services or domains; null means the whole account. */
export const Scope = z
  .object({
    services: z.array(Id).max(1000).optional(),
    domains: z.array(z.string().max(253)).max(1000).optional(),
  })
  .strict()
  .nullable()
  .meta({ id: 'Scope' });
export type Scope = z.infer<typeof Scope>;

export const SessionRequest = z
  .object({ email: Email, password: z.string().min(1).max(1024) })
  .strict()
  .meta({ id: 'SessionRequest' });

export const SessionResponse = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().positive(),
    user: User,
  })
  .meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `POST /session/refresh`: the refresh token is rotated; the one sent here stops working. */
export const RefreshRequest = z
  .object({ refreshToken: z.string().min(1).max(512) })
  .strict()
  .meta({ id: 'RefreshRequest' });

export const AccountCounts = z
  .object({
    services: z.number().int().nonnegative(),
    domainsExpiringSoon: z.number().int().nonnegative(),
    unpaidInvoices: z.number().int().nonnegative(),
    openTickets: z.number().int().nonnegative(),
  })
  .meta({ id: 'AccountCounts' });

export const Account = z
  .object({
    id: Id,
    name: z.string(),
    role: Role,
    permissions: z.array(Permission),
    scope: Scope,
    summary: AccountCounts,
    updatedAt: Timestamp,
    /**
     * Names of the account's domains the caller may see (domains.view or .manage, within a scope),
     * at most 50, by name: for search. Absent from providers that do not list them.
     */
    domainNames: z.array(z.string()).max(50).optional(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z.string().max(200).optional(),
    updatedSince: Timestamp.optional(),
  })
  .strict();

export const AccountPage = z.object({ items: z.array(Account), nextCursor: z.string().nullable() }).meta({ id: 'AccountPage' });
export type AccountPage = z.infer<typeof AccountPage>;

export const InvitationStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled', 'expired']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/** An invitation as its invitee sees it. */
export const IncomingInvitation = z
  .object({
    id: Id,
    account: z.object({ id: Id, name: z.string() }),
    invitedBy: z.object({ name: z.string(), email: z.string() }),
    role: Role,
    permissions: z.array(Permission),
    scope: Scope,
    status: InvitationStatus,
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'IncomingInvitation' });
export type IncomingInvitation = z.infer<typeof IncomingInvitation>;

export const IncomingInvitationPage = z
  .object({ items: z.array(IncomingInvitation), nextCursor: z.string().nullable() })
  .meta({ id: 'IncomingInvitationPage' });

export const InvitationAnswerResponse = z.object({ invitation: IncomingInvitation, account: Account.nullable() }).meta({ id: 'InvitationAnswerResponse' });
export type InvitationAnswerResponse = z.infer<typeof InvitationAnswerResponse>;

export const SsoLink = z.object({ url: z.url(), expiresAt: Timestamp }).meta({ id: 'SsoLink' });
export type SsoLink = z.infer<typeof SsoLink>;

export const IdParams = z.object({ id: Id }).strict();

// Provider administration (bearer admin key).
export const AdminCreateUser = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    password: z.string().min(1).max(1024),
    customerNumber: z
      .string()
      .regex(/^[0-9]{4,12}$/)
      .optional(),
    language: Language.optional(),
  })
  .strict()
  .meta({ id: 'AdminCreateUser' });

/** `PATCH /me`: the caller's own name, mail language and notification email (null: use the login email). */
export const UpdateMe = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    language: Language.optional(),
    notificationEmail: Email.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one of name, language or notificationEmail.' })
  .meta({ id: 'UpdateMe' });

export const AdminCreateAccount = z
  .object({ name: z.string().trim().min(1).max(200), ownerEmail: Email })
  .strict()
  .meta({ id: 'AdminCreateAccount' });

export const AdminAccount = z.object({ id: Id, name: z.string(), ownerId: Id, createdAt: Timestamp }).meta({ id: 'AdminAccount' });

export const AdminCreateService = z
  .object({ name: z.string().trim().min(1).max(200), status: z.enum(['active', 'suspended', 'cancelled']).default('active') })
  .strict();
export const AdminCreateDomain = z.object({ name: z.string().trim().toLowerCase().min(3).max(253), expiresAt: Timestamp }).strict();
export const AdminCreateInvoice = z
  .object({ amountCents: z.number().int().nonnegative().max(1e12), status: z.enum(['unpaid', 'paid']).default('unpaid'), dueAt: Timestamp })
  .strict();
export const AdminCreated = z.object({ id: Id }).meta({ id: 'AdminCreated' });

/** Stable machine codes of the problem documents the API returns. */
export const API_ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'invitation_not_pending',
  'invitation_expired',
  'rate_limited',
  'internal_error',
  /** The person who sent the invitation can no longer grant this access; ask the owner to send it again. */
  'inviter_not_authorized',
  /** An invitation link was opened by a login whose email is not the one invited. */
  'invitation_email_mismatch',
  /** The login's email is not verified yet, so invitations to it cannot be answered by id. */
  'email_not_verified',
  /** A managed user signs in before completing activation. */
  'login_not_activated',
  /** A one-time link (invitation, activation, password reset, verification) is unknown, used, superseded or expired. */
  'link_invalid',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
