import type { Kysely } from 'kysely';
import { PERMISSIONS } from '../../src-shared/api/permissions.js';
import type { Account, AccountPage } from '../../src-shared/api/accounts.js';
import type { RowArrays } from '../db/row-arrays.js';
import type { AccountRow, Database, MembershipRow } from '../db/tables.js';
import { ACCOUNT_PAGE, firstDomainNames, listStateRow, ONE_ACCOUNT, timeValues } from './account-reads.js';
import { scopedCounts, type SummaryFacts, summaryText, twoFactorMarkText, type VisibleCounts, visibleCounts } from './account-summary.js';
import { ClientAreaError, notFound } from './errors.js';
import { grantOf, insertMembership } from './memberships.js';
import type { JsonText } from './json-text.js';
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
/** A distinct membership's effective grant, what it may count, and its part of an account's text. */
type Graded = { grant: Grant; visible: VisibleCounts; grantText: string };

export interface AccountListQuery {
  limit: number;
  cursor?: string | undefined;
  updatedSince?: string | undefined;
}

/** A page as it is sent, with what the route's tags need of it. */
export interface AccountPageText {
  text: JsonText<AccountPage>;
  /** The newest `updatedAt` of its items (null when it has none). */
  newestUpdatedAt: string | null;
  nextCursor: string | null;
  /** The state it was read in (`accountListState`'s form); null when it has no rows, which carry it. */
  state: string | null;
}

/**
 * Accounts the user can reach, ordered by name then id, paginated by an opaque keyset cursor: the
 * sent text parsed, for the panel, so the objects are the answer's and have no writer of their own.
 */
export async function listAccounts(db: Kysely<Database>, now: Date, userId: string, query: AccountListQuery): Promise<AccountPage> {
  return JSON.parse((await readAccountPage(db, now, userId, query)).text) as AccountPage;
}

/** A page from one statement, written as the JSON text it is sent as; its route remembers its tag under its state. */
export async function readAccountPage(db: Kysely<Database>, now: Date, userId: string, query: AccountListQuery): Promise<AccountPageText> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const since = query.updatedSince === undefined ? '' : new Date(query.updatedSince).toISOString();
  const values = { userId, rows: query.limit + 1, ...timeValues(now), afterName: after?.name ?? '', afterId: after?.id ?? '', since };
  const read = await ACCOUNT_PAGE.arrays(db, values, pageShapeOf(after !== undefined, query.updatedSince !== undefined));
  const count = Math.min(read.rows.length, query.limit);
  const { text, newestUpdatedAt } = await accountsText(db, now, read, count);
  const last = read.rows[count - 1];
  const nextCursor = read.rows.length > query.limit && last ? encodeCursor(read.read(last, 'name'), read.read(last, 'id')) : null;
  const first = read.rows[0];
  return {
    text: `{"items":[${text}],"nextCursor":${nextCursor === null ? 'null' : JSON.stringify(nextCursor)}}`,
    newestUpdatedAt,
    nextCursor,
    state: first
      ? stateOf({
          list_version: read.read(first, 'list_version'),
          list_leaving: read.read(first, 'list_leaving'),
          list_entering: read.read(first, 'list_entering'),
        })
      : null,
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

/** One account as the user sees it (the sent text parsed); `not_found` when the user cannot reach it (never `forbidden`: no probing). */
export async function getAccount(db: Kysely<Database>, now: Date, userId: string, accountId: string): Promise<Account> {
  return JSON.parse(await readAccount(db, now, userId, accountId)) as Account;
}

/** One account as the JSON text it is sent as. */
export async function readAccount(db: Kysely<Database>, now: Date, userId: string, accountId: string): Promise<JsonText<Account>> {
  const read = await ONE_ACCOUNT.arrays(db, { userId, accountId, ...timeValues(now) });
  if (read.rows.length === 0) throw notFound('The account');
  return (await accountsText(db, now, read, 1)).text;
}

/**
 * The JSON texts of the first `count` rows read with their summary columns, comma-separated,
 * written straight from the row arrays: no object per row or per answer, and one string grown
 * piece by piece, made flat once when it becomes bytes (texts joined from one per row were each
 * made flat, then copied again). Each distinct membership's grant is worked out, and its part of
 * the text written, once (a page of 200 holds a handful); besides the rows' own read a page of
 * scoped grants reads three more times (their counts, their domain names).
 */
async function accountsText(
  db: Kysely<Database>,
  now: Date,
  read: RowArrays<Listed>,
  count: number,
): Promise<{ text: string; newestUpdatedAt: string | null }> {
  // By stored permissions, role, then scope: no key made of the three for each row.
  const grants = new Map<string, Map<string, Map<string | null, Graded>>>();
  const graded: Graded[] = [];
  for (let i = 0; i < count; i++) {
    const row = read.rows[i]!;
    const member = { role: read.read(row, 'role'), permissions: read.read(row, 'permissions'), scope: read.read(row, 'scope') };
    let byRole = grants.get(member.permissions);
    if (!byRole) grants.set(member.permissions, (byRole = new Map()));
    let byScope = byRole.get(member.role);
    if (!byScope) byRole.set(member.role, (byScope = new Map()));
    let known = byScope.get(member.scope);
    if (!known) byScope.set(member.scope, (known = gradedOf(member)));
    graded.push(known);
  }
  const ids = read.rows.slice(0, count).map((row) => read.read(row, 'id'));
  const [scoped, scopedNames] = await Promise.all([scopedCounts(db, now, ids, graded), scopedDomainNamesOf(db, ids, graded)]);
  let text = '';
  let newestUpdatedAt: string | null = null;
  for (let i = 0; i < count; i++) {
    const row = read.rows[i]!;
    const id = ids[i]!;
    const { grantText, visible } = graded[i]!;
    const accountAt = read.read(row, 'updated_at');
    const membershipAt = read.read(row, 'membership_updated_at');
    const updatedAt = membershipAt > accountAt ? membershipAt : accountAt;
    if (newestUpdatedAt === null || updatedAt > newestUpdatedAt) newestUpdatedAt = updatedAt;
    const names = !visible.domains ? '[]' : (scopedNames?.get(id) ?? read.read(row, 'domain_names') ?? '[]');
    const expires = read.read(row, 'access_expires_at');
    if (i > 0) text += ',';
    // The keys in the order of the Account schema; account-list-order.test.ts parses the texts with it.
    text += `{"id":${JSON.stringify(id)},"name":${JSON.stringify(read.read(row, 'name'))},${grantText},"summary":${summaryText(id, read, row, visible, scoped)},"updatedAt":${JSON.stringify(updatedAt)},"domainNames":${names},"accessExpiresAt":${expires === null ? 'null' : JSON.stringify(expires)},"twoFactor":${twoFactorMarkText(read.read(row, 'two_factor_required'), read.read(row, 'two_factor_enabled'))}}`;
  }
  return { text, newestUpdatedAt };
}

/** A membership's grant, what it may count, and its part of an account's text. */
function gradedOf(member: Pick<MembershipRow, 'role' | 'permissions' | 'scope'>): Graded {
  const grant = grantOf(member);
  const parts = { role: grant.role, permissions: grant.permissions, scope: grant.scope } satisfies Pick<Account, 'role' | 'permissions' | 'scope'>;
  // The object's text without its braces: the fields go on inside the account's object.
  return { grant, visible: visibleCounts(grant), grantText: JSON.stringify(parts).slice(1, -1) };
}

/**
 * The domain names in scope of a page's scoped grants (as JSON array texts), with the whole
 * list's of its unscoped ones among them, read together; undefined when the page holds no scoped
 * grant that may see domains: then every row's names are in the page's read.
 */
async function scopedDomainNamesOf(db: Kysely<Database>, ids: readonly string[], graded: readonly Graded[]): Promise<Map<string, string> | undefined> {
  const whole: string[] = [];
  const scoped: { id: string; only: string[] }[] = [];
  graded.forEach(({ grant, visible }, i) => {
    if (!visible.domains) return;
    if (grant.scope === null) whole.push(ids[i]!);
    else if ((grant.scope.domains ?? []).length > 0) scoped.push({ id: ids[i]!, only: grant.scope.domains! });
  });
  if (scoped.length === 0) return undefined;
  const lists = new Map<string, string[]>();
  for (const { account_id, name } of await scopedDomainNames(db, whole, scoped)) {
    const list = lists.get(account_id);
    if (list) list.push(name);
    else lists.set(account_id, [name]);
  }
  return new Map([...lists].map(([id, names]) => [id, JSON.stringify(names)]));
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

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');
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
