import type { Kysely } from 'kysely';
import { PERMISSIONS } from '../../src-shared/api/permissions.js';
import type { Account, AccountPage } from '../../src-shared/api/accounts.js';
import type { AccountRow, Database, MembershipRow } from '../db/tables.js';
import { ACCOUNT_PAGE, firstDomainNames, listStateRow, ONE_ACCOUNT, timeValues } from './account-reads.js';
import { scopedCounts, type SummaryFacts, summaryOf, twoFactorMarks, type VisibleCounts, visibleCounts } from './account-summary.js';
import { ClientAreaError, notFound } from './errors.js';
import { grantOf, insertMembership } from './memberships.js';
import { pageShapeOf } from './paging.js';
import { newId } from './tokens.js';
import { findUserByEmail } from './users.js';

type Reachable = Pick<AccountRow, 'id' | 'name' | 'updated_at'> &
  Pick<MembershipRow, 'role' | 'permissions' | 'scope'> & {
    membership_updated_at: string;
    access_expires_at: string | null;
  };
/** A row with its facts and its account's first domain names (a JSON array text; null: it has no domains). */
type Listed = Reachable & SummaryFacts & { domain_names: string | null };
/** The list's state as a page's read carries it (`account-reads.ts`). */
interface ListState {
  list_version: number | string | null;
  list_leaving: string | null;
  list_entering: string | null;
}
type Grant = ReturnType<typeof grantOf>;
/** A listed row's id with its effective grant. */
type Graded = { id: string; grant: Grant };

export interface AccountListQuery {
  limit: number;
  cursor?: string | undefined;
  updatedSince?: string | undefined;
}

/** Accounts the user can reach, ordered by name then id, paginated by an opaque keyset cursor. */
export async function listAccounts(db: Kysely<Database>, now: Date, userId: string, query: AccountListQuery): Promise<AccountPage> {
  return (await readAccountPage(db, now, userId, query)).page;
}

/**
 * A page with the state it was read in (`accountListState`'s form), from one statement: null when
 * the page has no rows, which carry it. The page's route remembers its tag under that state.
 */
export async function readAccountPage(
  db: Kysely<Database>,
  now: Date,
  userId: string,
  query: AccountListQuery,
): Promise<{ page: AccountPage; state: string | null }> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const since = query.updatedSince === undefined ? '' : new Date(query.updatedSince).toISOString();
  const values = { userId, rows: query.limit + 1, ...timeValues(now), afterName: after?.name ?? '', afterId: after?.id ?? '', since };
  const rows = await ACCOUNT_PAGE.rows(db, values, pageShapeOf(after !== undefined, query.updatedSince !== undefined));
  const more = rows.length > query.limit;
  if (more) rows.length = query.limit;
  const last = rows[rows.length - 1];
  return {
    page: { items: await toAccounts(db, now, rows), nextCursor: more && last ? encodeCursor(last) : null },
    state: rows[0] ? stateOf(rows[0]) : null,
  };
}

/**
 * The state every accounts page is built from, read without building one (`account-reads.ts`),
 * for a conditional request that may be answered 304. The version is the whole database's: a
 * write anywhere makes a page be built once more, never a changed page pass as current.
 */
export async function accountListState(db: Kysely<Database>, now: Date): Promise<string> {
  return stateOf(await listStateRow(db, now));
}

function stateOf(row: ListState): string {
  if (row.list_version === null) throw new Error('The account_list_version row is missing: the migrations did not run to the end.');
  return JSON.stringify([Number(row.list_version), row.list_leaving, row.list_entering]);
}

/** One account as the user sees it; `not_found` when the user cannot reach it (never `forbidden`: no probing). */
export async function getAccount(db: Kysely<Database>, now: Date, userId: string, accountId: string): Promise<Account> {
  const row = await ONE_ACCOUNT.first(db, { userId, accountId, ...timeValues(now) });
  if (!row) throw notFound('The account');
  const [account] = await toAccounts(db, now, [row]);
  return account!;
}

/**
 * The answers for rows read with their summary columns: the grant worked out once per distinct
 * membership (a page of 200 holds a handful, and its rows share the answer's permission list), and
 * besides the rows' own read at most one more for the domain names (and two for scoped counts).
 */
async function toAccounts(db: Kysely<Database>, now: Date, rows: readonly Listed[]): Promise<Account[]> {
  const grants = new Map<string, { grant: Grant; visible: VisibleCounts }>();
  const graded = rows.map((row) => {
    const shape = `${row.role}\u0000${row.permissions}\u0000${row.scope ?? ''}`;
    let known = grants.get(shape);
    if (!known) {
      const grant = grantOf(row);
      grants.set(shape, (known = { grant, visible: visibleCounts(grant) }));
    }
    return { id: row.id, ...known };
  });
  const [scoped, names] = await Promise.all([scopedCounts(db, now, graded), domainNamesOf(db, rows, graded)]);
  const markOf = twoFactorMarks();
  return rows.map((row, i) => {
    const { grant, visible } = graded[i]!;
    return {
      id: row.id,
      name: row.name,
      role: grant.role,
      permissions: grant.permissions,
      scope: grant.scope,
      summary: summaryOf(row.id, row, visible, scoped),
      updatedAt: row.membership_updated_at > row.updated_at ? row.membership_updated_at : row.updated_at,
      domainNames: names.get(row.id) ?? NO_DOMAIN_NAMES,
      accessExpiresAt: row.access_expires_at,
      twoFactor: markOf(row),
    };
  });
}

/** Shared by every row without visible domains: the answer is serialized, never changed. */
const NO_DOMAIN_NAMES: string[] = [];

/**
 * The first domain names (by name) of each account of a page, as the caller may see them: none
 * without domains.view/manage, only those in scope for a scoped member. The page's read carries
 * each account's (ranked in SQL, so an account with thousands of domains still sends only the
 * first few); a page holding scoped grants reads them once more, for all its rows together.
 */
async function domainNamesOf(db: Kysely<Database>, rows: readonly Listed[], graded: readonly Graded[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const visible = graded.filter((r) => r.grant.permissions.includes('domains.view') || r.grant.permissions.includes('domains.manage'));
  const scoped = visible.flatMap((r) => {
    const only = r.grant.scope?.domains ?? [];
    return r.grant.scope !== null && only.length > 0 ? [{ id: r.id, only }] : [];
  });
  if (scoped.length === 0) {
    const whole = new Set(visible.map((r) => r.id));
    for (const row of rows) if (row.domain_names !== null && whole.has(row.id)) result.set(row.id, JSON.parse(row.domain_names) as string[]);
    return result;
  }
  const whole = visible.filter((r) => r.grant.scope === null).map((r) => r.id);
  for (const { account_id, name } of await scopedDomainNames(db, whole, scoped)) {
    const list = result.get(account_id);
    if (list) list.push(name);
    else result.set(account_id, [name]);
  }
  return result;
}

/** The names for a page holding scoped grants: its structure follows each scope, so it is built each time. */
function scopedDomainNames(db: Kysely<Database>, whole: string[], scoped: { id: string; only: string[] }[]) {
  return firstDomainNames(db, (eb) =>
    eb.or([
      ...(whole.length > 0 ? [eb('account_id', 'in', whole)] : []),
      // A scope may name a domain by id or by name (see inScope).
      ...scoped.map((s) => eb.and([eb('account_id', '=', s.id), eb.or([eb('id', 'in', s.only), eb('name', 'in', s.only)])])),
    ]),
  ).execute();
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
