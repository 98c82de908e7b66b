import { AuditPage } from '../../../src-shared/api/activity.js';
import type { AuditPart } from '../connector.js';
import { seg, type ApiSession } from './api-session.js';

/** An account's audit trail at the Client Area Access API (`/accounts/{id}/audit`), one page at a time. */
export class ClientareaAudit implements AuditPart {
  constructor(private readonly api: ApiSession) {}

  list(accountId: string, cursor?: string) {
    const params: Record<string, string> = cursor ? { cursor } : {};
    return this.api.authorized(AuditPage, { method: 'GET', url: `/accounts/${seg(accountId)}/audit`, params });
  }
}
