import { DomainList, ServiceList } from '../../../src-shared/api/services.js';
import type { ProductsPart } from '../connector.js';
import { LIST_PAGE, seg, type ApiSession } from './api-session.js';

/** An account's services and domains at the Client Area Access API (`/accounts/{id}/services`, `/domains`). */
export class ClientareaProducts implements ProductsPart {
  constructor(private readonly api: ApiSession) {}

  listServices(accountId: string) {
    return this.api.listAll(ServiceList, `/accounts/${seg(accountId)}/services`, { limit: LIST_PAGE });
  }

  listDomains(accountId: string) {
    return this.api.listAll(DomainList, `/accounts/${seg(accountId)}/domains`, { limit: LIST_PAGE });
  }
}
