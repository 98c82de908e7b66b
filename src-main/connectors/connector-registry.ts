import type { ConnectorKind } from '../../src-shared/api/connectors.js';
import { ClientareaConnector, type ClientareaConnectorOptions } from './clientarea/clientarea-connector.js';
import type { Connector } from './connector.js';
import { WhmcsAdminConnector } from './whmcs/admin/whmcs-admin-connector.js';

export type ConnectorOptions = ClientareaConnectorOptions;

/** Builds the connector of a connection's kind; adding WHMCS means adding a case here. */
export function createConnector(kind: ConnectorKind, options: ConnectorOptions): Connector {
  switch (kind) {
    case 'clientarea':
      return new ClientareaConnector(options);
    case 'whmcs-admin':
      return new WhmcsAdminConnector(options);
  }
}
