import type { Kysely } from 'kysely';
import type { Ticket } from '../../src-shared/api/activity.js';
import type { Account } from '../../src-shared/api/accounts.js';
import type { Domain, Service } from '../../src-shared/api/services.js';
import { SETTINGS } from '../config/settings.js';
import type { Database, UserRow } from '../db/tables.js';
import { addDays } from '../domain/clock.js';
import { listDomains, listServices } from '../domain/products.js';
import { listTickets } from '../domain/tickets.js';

export interface DashboardInvoice {
  id: string;
  amountCents: number;
  status: string;
  dueAt: string;
}

/** Each list is `null` when the viewer's grant does not include it, so the page says so instead of showing zero. */
export interface Dashboard {
  services: Service[] | null;
  domains: (Domain & { expiresSoon: boolean })[] | null;
  invoices: DashboardInvoice[] | null;
  tickets: Ticket[] | null;
}

const LIST_LIMIT = 200;

/**
 * What the dashboard of one account shows to this viewer: only what their permissions allow, and
 * for a scoped member only the services and domains of their scope. Services, domains and tickets
 * come from the same domain functions as the API, so the panel and the API never disagree.
 */
export async function loadDashboard(db: Kysely<Database>, now: Date, viewer: UserRow, account: Account): Promise<Dashboard> {
  const can = (p: Account['permissions'][number]) => account.permissions.includes(p);
  const page = { limit: LIST_LIMIT };
  const [services, domains, invoices, tickets] = await Promise.all([
    can('services.view') || can('services.manage') ? listServices(db, viewer, account.id, page).then((p) => p.items) : null,
    can('domains.view') || can('domains.manage') ? listDomains(db, viewer, account.id, page).then((p) => p.items) : null,
    can('billing.invoices')
      ? db
          .selectFrom('invoices')
          .select(['id', 'amount_cents', 'status', 'due_at'])
          .where('account_id', '=', account.id)
          .orderBy('due_at', 'desc')
          .orderBy('id')
          .limit(LIST_LIMIT)
          .execute()
      : null,
    can('tickets') ? listTickets(db, viewer, account.id, page).then((p) => p.items) : null,
  ]);
  const soon = addDays(now, SETTINGS.domainsExpiringSoonDays).toISOString();
  const nowIso = now.toISOString();
  return {
    services,
    domains: domains?.map((d) => ({ ...d, expiresSoon: d.expiresAt >= nowIso && d.expiresAt <= soon })) ?? null,
    invoices: invoices?.map((i) => ({ id: i.id, amountCents: Number(i.amount_cents), status: i.status, dueAt: i.due_at })) ?? null,
    tickets,
  };
}
