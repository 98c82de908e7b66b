/**
 * Access requests (capability `access_requests`): the requester asks and follows the outcome; the
 * owner sees the open requests of every connection (fetched with each sync) and answers them.
 */
import { z } from 'zod';
import { AccessRequest, ApproveAccessRequest, CreateAccessRequest } from '../../api/access-requests.js';
import { Id } from '../../api/primitives.js';
import { NoInput, OnAccount } from '../request-parts.js';

/** An open request the user may answer, with the connection it came through. */
export const IncomingAccessRequest = z.object({ connectionId: Id, request: AccessRequest });
export type IncomingAccessRequest = z.infer<typeof IncomingAccessRequest>;

const OnRequest = { ...OnAccount, requestId: Id };

export const accessRequestsChannels = {
  /** What the last sync of each connection found waiting for the user's answer. */
  'accessRequests.incoming': { input: NoInput, output: z.array(IncomingAccessRequest) },
  /** An account's requests (open and answered), asked of the provider now. */
  'accessRequests.forAccount': { input: z.object(OnAccount).strict(), output: z.array(AccessRequest) },
  /** The user's own requests at one connection, with their outcome. */
  'accessRequests.mine': { input: z.object({ connectionId: Id }).strict(), output: z.array(AccessRequest) },
  'accessRequests.create': { input: z.object({ connectionId: Id, request: CreateAccessRequest }).strict(), output: AccessRequest },
  'accessRequests.approve': { input: z.object({ ...OnRequest, answer: ApproveAccessRequest }).strict(), output: AccessRequest },
  'accessRequests.decline': { input: z.object(OnRequest).strict(), output: AccessRequest },
} as const;
