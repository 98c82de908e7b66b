/**
 * Bulk access changes across connections: invite one person to many accounts, or remove one
 * person from every account they reach among those the user runs (docs/ARCHITECTURE.md §3).
 * Each account's write is one action in the durable offline queue with its own idempotency key.
 */
import { z } from 'zod';
import { Permission, Role } from '../../api/permissions.js';
import { Email, Id } from '../../api/primitives.js';
import { AccessGrant } from '../../api/team.js';
import { NoInput } from '../request-parts.js';
import { QueuedActionState } from './queue.js';

export const BulkKind = z.enum(['invite', 'offboard']);
export type BulkKind = z.infer<typeof BulkKind>;

/** At most this many accounts in one run: a run is one durable transaction, and one screen. */
export const BULK_MAX_TARGETS = 500;

/** One account of a run and where its write stands (the latest attempt, after any retry). */
export const BulkItem = z.object({
  actionId: Id,
  connectionId: Id,
  providerLabel: z.string(),
  accountId: Id,
  accountName: z.string(),
  state: QueuedActionState,
  /** The provider's reason when it refused (already a member, access revoked...). */
  reason: z.string().nullable(),
  reasonCode: z.string().nullable(),
  /** How often it was sent (a held-back send counts). */
  attempts: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type BulkItem = z.infer<typeof BulkItem>;

export const BulkRun = z.object({
  id: Id,
  kind: BulkKind,
  /** The person invited or removed. */
  email: z.string(),
  /** What an invite grants; null for offboarding. */
  grant: AccessGrant.nullable(),
  createdAt: z.string(),
  items: z.array(BulkItem),
});
export type BulkRun = z.infer<typeof BulkRun>;

const AccountTarget = z.object({ connectionId: Id, accountId: Id }).strict();

export const StartBulkInvite = z.object({ email: Email, grant: AccessGrant, targets: z.array(AccountTarget).min(1).max(BULK_MAX_TARGETS) }).strict();
export type StartBulkInvite = z.infer<typeof StartBulkInvite>;

/** On each account, the person's membership is removed, or their pending invitation withdrawn (they cannot have both). */
const OffboardTarget = z.union([AccountTarget.extend({ userId: Id }).strict(), AccountTarget.extend({ invitationId: Id }).strict()]);

export const StartBulkOffboard = z
  .object({
    email: Email,
    /** What `bulk.findAccess` found and the user confirmed. */
    targets: z.array(OffboardTarget).min(1).max(BULK_MAX_TARGETS),
  })
  .strict();
export type StartBulkOffboard = z.infer<typeof StartBulkOffboard>;

/** A membership of the person on an account the user runs. */
export const FoundAccess = z.object({
  connectionId: Id,
  providerLabel: z.string(),
  accountId: Id,
  accountName: z.string(),
  userId: Id,
  role: Role,
  permissions: z.array(Permission),
});
export type FoundAccess = z.infer<typeof FoundAccess>;

/** A pending invitation to the person on an account the user runs: withdrawn too, or they could still accept it. */
export const FoundInvitation = z.object({
  connectionId: Id,
  providerLabel: z.string(),
  accountId: Id,
  accountName: z.string(),
  invitationId: Id,
});
export type FoundInvitation = z.infer<typeof FoundInvitation>;

/**
 * Why part of the search could not be done: a connection without the team part, one that could
 * not be asked, an account where the person is the owner (ownership is transferred, not removed),
 * or a connection signed in as that very person (they leave an account, nobody removes them).
 */
export const UnsearchedReason = z.enum(['no_team_part', 'unreachable', 'owner', 'self']);
export type UnsearchedReason = z.infer<typeof UnsearchedReason>;

export const Unsearched = z.object({
  connectionId: Id,
  providerLabel: z.string(),
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  reason: UnsearchedReason,
  /** The provider's or Clientdeck's sentence, for `unreachable`. */
  detail: z.string().nullable(),
});
export type Unsearched = z.infer<typeof Unsearched>;

export const AccessSearch = z.object({
  email: z.string(),
  found: z.array(FoundAccess),
  invitations: z.array(FoundInvitation),
  unsearched: z.array(Unsearched),
});
export type AccessSearch = z.infer<typeof AccessSearch>;

const OnRun = z.object({ runId: Id }).strict();

export const bulkChannels = {
  'bulk.invite': { input: StartBulkInvite, output: BulkRun },
  /** Where the person has access among the accounts the user owns or administers, across connections. */
  'bulk.findAccess': { input: z.object({ email: Email }).strict(), output: AccessSearch },
  'bulk.offboard': { input: StartBulkOffboard, output: BulkRun },
  'bulk.get': { input: OnRun, output: BulkRun },
  /** Runs newest first, so a run survives a restart of the app on screen too. */
  'bulk.list': { input: NoInput, output: z.array(BulkRun) },
  /** Queues the refused accounts of a run again (each with a new key) and sends what waits now. */
  'bulk.retry': { input: OnRun, output: BulkRun },
  /** The run's summary as CSV (account, provider, outcome, reason), for the user to save. */
  'bulk.summaryCsv': { input: OnRun, output: z.object({ fileName: z.string(), csv: z.string() }) },
} as const;
