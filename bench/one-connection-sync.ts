/**
 * The real sync engine and account cache over one signed-in connector, as main runs them for one
 * connection: what the connector benchmarks measure, whichever provider kind.
 */
import type { Connection } from '../src-shared/ipc/channels/connections.js';
import type { ConnectorKind } from '../src-shared/api/connectors.js';
import { capabilitiesOf } from '../src-main/connectors/capabilities.js';
import type { Connector } from '../src-main/connectors/connector.js';
import { EventHub } from '../src-main/events.js';
import { silentLogger } from '../src-main/logging.js';
import { AccountCache } from '../src-main/sync/account-cache.js';
import { SyncEngine } from '../src-main/sync/sync-engine.js';

export function oneConnectionSync(
  connector: Connector,
  where: { id: string; kind: ConnectorKind; baseUrl: string; email: string; cacheDir: string; pageSize?: number },
): { connection: Connection; sync: SyncEngine } {
  const connection: Connection = {
    id: where.id,
    label: where.id,
    baseUrl: where.baseUrl,
    kind: where.kind,
    email: where.email,
    isDemo: false,
    capabilities: capabilitiesOf(connector),
    createdAt: new Date().toISOString(),
  };
  const sync = new SyncEngine({
    connections: { list: () => [connection], connectorFor: async () => ({ connection, connector }) },
    cache: new AccountCache(where.cacheDir, silentLogger()),
    events: new EventHub(),
    logger: silentLogger(),
    ...(where.pageSize === undefined ? {} : { pageSize: where.pageSize }),
  });
  return { connection, sync };
}
