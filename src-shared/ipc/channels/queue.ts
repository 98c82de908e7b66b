/** The offline queue: writes made from the app, stored durably before any network call. */
import { z } from 'zod';
import { Id, InvitationAnswer } from '../../api/primitives.js';
import { NoInput } from '../request-parts.js';

/** The life of a write made from the app, stored durably before any network call (docs/ARCHITECTURE.md §3). */
export const QueuedActionState = z.enum(['queued', 'sending', 'done', 'rejected']);
export type QueuedActionState = z.infer<typeof QueuedActionState>;

/**
 * What a queued action does: answer an incoming invitation, or an owner's write on an account
 * (invite someone, remove someone, withdraw a pending invitation), which bulk runs queue one per account.
 */
export const QueuedActionKind = z.enum(['invitation.answer', 'team.invite', 'team.revoke', 'team.cancelInvitation']);
export type QueuedActionKind = z.infer<typeof QueuedActionKind>;

export const QueuedAction = z.object({
  id: Id,
  connectionId: Id,
  kind: QueuedActionKind,
  /** What the user sees the action as, e.g. "Accept invitation to Bellini Ristorante". */
  summary: z.string(),
  invitationId: Id.nullable(),
  answer: InvitationAnswer.nullable(),
  /** The account an owner's write acts on; absent or null for invitation answers. */
  accountId: Id.nullable().optional(),
  /** The bulk run the action belongs to; absent or null when it is not part of one. */
  runId: Id.nullable().optional(),
  state: QueuedActionState,
  /** The provider's reason when rejected (expired, cancelled, access revoked...). */
  reason: z.string().nullable(),
  reasonCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QueuedAction = z.infer<typeof QueuedAction>;

export const queueChannels = {
  'queue.list': { input: NoInput, output: z.array(QueuedAction) },
  /** Forgets a finished (done or rejected) queued action the user has seen. */
  'queue.dismiss': { input: z.object({ actionId: Id }).strict(), output: z.object({ dismissed: z.literal(true) }) },
} as const;
