/**
 * The reads of the accounts list and of one account (docs/ARCHITECTURE.md §5, §11), as compiled
 * statements: every signed-in page and account request runs them, so each is built and compiled
 * once per database and then only bound (`db/compiled-queries.ts`).
 */
import { type Expression, type ExpressionBuilder, type Kysely, PostgresAdapter, type SqlBool, sql } from 'kysely';
import { CompiledStatement, type Slots } from '../db/compiled-queries.js';
import type { Database } from '../db/tables.js';
import { soonWindow, stillGranted, summaryColumns } from './account-summary.js';
import type { PageShape } from './paging.js';

/** The values of a page read; a cursor's or a date's are empty when the page has none (its shape leaves them out). */
export interface PageValues {
  userId: string;
  /** One more row than the page holds, to know whether another follows. */
  rows: number;
  now: string;
  soonFrom: string;
  soonTo: string;
  afterName: string;
  afterId: string;
  since: string;
}

/** The values a read of the accounts list takes from `now`: the instant itself and the window of "expiring soon". */
export function timeValues(now: Date): Pick<PageValues, 'now' | 'soonFrom' | 'soonTo'> {
  const soon = soonWindow(now);
  return { now: now.toISOString(), soonFrom: soon.from, soonTo: soon.to };
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

/**
 * The rows of one page in index order. The membership's copy of the account name (migration 0012)
 * is in index order per login, so the page is a range read of that index, never a sort of every
 * account the login reaches.
 */
export function accountPageQuery(db: Kysely<Database>, v: Slots<PageValues>, shape: PageShape) {
  let q = reachableQuery(db, v.userId);
  if (shape.startsWith('after')) {
    q = q.where((eb) =>
      eb.or([
        eb('memberships.account_name', '>', v.afterName),
        eb.and([eb('memberships.account_name', '=', v.afterName), eb('memberships.account_id', '>', v.afterId)]),
      ]),
    );
  }
  // Compared in UTC text form, as stored.
  if (shape.endsWith('since')) q = q.where((eb) => eb.or([eb('accounts.updated_at', '>=', v.since), eb('memberships.updated_at', '>=', v.since)]));
  return q.orderBy('memberships.account_name').orderBy('memberships.account_id').limit(v.rows);
}

/**
 * The one read of a page: its rows, each with its counts row, two-factor mark and first domain
 * names, and the list's state (`listStateColumns`) in the same statement, so the state is exactly
 * the one the rows were read in.
 */
export function accountPageRead(db: Kysely<Database>, v: Slots<PageValues>, shape: PageShape) {
  return accountPageQuery(db, v, shape)
    .leftJoin('account_counts', 'account_counts.account_id', 'accounts.id')
    .select(summaryColumns({ from: v.soonFrom, to: v.soonTo }, v.userId))
    .select([domainNamesColumn(db), ...listStateColumns(db, v)])
    .where(stillGranted(v.now));
}

export const ACCOUNT_PAGE = new CompiledStatement('account page', accountPageRead);

/** One account the user reaches, read as a page row is. */
export const ONE_ACCOUNT = new CompiledStatement(
  'one account',
  (db, v: Slots<Pick<PageValues, 'userId' | 'now' | 'soonFrom' | 'soonTo'> & { accountId: string }>) =>
    reachableQuery(db, v.userId)
      .leftJoin('account_counts', 'account_counts.account_id', 'accounts.id')
      .select(summaryColumns({ from: v.soonFrom, to: v.soonTo }, v.userId))
      .select(domainNamesColumn(db))
      .where(stillGranted(v.now))
      .where('accounts.id', '=', v.accountId),
);

/**
 * The state every accounts page is built from: the version the database bumps on every write a
 * page shows (migration 0004) and the next two moments an expiring-soon count can change with
 * time alone (the first domain yet to expire, the first yet to enter the window). Uncorrelated,
 * so both stores work each out once per statement, whichever read carries them.
 */
function listStateColumns(db: Kysely<Database>, v: Slots<{ now: string; soonTo: string }>) {
  return [
    db.selectFrom('account_list_version').select('version').where('id', '=', 1).as('list_version'),
    db
      .selectFrom('domains')
      .select((d) => d.fn.min('expires_at').as('at'))
      .where('expires_at', '>=', v.now)
      .as('list_leaving'),
    db
      .selectFrom('domains')
      .select((d) => d.fn.min('expires_at').as('at'))
      .where('expires_at', '>', v.soonTo)
      .as('list_entering'),
  ] as const;
}

/** The list's state alone, for a conditional request that may be answered 304 without a page. */
const LIST_STATE = new CompiledStatement('account list state', (db, v: Slots<{ now: string; soonTo: string }>) => db.selectNoFrom(listStateColumns(db, v)));

export async function listStateRow(db: Kysely<Database>, now: Date) {
  const { now: at, soonTo } = timeValues(now);
  // A select without FROM answers one row; a missing version row shows as a null version.
  return (await LIST_STATE.first(db, { now: at, soonTo }))!;
}

/** How many domain names one account carries in the list: enough to search by, bounded per page. */
export const DOMAIN_NAMES_PER_ACCOUNT = 50;

/**
 * The first domain names of the accounts `which` picks, ranked in SQL so an account with
 * thousands of domains still sends only the first few: for a page holding scoped grants, whose
 * structure follows each scope (every other row has its names in the page's read).
 */
export function firstDomainNames(db: Kysely<Database>, which: (eb: ExpressionBuilder<Database, 'domains'>) => Expression<SqlBool>) {
  return db
    .selectFrom(
      db
        .selectFrom('domains')
        .select(['account_id', 'name', sql<number>`row_number() over (partition by account_id order by name, id)`.as('rank')])
        .where(which)
        .as('ranked'),
    )
    .select(['account_id', 'name'])
    .where('rank', '<=', DOMAIN_NAMES_PER_ACCOUNT)
    .orderBy('account_id')
    .orderBy('rank');
}

/**
 * The first domain names of a row's account, by name, as a JSON array text (compact, as
 * `JSON.stringify` writes it, on both stores); null for an account without domains (its counts
 * row says so, and then nothing is looked up). A range of the index `domains (account_id, name,
 * id)` (migration 0015). SQLite aggregates the rows in the order its subquery yields them, the
 * index's, where an ORDER BY of its own would sort them again; PostgreSQL is told the order.
 */
function domainNamesColumn(db: Kysely<Database>) {
  const first = sql`select name, id from domains where domains.account_id = accounts.id order by name, id limit ${sql.lit(DOMAIN_NAMES_PER_ACCOUNT)}`;
  const names =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql<string>`(select '[' || string_agg(to_json(first.name)::text, ',' order by first.name, first.id) || ']' from (${first}) as first)`
      : sql<string>`(select json_group_array(first.name) from (${first}) as first)`;
  return sql<string | null>`case when account_counts.domains > 0 then ${names} end`.as('domain_names');
}
