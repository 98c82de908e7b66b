import type { Capability } from '../../src-shared/api/connectors.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { Connections } from '../connections/connections.js';
import { capabilityMissing, PART_CAPABILITIES, partOf, type PartName } from '../connectors/capabilities.js';
import type { Connector } from '../connectors/connector.js';
import { ClientdeckError } from '../errors.js';
import type { AccountCache } from '../sync/account-cache.js';

/** Refuses a request the connection's connector cannot serve, before anything is sent. */
export function requireCapability(connection: Connection, capability: Capability, what: string): void {
  if (!connection.capabilities.includes(capability)) throw capabilityMissing(connection.label, what);
}

/**
 * The part of the connection's connector a request needs; `what` completes "does not let
 * Clientdeck …". The refusal comes before the connector is reached (for the demo provider that
 * would mean starting it), from the capabilities the connection's connector parts gave it.
 */
export async function capablePart<P extends PartName>(
  connections: Connections,
  connectionId: string,
  part: P,
  what: string,
): Promise<NonNullable<Connector[P]>> {
  const connection = connections.get(connectionId);
  requireCapability(connection, PART_CAPABILITIES[part], what);
  const { connector } = await connections.connectorFor(connectionId);
  return partOf(connector, part, connection.label, what);
}

/** The cached account, or not_found when this connection does not reach it. */
export function requireAccount(connections: Connections, cache: AccountCache, connectionId: string, accountId: string): { id: string; name: string } {
  connections.get(connectionId);
  const account = cache.read(connectionId).accounts.find((a) => a.id === accountId);
  if (!account) throw new ClientdeckError('not_found', 'This account is not among the accounts of this connection. Sync and try again.');
  return account;
}
