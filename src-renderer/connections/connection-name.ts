import type { TFunction } from 'i18next';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import { DEMO_LABEL } from '../../src-shared/ipc/demo-connection.js';

/**
 * The name the app shows for a connection. Main names the demo connection in English (it has no
 * language); until the user renames it, it is shown in the user's language instead.
 */
export function connectionName(connection: Pick<Connection, 'label' | 'isDemo'>, t: TFunction): string {
  return connection.isDemo && connection.label === DEMO_LABEL ? t('connections.demoName') : connection.label;
}

/**
 * The provider name of a row that carries its connection's label (an account, an invitation):
 * translated the same way when the row's connection is the unrenamed demo.
 */
export function providerName(
  row: { connectionId: string; providerLabel: string },
  connections: readonly Pick<Connection, 'id' | 'label' | 'isDemo'>[],
  t: TFunction,
): string {
  const connection = connections.find((c) => c.id === row.connectionId);
  return connection && connection.label === row.providerLabel ? connectionName(connection, t) : row.providerLabel;
}
