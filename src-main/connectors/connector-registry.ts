import type { ConnectorKind } from '../../src-shared/api/connectors.js';
import { ClientareaConnector, type ClientareaConnectorOptions } from './clientarea/clientarea-connector.js';
import type { Connector } from './connector.js';
import { WhmcsConnector } from './whmcs/client-area/whmcs-connector.js';

export type ConnectorOptions = ClientareaConnectorOptions;

/** Builds the connector of a connection's kind; adding WHMCS means adding a case here. */
export function createConnector(kind: ConnectorKind, options: ConnectorOptions): Connector {
  switch (kind) {
    case 'clientarea':
      return new ClientareaConnector(options);
    case 'whmcs':
      return new WhmcsConnector(options);
  }
}
