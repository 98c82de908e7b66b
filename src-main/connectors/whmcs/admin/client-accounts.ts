import type { Account } from '../../../../src-shared/api/accounts.js';
import { PERMISSIONS } from '../../../../src-shared/api/permissions.js';
import { unexpectedAnswer } from '../../../errors.js';
import type { AccountPageRequest, AccountPageResult } from '../../connector.js';
import type { AdminApi } from './admin-api.js';
import { fullName, GetClientsAnswer, isoFromWhmcs, type WhmcsClient } from './answers.js';

/**
 * A WHMCS client as a Clientdeck account, seen by the provider's staff. Staff (or a reseller's API
 * role) can do on a client everything its owner can, and cannot "leave" it, so the role is the
 * owner's. GetClients gives no counts and no change date: the counts are zero (reading them would
 * cost a request per client per sync) and the change date is the creation date.
 */
export function accountOfClient(client: WhmcsClient): Account {
  return {
    id: String(client.id),
    name: client.companyname.trim() || fullName(client.firstname, client.lastname) || client.email,
    role: 'owner',
    permissions: [...PERMISSIONS],
    scope: null,
    summary: { services: 0, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 },
    updatedAt: isoFromWhmcs(client.datecreated),
  };
}

/**
 * One page of GetClients, the cursor being WHMCS's `limitstart` offset. GetClients has no
 * change filter and no ETag, so `updatedSince` and `ifNoneMatch` cannot narrow it: every page is
 * read whole, and the sync's merge by id keeps the result right.
 */
export async function clientsPage(api: AdminApi, request: AccountPageRequest, signal?: AbortSignal): Promise<AccountPageResult> {
  const start = request.cursor === null ? 0 : Number(request.cursor);
  if (!Number.isSafeInteger(start) || start < 0) throw unexpectedAnswer(api.provider);
  const page = await api.call('GetClients', { limitstart: start, limitnum: request.limit }, GetClientsAnswer, { signal });
  const next = start + page.numreturned;
  return {
    notModified: false,
    items: page.clients.map(accountOfClient),
    nextCursor: page.numreturned > 0 && next < page.totalresults ? String(next) : null,
    etag: null,
  };
}
