import type { Capability } from '../../src-shared/api/capabilities.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { Connections } from '../connections/connections.js';
import type { Connector } from '../connectors/connector.js';
import { ClientdeckError } from '../errors.js';
import type { AccountCache } from '../sync/account-cache.js';

/** Refuses a request the connection's connector cannot serve, before anything is sent. */
export function requireCapability(connection: Connection, capability: Capability, what: string): void {
  if (!connection.capabilities.includes(capability)) {
    throw new ClientdeckError('not_supported', `${connection.label} does not let Clientdeck ${what}.`);
  }
}

/** The connection's connector, once its capability is checked; `what` completes "does not let Clientdeck …". */
export async function capableConnector(connections: Connections, connectionId: string, capability: Capability, what: string): Promise<Connector> {
  requireCapability(connections.get(connectionId), capability, what);
  return (await connections.connectorFor(connectionId)).connector;
}

/** The cached account, or not_found when this connection does not reach it. */
export function requireAccount(connections: Connections, cache: AccountCache, connectionId: string, accountId: string): { id: string; name: string } {
  connections.get(connectionId);
  const account = cache.read(connectionId).accounts.find((a) => a.id === accountId);
  if (!account) throw new ClientdeckError('not_found', 'This account is not among the accounts of this connection. Sync and try again.');
  return account;
}
