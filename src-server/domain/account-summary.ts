/**
 * What each listed account carries besides the caller's grant (docs/ARCHITECTURE.md §5, §11): its
 * summary counts as the caller may see them and its two-factor mark. They are columns of the page's
 * own read, each a correlated count by the account's index, so a page of any size costs one
 * statement for its rows and their facts; only a page holding scoped grants reads twice more.
 */
import { type Kysely, sql } from 'kysely';
import type { Account } from '../../src-shared/api/accounts.js';
import type { Permission } from '../../src-shared/api/permissions.js';
import { SETTINGS } from '../config/settings.js';
import type { RowArrays } from '../db/row-arrays.js';
import type { Database } from '../db/tables.js';
import { inScope } from './access.js';
import { addDays } from './clock.js';
import type { grantOf } from './memberships.js';

type Grant = ReturnType<typeof grantOf>;

/** The facts `summaryColumns` adds to each row, as both stores hand them back (counts may arrive as text; null without a counts row). */
export interface SummaryFacts {
  services: number | string | null;
  domains_expiring_soon: number | string;
  unpaid_invoices: number | string | null;
  open_tickets: number | string | null;
  two_factor_required: number | string | boolean;
  two_factor_enabled: number | string | boolean;
}

/** The window of "expiring soon": from now to the configured number of days ahead, in stored UTC text. */
export interface SoonWindow {
  from: string;
  to: string;
}

export function soonWindow(now: Date): SoonWindow {
  return { from: now.toISOString(), to: addDays(now, SETTINGS.domainsExpiringSoonDays).toISOString() };
}

/**
 * The select list of an accounts read that joins `account_counts` (`withCounts`): the account's
 * counts kept by the database (migration 0014), its domains expiring soon (counted when read, as
 * that moves with time, and only for an account that has domains), whether its owner requires
 * two-factor sign-in, and whether the caller (`userId`) has it on. The last does not depend on the
 * row; both stores evaluate such a subquery once per statement. The values may be a compiled
 * query's slots (`db/compiled-queries.ts`), so they arrive worked out.
 */
export function summaryColumns(soon: SoonWindow, userId: string) {
  return [
    'account_counts.services',
    'account_counts.unpaid_invoices',
    'account_counts.open_tickets',
    sql<
      number | string
    >`case when account_counts.domains > 0 then (select count(*) from domains where domains.account_id = accounts.id and domains.expires_at >= ${soon.from} and domains.expires_at <= ${soon.to}) else 0 end`.as(
      'domains_expiring_soon',
    ),
    sql<number>`case when exists (select 1 from two_factor_policies where two_factor_policies.account_id = accounts.id) then 1 else 0 end`.as(
      'two_factor_required',
    ),
    sql<number>`case when exists (select 1 from two_factor where two_factor.user_id = ${userId} and two_factor.enabled_at is not null) then 1 else 0 end`.as(
      'two_factor_enabled',
    ),
  ] as const;
}

/**
 * A grant whose end has come is not listed, even before the retiring (`access-expiry-sweep.ts`)
 * has deleted it: for a read that left-joins `access_expiries` to its memberships.
 */
export function stillGranted(nowIso: string) {
  return sql<boolean>`(access_expiries.expires_at is null or access_expiries.expires_at > ${nowIso})`;
}

/** What a scoped member may count: only the services and domains their scope names. */
export interface ScopedCounts {
  services: Map<string, number>;
  domainsExpiringSoon: Map<string, number>;
}

/**
 * The service and domain counts of the scoped grants of a page (`grants[i]` is the grant on
 * account `accounts[i]`): two reads for all of them together, none when the page holds no scoped
 * grant (an owner's page never does).
 */
export async function scopedCounts(
  db: Kysely<Database>,
  now: Date,
  accounts: readonly string[],
  grants: readonly { grant: Grant }[],
): Promise<ScopedCounts | undefined> {
  const scoped = accounts.flatMap((id, i) => (grants[i]!.grant.scope !== null ? [{ id, grant: grants[i]!.grant }] : []));
  if (scoped.length === 0) return undefined;
  const ids = scoped.map((r) => r.id);
  const soon = soonWindow(now);
  const [services, domains] = await Promise.all([
    db.selectFrom('services').select(['id', 'account_id']).where('account_id', 'in', ids).where('status', '!=', 'cancelled').execute(),
    db
      .selectFrom('domains')
      .select(['id', 'name', 'account_id'])
      .where('account_id', 'in', ids)
      .where('expires_at', '>=', soon.from)
      .where('expires_at', '<=', soon.to)
      .execute(),
  ]);
  const counts: ScopedCounts = { services: new Map(), domainsExpiringSoon: new Map() };
  for (const { id, grant } of scoped) {
    counts.services.set(id, services.filter((x) => x.account_id === id && inScope(grant.scope, 'services', x)).length);
    counts.domainsExpiringSoon.set(id, domains.filter((x) => x.account_id === id && inScope(grant.scope, 'domains', x)).length);
  }
  return counts;
}

/** Which counts a grant may see: one without the permission shows 0. Worked out once per distinct grant of a page. */
export interface VisibleCounts {
  services: boolean;
  domains: boolean;
  invoices: boolean;
  tickets: boolean;
}

export function visibleCounts(grant: Grant): VisibleCounts {
  const may = (p: Permission) => grant.permissions.includes(p);
  return {
    services: may('services.view') || may('services.manage'),
    domains: may('domains.view') || may('domains.manage'),
    invoices: may('billing.invoices'),
    tickets: may('tickets'),
  };
}

/**
 * The JSON text of the counts one listed account shows its caller, from the row's summary columns
 * (`summaryColumns`), in the order of the schema's keys.
 */
export function summaryText(
  id: string,
  read: RowArrays<SummaryFacts>,
  row: readonly unknown[],
  visible: VisibleCounts,
  scoped: ScopedCounts | undefined,
): string {
  const services = visible.services ? (scoped?.services.get(id) ?? Number(read.read(row, 'services'))) : 0;
  const soon = visible.domains ? (scoped?.domainsExpiringSoon.get(id) ?? Number(read.read(row, 'domains_expiring_soon'))) : 0;
  const unpaid = visible.invoices ? Number(read.read(row, 'unpaid_invoices')) : 0;
  const tickets = visible.tickets ? Number(read.read(row, 'open_tickets')) : 0;
  return `{"services":${services},"domainsExpiringSoon":${soon},"unpaidInvoices":${unpaid},"openTickets":${tickets}}`;
}

type TwoFactorMark = NonNullable<Account['twoFactor']>;

/** The texts of the four two-factor marks, by `required` then `enabled`: every row's is one of them. */
const MARK_TEXTS = [false, true].flatMap((required) => [false, true].map((enabled) => JSON.stringify({ required, enabled } satisfies TwoFactorMark)));

/** The text of a row's two-factor mark: whether its account's owner requires it, and whether the caller has it on. */
export function twoFactorMarkText(required: SummaryFacts['two_factor_required'], enabled: SummaryFacts['two_factor_enabled']): string {
  return MARK_TEXTS[(truthy(required) ? 2 : 0) + (truthy(enabled) ? 1 : 0)]!;
}

// SQLite answers 0/1; PostgreSQL an integer that may arrive as text.
const truthy = (value: number | string | boolean) => value === true || Number(value) === 1;
