import { AccessRequest, AccessRequestList, type ApproveAccessRequest, type CreateAccessRequest } from '../../../src-shared/api/access-requests.js';
import type { AccessRequestsPart, RequestOptions } from '../connector.js';
import { LIST_PAGE, seg, type ApiSession } from './api-session.js';

/** Access requests at the Client Area Access API (`/access-requests`, `/accounts/{id}/access-requests`). */
export class ClientareaAccessRequests implements AccessRequestsPart {
  constructor(private readonly api: ApiSession) {}

  create(request: CreateAccessRequest) {
    return this.api.write(AccessRequest, 'POST', '/access-requests', request);
  }

  listOwn() {
    return this.api.listAll(AccessRequestList, '/access-requests', { limit: LIST_PAGE });
  }

  listToAnswer(options: RequestOptions = {}) {
    return this.api.listAll(AccessRequestList, '/access-requests/incoming', { limit: LIST_PAGE, signal: options.signal });
  }

  listForAccount(accountId: string) {
    return this.api.listAll(AccessRequestList, `/accounts/${seg(accountId)}/access-requests`, { limit: LIST_PAGE });
  }

  approve(accountId: string, requestId: string, answer: ApproveAccessRequest) {
    return this.api.write(AccessRequest, 'POST', `/accounts/${seg(accountId)}/access-requests/${seg(requestId)}/approve`, answer);
  }

  decline(accountId: string, requestId: string) {
    return this.api.write(AccessRequest, 'POST', `/accounts/${seg(accountId)}/access-requests/${seg(requestId)}/decline`);
  }
}
