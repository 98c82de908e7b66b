/**
 * Access requests: someone asks an account's owner for access (by the owner's customer number) or
 * for more permissions on an account they already reach; the owner approves, possibly narrowing
 * what was asked, or declines; a request unanswered for 7 days expires (docs/ARCHITECTURE.md §10).
 */
import { z } from 'zod';
import { Permission, Scope } from './permissions.js';
import { CustomerNumber, Id, Person, Timestamp } from './primitives.js';

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'declined', 'expired'] as const;
export const AccessRequestStatus = z.enum(ACCESS_REQUEST_STATUSES);
export type AccessRequestStatus = z.infer<typeof AccessRequestStatus>;

/** How long an unanswered request stays open. */
export const ACCESS_REQUEST_DAYS = 7;
export const ACCESS_REQUEST_MESSAGE_MAX = 1000;

/**
 * Control characters (but line breaks and tabs) and bidirectional overrides would let a message
 * hide or reorder text in the owner's mail and lists; a message is plain text a person typed.
 */
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export const AccessRequestMessage = z
  .string()
  .trim()
  .min(1, 'Say in a sentence who you are and why you need access.')
  .max(ACCESS_REQUEST_MESSAGE_MAX, `Keep the message under ${ACCESS_REQUEST_MESSAGE_MAX} characters.`)
  .refine((v) => !UNSAFE_TEXT.test(v), 'The message may hold plain text only (no control or text-direction characters).');

const Asked = { permissions: z.array(Permission).min(1).max(20), message: AccessRequestMessage };

/** More permissions on an account the requester already reaches; their scope stays as it is. */
export const RequestMorePermissions = z.object({ accountId: Id, ...Asked }).strict();
/** Access to an account of the owner with this customer number; optionally to part of it only. */
export const RequestAccessByNumber = z.object({ customerNumber: CustomerNumber, scope: Scope.optional(), ...Asked }).strict();
export const CreateAccessRequest = z.union([RequestMorePermissions, RequestAccessByNumber]).meta({ id: 'CreateAccessRequest' });
export type CreateAccessRequest = z.input<typeof CreateAccessRequest>;

export const AccessRequest = z
  .object({
    id: Id,
    status: AccessRequestStatus,
    /** The account asked about; null for a request by customer number until it is approved on one. */
    accountId: Id.nullable(),
    accountName: z.string().nullable(),
    /** The customer number the request was sent to (requests by number only). */
    customerNumber: z.string().nullable(),
    requester: Person,
    permissions: z.array(Permission),
    /** The part of the account asked for; null for the whole account. */
    scope: Scope,
    message: z.string(),
    /** What the owner gave: never more than was asked. Null until approved. */
    granted: z.object({ permissions: z.array(Permission), scope: Scope }).nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    answeredAt: Timestamp.nullable(),
  })
  .meta({ id: 'AccessRequest' });
export type AccessRequest = z.infer<typeof AccessRequest>;

export const AccessRequestList = z.object({ items: z.array(AccessRequest), nextCursor: z.string().nullable().optional() }).meta({ id: 'AccessRequestList' });
export type AccessRequestList = z.infer<typeof AccessRequestList>;

/**
 * The owner's approval. Without `permissions` everything asked is given; with them, only those
 * (each must have been asked). `scope` narrows a new grant; an existing grant keeps its scope.
 */
export const ApproveAccessRequest = z
  .object({ permissions: z.array(Permission).min(1).max(20).optional(), scope: Scope.optional() })
  .strict()
  .meta({ id: 'ApproveAccessRequest' });
export type ApproveAccessRequest = z.infer<typeof ApproveAccessRequest>;
