import { type Kysely, sql } from 'kysely';
import { type Permission, PERMISSIONS } from '../../src-shared/api/permissions.js';
import type { Account, AccountPage } from '../../src-shared/api/accounts.js';
import { SETTINGS } from '../config/settings.js';
import type { AccountRow, Database, MembershipRow } from '../db/tables.js';
import { addDays } from './clock.js';
import { inScope } from './access.js';
import { ClientAreaError, notFound } from './errors.js';
import { grantOf, insertMembership } from './memberships.js';
import { newId } from './tokens.js';
import { findUserByEmail } from './users.js';

type Summary = Account['summary'];
type Reachable = Pick<AccountRow, 'id' | 'name' | 'updated_at'> &
  Pick<MembershipRow, 'role' | 'permissions' | 'scope'> & {
    membership_updated_at: string;
    access_expires_at: string | null;
  };

export interface AccountListQuery {
  limit: number;
  cursor?: string | undefined;
  updatedSince?: string | undefined;
}

/** Accounts the user can reach, ordered by name then id, paginated by an opaque keyset cursor. */
export async function listAccounts(db: Kysely<Database>, now: Date, userId: string, query: AccountListQuery): Promise<AccountPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  let q = reachableQuery(db, userId);
  if (after) {
    q = q.where((eb) => eb.or([eb('accounts.name', '>', after.name), eb.and([eb('accounts.name', '=', after.name), eb('accounts.id', '>', after.id)])]));
  }
  if (query.updatedSince !== undefined) {
    // Compare in UTC text form, as stored.
    const since = new Date(query.updatedSince).toISOString();
    q = q.where((eb) => eb.or([eb('accounts.updated_at', '>=', since), eb('memberships.updated_at', '>=', since)]));
  }
  const rows = await q
    .orderBy('accounts.name')
    .orderBy('accounts.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const graded = page.map((r) => ({ ...r, grant: grantOf(r) }));
  const [summaries, names] = await Promise.all([summarize(db, now, graded), domainNamesOf(db, graded)]);
  return {
    items: graded.map((r) => toAccount(r, summaries.get(r.id), names.get(r.id))),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/**
 * The state every accounts page is built from, read without building one: the version the
 * database bumps on every write a page shows (migration 0004) and the next two moments an
 * expiring-soon count can change with time alone (the first domain yet to expire, the first yet
 * to enter the window). The version is the whole database's: a write anywhere makes a page be
 * built once more, never a changed page pass as current. Read it before the page, so it never
 * names a state newer than the page it goes with.
 */
export async function accountListState(db: Kysely<Database>, now: Date): Promise<string> {
  const soonTo = addDays(now, SETTINGS.domainsExpiringSoonDays).toISOString();
  const row = await db
    .selectFrom('account_list_version')
    .select((eb) => [
      'version',
      eb
        .selectFrom('domains')
        .select((d) => d.fn.min('expires_at').as('at'))
        .where('expires_at', '>=', now.toISOString())
        .as('leaving'),
      eb
        .selectFrom('domains')
        .select((d) => d.fn.min('expires_at').as('at'))
        .where('expires_at', '>', soonTo)
        .as('entering'),
    ])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return JSON.stringify([Number(row.version), row.leaving, row.entering]);
}

/** One account as the user sees it; `not_found` when the user cannot reach it (never `forbidden`: no probing). */
export async function getAccount(db: Kysely<Database>, now: Date, userId: string, accountId: string): Promise<Account> {
  const row = await reachableQuery(db, userId).where('accounts.id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('The account');
  const graded = { ...row, grant: grantOf(row) };
  const [summaries, names] = await Promise.all([summarize(db, now, [graded]), domainNamesOf(db, [graded])]);
  return toAccount(graded, summaries.get(row.id), names.get(row.id));
}

function reachableQuery(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .leftJoin('access_expiries', 'access_expiries.membership_id', 'memberships.id')
    .select([
      'accounts.id',
      'accounts.name',
      'accounts.updated_at',
      'memberships.role',
      'memberships.permissions',
      'memberships.scope',
      'memberships.updated_at as membership_updated_at',
      'access_expiries.expires_at as access_expires_at',
    ])
    .where('memberships.user_id', '=', userId);
}

/** A reachable row with its effective grant, worked out once per row. */
type Graded = Reachable & { grant: ReturnType<typeof grantOf> };

function toAccount(row: Graded, summary: Summary | undefined, domainNames: string[] | undefined): Account {
  const updatedAt = row.membership_updated_at > row.updated_at ? row.membership_updated_at : row.updated_at;
  return {
    id: row.id,
    name: row.name,
    ...row.grant,
    summary: summary ?? { services: 0, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 },
    updatedAt,
    domainNames: domainNames ?? [],
    accessExpiresAt: row.access_expires_at,
  };
}

/** How many domain names one account carries in the list: enough to search by, bounded per page. */
export const DOMAIN_NAMES_PER_ACCOUNT = 50;

/**
 * The first domain names (by name) of each account of a page, as the caller may see them: none
 * without domains.view/manage, only those in scope for a scoped member. One query per page,
 * ranked in SQL so an account with thousands of domains still sends only the first few.
 */
async function domainNamesOf(db: Kysely<Database>, rows: Graded[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const visible = rows.filter((r) => r.grant.permissions.includes('domains.view') || r.grant.permissions.includes('domains.manage'));
  const whole = visible.filter((r) => r.grant.scope === null).map((r) => r.id);
  const scoped = visible.flatMap((r) => {
    const only = r.grant.scope?.domains ?? [];
    return r.grant.scope !== null && only.length > 0 ? [{ id: r.id, only }] : [];
  });
  if (whole.length === 0 && scoped.length === 0) return result;
  const ranked = db
    .selectFrom('domains')
    .select(['account_id', 'name', sql<number>`row_number() over (partition by account_id order by name, id)`.as('rank')])
    .where((eb) =>
      eb.or([
        ...(whole.length > 0 ? [eb('account_id', 'in', whole)] : []),
        // A scope may name a domain by id or by name (see inScope).
        ...scoped.map((s) => eb.and([eb('account_id', '=', s.id), eb.or([eb('id', 'in', s.only), eb('name', 'in', s.only)])])),
      ]),
    );
  const found = await db
    .selectFrom(ranked.as('ranked'))
    .select(['account_id', 'name'])
    .where('rank', '<=', DOMAIN_NAMES_PER_ACCOUNT)
    .orderBy('account_id')
    .orderBy('rank')
    .execute();
  for (const { account_id, name } of found) {
    const list = result.get(account_id);
    if (list) list.push(name);
    else result.set(account_id, [name]);
  }
  return result;
}

/**
 * Summary counts for a page of accounts, as the caller may see them: a count the grant has no
 * permission for is 0, and a scoped member counts only the services and domains in scope. Four
 * grouped queries whatever the page size, and two more when the page holds scoped grants.
 */
async function summarize(db: Kysely<Database>, now: Date, rows: Graded[]): Promise<Map<string, Summary>> {
  const zero = (): Summary => ({ services: 0, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 });
  const result = new Map<string, Summary>(rows.map((r) => [r.id, zero()]));
  if (rows.length === 0) return result;
  const ids = rows.map((r) => r.id);
  const soonFrom = now.toISOString();
  const soonTo = addDays(now, SETTINGS.domainsExpiringSoonDays).toISOString();
  const [services, domains, invoices, tickets] = await Promise.all([
    db
      .selectFrom('services')
      .select(['account_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('account_id', 'in', ids)
      .where('status', '!=', 'cancelled')
      .groupBy('account_id')
      .execute(),
    db
      .selectFrom('domains')
      .select(['account_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('account_id', 'in', ids)
      .where('expires_at', '>=', soonFrom)
      .where('expires_at', '<=', soonTo)
      .groupBy('account_id')
      .execute(),
    db
      .selectFrom('invoices')
      .select(['account_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('account_id', 'in', ids)
      .where('status', '=', 'unpaid')
      .groupBy('account_id')
      .execute(),
    db
      .selectFrom('tickets')
      .select(['account_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('account_id', 'in', ids)
      .where('status', '!=', 'closed')
      .groupBy('account_id')
      .execute(),
  ]);
  const put = (counted: { account_id: string; n: number | string }[], key: keyof Summary) => {
    for (const r of counted) {
      const s = result.get(r.account_id);
      if (s) s[key] = Number(r.n);
    }
  };
  put(services, 'services');
  put(domains, 'domainsExpiringSoon');
  put(invoices, 'unpaidInvoices');
  put(tickets, 'openTickets');

  // Scoped members count only what their scope names: two more queries for all of them together.
  const scoped = rows.filter((r) => r.grant.scope !== null);
  const scopedIds = scoped.map((r) => r.id);
  const [scopedServices, scopedDomains] =
    scopedIds.length === 0
      ? [[], []]
      : await Promise.all([
          db.selectFrom('services').select(['id', 'account_id']).where('account_id', 'in', scopedIds).where('status', '!=', 'cancelled').execute(),
          db
            .selectFrom('domains')
            .select(['id', 'name', 'account_id'])
            .where('account_id', 'in', scopedIds)
            .where('expires_at', '>=', soonFrom)
            .where('expires_at', '<=', soonTo)
            .execute(),
        ]);
  for (const { id, grant } of scoped) {
    const s = result.get(id);
    if (!s) continue;
    s.services = scopedServices.filter((x) => x.account_id === id && inScope(grant.scope, 'services', x)).length;
    s.domainsExpiringSoon = scopedDomains.filter((x) => x.account_id === id && inScope(grant.scope, 'domains', x)).length;
  }

  for (const row of rows) {
    const s = result.get(row.id);
    if (!s) continue;
    const { permissions } = row.grant;
    const may = (p: Permission) => permissions.includes(p);
    if (!may('services.view') && !may('services.manage')) s.services = 0;
    if (!may('domains.view') && !may('domains.manage')) s.domainsExpiringSoon = 0;
    if (!may('billing.invoices')) s.unpaidInvoices = 0;
    if (!may('tickets')) s.openTickets = 0;
  }
  return result;
}

function encodeCursor(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.name, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // fall through to the error below
  }
  throw new ClientAreaError('validation_failed', 400, 'The cursor is not one this server handed out. Start again without it.');
}

/** Provider administration: a new account with an existing login as its owner. */
export async function createAccount(db: Kysely<Database>, now: Date, input: { name: string; ownerEmail: string }): Promise<AccountRow> {
  const owner = await findUserByEmail(db, input.ownerEmail);
  if (!owner) throw new ClientAreaError('not_found', 404, 'There is no login with that owner email. Create the login first.');
  const row: AccountRow = { id: newId('acc'), name: input.name.trim(), owner_id: owner.id, created_at: now.toISOString(), updated_at: now.toISOString() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('accounts').values(row).execute();
    await insertMembership(trx, now, { accountId: row.id, userId: owner.id, role: 'owner', permissions: PERMISSIONS });
  });
  return row;
}

/** Anything bought or asked changes what the account list shows, so incremental sync must see it. */
export async function touchAccount(db: Kysely<Database>, now: Date, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ updated_at: now.toISOString() }).where('id', '=', accountId).execute();
}

export async function requireAccountExists(db: Kysely<Database>, accountId: string): Promise<AccountRow> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('The account');
  return row;
}
