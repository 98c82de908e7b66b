import { describe, expect, it, vi } from 'vitest';
import type { Capability } from '../../../src-shared/api/connectors.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import type { Connections } from '../../../src-main/connections/connections.js';
import { EventHub } from '../../../src-main/events.js';
import { createDispatcher } from '../../../src-main/ipc/dispatcher.js';
import { createOwnerHandlers } from '../../../src-main/ipc/handlers.js';
import { createAccessRequestsHandlers } from '../../../src-main/ipc/handlers/access-requests.js';
import { AccessRequestInbox } from '../../../src-main/access-requests/request-inbox.js';
import { silentLogger } from '../../../src-main/logging.js';
import type { AccountCache } from '../../../src-main/sync/account-cache.js';
import { SAMPLES } from './fixtures/channel-samples.js';

/** Owner channels and the capability each needs. */
const NEEDS: Array<[keyof typeof SAMPLES, Capability]> = [
  ['team.get', 'users.manage'],
  ['team.invite', 'users.manage'],
  ['team.resendInvitation', 'users.manage'],
  ['team.cancelInvitation', 'users.manage'],
  ['team.updateUser', 'users.manage'],
  ['team.revokeUser', 'users.manage'],
  ['team.leaveAccount', 'users.manage'],
  ['managedUsers.create', 'managed_users'],
  ['managedUsers.sendActivation', 'managed_users'],
  ['contacts.list', 'contacts'],
  ['contacts.create', 'contacts'],
  ['contacts.update', 'contacts'],
  ['contacts.delete', 'contacts'],
  ['contacts.promote', 'contacts'],
  ['audit.list', 'audit'],
  ['account.products', 'products'],
  ['accessRequests.forAccount', 'access_requests'],
  ['accessRequests.mine', 'access_requests'],
  ['accessRequests.create', 'access_requests'],
  ['accessRequests.approve', 'access_requests'],
  ['accessRequests.decline', 'access_requests'],
];

function setup(capabilities: Capability[]) {
  const connection: Connection = { ...SAMPLES['connections.list'].output[0]!, capabilities };
  const connectorFor = vi.fn(async () => {
    throw new Error('the connector must not be reached');
  });
  const connections = { get: () => connection, connectorFor } as unknown as Connections;
  const deps = { connections, cache: {} as AccountCache, events: new EventHub() };
  const inbox = new AccessRequestInbox({ ...deps, logger: silentLogger() });
  const handlers = { ...createOwnerHandlers(deps), ...createAccessRequestsHandlers(deps, inbox) };
  return { handlers, connectorFor };
}

describe('owner channels and connector capabilities', () => {
  it('refuses each channel with not_supported, before any request, when the connector lacks its capability', async () => {
    for (const [channel, capability] of NEEDS) {
      const { handlers, connectorFor } = setup(
        (['accounts.list', 'users.manage', 'contacts', 'managed_users', 'audit', 'sso', 'products', 'access_requests'] as Capability[]).filter(
          (c) => c !== capability,
        ),
      );
      const dispatch = createDispatcher(handlers as never, silentLogger());
      const reply = await dispatch(channel, SAMPLES[channel].input);
      expect(reply, channel).toMatchObject({
        ok: false,
        error: { code: 'not_supported', message: expect.stringMatching(/^Demo provider does not let Clientdeck /) },
      });
      expect(connectorFor, channel).not.toHaveBeenCalled();
    }
  });
});
