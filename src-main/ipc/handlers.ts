import type { IpcHandlers } from './dispatcher.js';
import type { HandlerDeps, OwnerHandlerDeps } from './handler-deps.js';
import { createAccessPolicyHandlers } from './handlers/access-policy.js';
import { createAccessRequestsHandlers } from './handlers/access-requests.js';
import { createAccessReviewHandlers } from './handlers/access-review.js';
import { createAccountsHandlers } from './handlers/accounts.js';
import { createAuditHandlers } from './handlers/audit.js';
import { createBulkHandlers } from './handlers/bulk.js';
import { createConnectionsHandlers } from './handlers/connections.js';
import { createContactsHandlers } from './handlers/contacts.js';
import { createInvitationsHandlers } from './handlers/invitations.js';
import { createManagedUsersHandlers } from './handlers/managed-users.js';
import { createPanelHandlers } from './handlers/panel.js';
import { createProductsHandlers } from './handlers/products.js';
import { createQueueHandlers } from './handlers/queue.js';
import { createSettingsHandlers } from './handlers/settings.js';
import { createSyncHandlers } from './handlers/sync.js';
import { createTeamHandlers } from './handlers/team.js';
import { createVaultHandlers } from './handlers/vault.js';

/**
 * Every channel's handler, one area per file in `handlers/` (mirroring
 * `src-shared/ipc/channels/`).
 */
export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const { connections, cache, events } = deps;
  return {
    ...createOwnerHandlers({ connections, cache, events, review: deps.accessReview }),
    ...createAccessReviewHandlers(deps),
    ...createConnectionsHandlers(deps),
    ...createSyncHandlers(deps),
    ...createAccountsHandlers(deps),
    ...createInvitationsHandlers(deps),
    ...createQueueHandlers(deps),
    ...createBulkHandlers(deps),
    ...createSettingsHandlers(deps),
    ...createVaultHandlers(deps),
    ...createPanelHandlers(deps),
    ...createAccessRequestsHandlers({ connections, cache, events }, deps.accessRequests),
  };
}

/**
 * What an owner (or an admin with `users.manage`) does to an account they run: each channel
 * takes the connector part it needs (`capablePart`, refused when the connector has none), then
 * calls the provider. The provider decides who may do
 * what; its refusals come back as forbidden / conflict / not_found with its own sentence.
 */
export function createOwnerHandlers(deps: OwnerHandlerDeps) {
  return {
    ...createTeamHandlers(deps),
    ...createManagedUsersHandlers(deps),
    ...createContactsHandlers(deps),
    ...createAuditHandlers(deps),
    ...createProductsHandlers(deps),
    ...createAccessPolicyHandlers(deps),
  };
}
