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

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    customerNumber: z.string(),
    status: UserStatus,
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

export const AccountPage = z
  .object({ items: z.array(Account), nextCursor: z.string().nullable() })
  .meta({ id: 'AccountPage' });
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

export const InvitationAnswerResponse = z
  .object({ invitation: IncomingInvitation, account: Account.nullable() })
  .meta({ id: 'InvitationAnswerResponse' });
export type InvitationAnswerResponse = z.infer<typeof InvitationAnswerResponse>;

export const SsoLink = z
  .object({ url: z.url(), expiresAt: Timestamp })
  .meta({ id: 'SsoLink' });
export type SsoLink = z.infer<typeof SsoLink>;

export const IdParams = z.object({ id: Id }).strict();

// Provider administration (bearer admin key).
export const AdminCreateUser = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    password: z.string().min(1).max(1024),
    customerNumber: z.string().regex(/^[0-9]{4,12}$/).optional(),
  })
  .strict()
  .meta({ id: 'AdminCreateUser' });

export const AdminCreateAccount = z
  .object({ name: z.string().trim().min(1).max(200), ownerEmail: Email })
  .strict()
  .meta({ id: 'AdminCreateAccount' });

export const AdminAccount = z
  .object({ id: Id, name: z.string(), ownerId: Id, createdAt: Timestamp })
  .meta({ id: 'AdminAccount' });

export const AdminCreateService = z
  .object({ name: z.string().trim().min(1).max(200), status: z.enum(['active', 'suspended', 'cancelled']).default('active') })
  .strict();
export const AdminCreateDomain = z
  .object({ name: z.string().trim().toLowerCase().min(3).max(253), expiresAt: Timestamp })
  .strict();
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
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
