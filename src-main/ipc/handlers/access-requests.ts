import type { accessRequestsChannels } from '../../../src-shared/ipc/channels/access-requests.js';
import type { AccessRequestInbox } from '../../access-requests/request-inbox.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

/**
 * Access requests: asking goes straight to the provider (nothing to queue: a refusal must be seen
 * at once, and the provider limits how often one may ask); an answer also leaves the inbox at once
 * and the account's lists are fetched again, since an approval changes who has access.
 */
export function createAccessRequestsHandlers(
  { connections, events }: OwnerHandlerDeps,
  inbox: AccessRequestInbox,
): Pick<IpcHandlers, keyof typeof accessRequestsChannels> {
  const part = (connectionId: string, what: string) => capablePart(connections, connectionId, 'accessRequests', what);
  return {
    'accessRequests.incoming': async () => inbox.incoming(),
    'accessRequests.forAccount': async ({ connectionId, accountId }) => (await part(connectionId, 'show access requests')).listForAccount(accountId),
    'accessRequests.mine': async ({ connectionId }) => (await part(connectionId, 'show your access requests')).listOwn(),
    'accessRequests.create': async ({ connectionId, request }) => {
      const created = await (await part(connectionId, 'ask for access')).create(request);
      events.changed(['access_requests']);
      return created;
    },
    'accessRequests.approve': async ({ connectionId, accountId, requestId, answer }) => {
      const approved = await (await part(connectionId, 'answer access requests')).approve(accountId, requestId, answer);
      inbox.answered(connectionId, requestId);
      events.changed(['access_requests']);
      return approved;
    },
    'accessRequests.decline': async ({ connectionId, accountId, requestId }) => {
      const declined = await (await part(connectionId, 'answer access requests')).decline(accountId, requestId);
      inbox.answered(connectionId, requestId);
      events.changed(['access_requests']);
      return declined;
    },
  };
}
