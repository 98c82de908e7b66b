import { SsoLink } from '../../../src-shared/api/sso.js';
import type { SsoPart } from '../connector.js';
import { seg, type ApiSession } from './api-session.js';

/** One-time links into the customer's panel at the Client Area Access API (`/accounts/{id}/sso`). */
export class ClientareaSso implements SsoPart {
  constructor(private readonly api: ApiSession) {}

  createLink(accountId: string) {
    return this.api.write(SsoLink, 'POST', `/accounts/${seg(accountId)}/sso`, {});
  }
}
