import type { Capability, ConnectorKind } from '../../src-shared/api/capabilities.js';
import { CLIENTAREA_CAPABILITIES, ClientareaConnector, type ClientareaConnectorOptions } from './clientarea/clientarea-connector.js';
import type { Connector } from './connector.js';

export type ConnectorOptions = ClientareaConnectorOptions;

/** Builds the connector of a connection's kind; adding WHMCS means adding a case here. */
export function createConnector(kind: ConnectorKind, options: ConnectorOptions): Connector {
  switch (kind) {
    case 'clientarea':
      return new ClientareaConnector(options);
  }
}

/** What a kind can do, without building a connector (for listing stored connections). */
export function capabilitiesOf(kind: ConnectorKind): readonly Capability[] {
  switch (kind) {
    case 'clientarea':
      return CLIENTAREA_CAPABILITIES;
  }
}
