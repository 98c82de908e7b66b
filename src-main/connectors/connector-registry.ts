import type { ConnectorKind } from '../../src-shared/api/connectors.js';
import { ClientareaConnector, type ClientareaConnectorOptions } from './clientarea/clientarea-connector.js';
import type { Connector } from './connector.js';
import { invitationToken } from './whmcs/client-area/invitation-link.js';
import { WhmcsConnector } from './whmcs/client-area/whmcs-connector.js';
import { WhmcsAdminConnector } from './whmcs/admin/whmcs-admin-connector.js';

export type ConnectorOptions = ClientareaConnectorOptions;

/** Builds the connector of a connection's kind; adding WHMCS means adding a case here. */
export function createConnector(kind: ConnectorKind, options: ConnectorOptions): Connector {
  switch (kind) {
    case 'clientarea':
      return new ClientareaConnector(options);
    case 'whmcs':
      return new WhmcsConnector(options);
    case 'whmcs-admin':
      return new WhmcsAdminConnector(options);
  }
}

/**
 * The invitation id a pasted or dropped invitation link stands for, for kinds whose invitee gets
 * a link instead of a list (WHMCS); null when the kind has no such links or the link is not one.
 */
export function invitationIdFromLink(kind: ConnectorKind, link: string): string | null {
  return kind === 'whmcs' ? invitationToken(link) : null;
}
