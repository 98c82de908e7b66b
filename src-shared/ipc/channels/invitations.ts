/** Incoming invitations of every connection, and answering them (queued when offline). */
import { z } from 'zod';
import { IncomingInvitation } from '../../api/invitations.js';
import { Id, InvitationAnswer } from '../../api/primitives.js';
import { NoInput } from '../request-parts.js';
import { QueuedAction } from './queue.js';

/** An incoming invitation as Clientdeck lists it: with its connection and the answer waiting in the queue. */
export const ListedInvitation = IncomingInvitation.extend({
  connectionId: Id,
  providerLabel: z.string(),
  /** The user's answer while it waits in the offline queue or after it was rejected. */
  pendingAnswer: QueuedAction.nullable().default(null),
});
export type ListedInvitation = z.infer<typeof ListedInvitation>;

export const invitationsChannels = {
  'invitations.list': { input: NoInput, output: z.array(ListedInvitation) },
  'invitations.answer': {
    input: z.object({ connectionId: Id, invitationId: Id, answer: InvitationAnswer }).strict(),
    output: ListedInvitation,
  },
  /** Accepts an invitation from the link its mail carries (providers that keep no list, WHMCS); queued like any answer. */
  'invitations.acceptLink': {
    input: z.object({ connectionId: Id, link: z.string().trim().min(1).max(2048) }).strict(),
    output: ListedInvitation,
  },
} as const;
