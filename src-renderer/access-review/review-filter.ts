import { emailDomainAllowed } from '../../src-shared/api/access-policy.js';
import { effectivePermissions, PERMISSIONS } from '../../src-shared/api/permissions.js';
import type { ReviewedAccess } from '../../src-shared/ipc/channels/access-review.js';

const DAY = 24 * 60 * 60 * 1000;

/** Access that ends within this many days counts as expiring soon. */
export const EXPIRING_SOON_DAYS = 14;
export const DEFAULT_STALE_DAYS = 90;

export interface ReviewFilters {
  /** Words the person's name or email, or the account's name, must contain. */
  query: string;
  /** No sign-in for `staleDays` (since they joined, for someone who never signed in). */
  stale: boolean;
  staleDays: number;
  /** Someone other than the owner holds every permission their role can have. */
  allPermissions: boolean;
  noTwoFactor: boolean;
  /** The email is at none of the account's allowed invitation domains. */
  outsideDomains: boolean;
  expiringSoon: boolean;
}

export type ReviewGrouping = 'person' | 'account';

export const NO_FILTERS: ReviewFilters = {
  query: '',
  stale: false,
  staleDays: DEFAULT_STALE_DAYS,
  allPermissions: false,
  noTwoFactor: false,
  outsideDomains: false,
  expiringSoon: false,
};

/** Whether any filter is on (the number of days alone filters nothing). */
export function isFiltered(f: ReviewFilters): boolean {
  return f.query.trim() !== '' || f.stale || f.allPermissions || f.noTwoFactor || f.outsideDomains || f.expiringSoon;
}

/** A row with everything a filter asks worked out once, when the review arrives, not on every keystroke. */
export interface IndexedAccess {
  row: ReviewedAccess;
  /** Connection, account and user: one person's access to one account. */
  key: string;
  /** Sort and group keys: the person by email (one login), the account by name within its connection. */
  person: string;
  account: string;
  /** The order of people within an account: by name. */
  name: string;
  search: string;
  /** When the person last signed in, else joined; null when the provider does not tell. */
  activeSince: number | null;
  allPermissions: boolean;
  noTwoFactor: boolean;
  outsideDomains: boolean;
  expiresAt: number | null;
  /** Its line in the list, made once: filtering pushes it, never a copy. */
  line: Extract<ReviewLine, { kind: 'access' }>;
}

/** The review sorted both ways once, so grouping is a walk, not a sort, on every change of a filter. */
export interface ReviewIndex {
  byPerson: IndexedAccess[];
  byAccount: IndexedAccess[];
}

export function accessKey(row: Pick<ReviewedAccess, 'connectionId' | 'account' | 'user'>): string {
  return `${row.connectionId}\u0000${row.account.id}\u0000${row.user.userId}`;
}

/** When the access ends, where the provider gives access an end; null for access without one. */
export function accessExpiry(row: ReviewedAccess): string | null {
  return row.user.expiresAt ?? null;
}

/** Thousands of rows share a handful of grants: whether one is "every permission" is worked out once per grant. */
const fullGrants = new Map<string, boolean>();

function holdsEverything(user: ReviewedAccess['user']): boolean {
  // Owners hold everything by definition; the filter is for grants wider than they need be.
  if (user.role === 'owner') return false;
  const id = `${user.role}|${user.permissions.join(',')}`;
  let full = fullGrants.get(id);
  if (full === undefined) {
    const possible = user.role === 'member' ? PERMISSIONS.length - 1 : PERMISSIONS.length;
    full = effectivePermissions(user.role, user.permissions).length === possible;
    if (fullGrants.size > 500) fullGrants.clear();
    fullGrants.set(id, full);
  }
  return full;
}

export function indexEntry(row: ReviewedAccess): IndexedAccess {
  const { user } = row;
  const email = user.email.toLowerCase();
  const name = user.name.toLowerCase();
  const accountName = row.account.name.toLowerCase();
  const allowed = row.allowedDomains;
  const expiry = accessExpiry(row);
  const key = accessKey(row);
  const person = `${email}\u0000${name}`;
  const account = `${accountName}\u0000${row.connectionId}\u0000${row.account.id}`;
  const entry: IndexedAccess = {
    row,
    key,
    person,
    account,
    name: `${name}\u0000${email}`,
    search: `${name}\n${email}\n${accountName}`,
    activeSince: user.lastLoginAt === undefined ? null : Date.parse(user.lastLoginAt ?? user.joinedAt),
    allPermissions: holdsEverything(user),
    noTwoFactor: user.twoFactorEnabled === false,
    outsideDomains:
      allowed !== null &&
      allowed.length > 0 &&
      !emailDomainAllowed(
        email,
        allowed.map((d) => d.toLowerCase()),
      ),
    expiresAt: expiry === null ? null : Date.parse(expiry),
    line: undefined as unknown as IndexedAccess['line'],
  };
  entry.line = { kind: 'access', key, entry };
  return entry;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Entries in groups, the groups sorted, then each group's entries. A review repeats the same few
 * people and accounts many times, so this compares far fewer strings than one sort of every row.
 */
function grouped(entries: readonly IndexedAccess[], group: 'person' | 'account', within: 'account' | 'name'): IndexedAccess[] {
  const groups = new Map<string, IndexedAccess[]>();
  for (const entry of entries) {
    const list = groups.get(entry[group]);
    if (list) list.push(entry);
    else groups.set(entry[group], [entry]);
  }
  const out: IndexedAccess[] = [];
  for (const key of [...groups.keys()].sort(compare)) {
    const list = groups.get(key)!;
    if (list.length > 1) list.sort((a, b) => compare(a[within], b[within]));
    for (const entry of list) out.push(entry);
  }
  return out;
}

export function indexReview(rows: readonly ReviewedAccess[]): ReviewIndex {
  const entries = rows.map(indexEntry);
  return { byPerson: grouped(entries, 'person', 'account'), byAccount: grouped(entries, 'account', 'name') };
}

/** The index without one access, or with one access replaced: the order stays, nothing is sorted again. */
export function withoutAccess(index: ReviewIndex, key: string): ReviewIndex {
  return { byPerson: index.byPerson.filter((e) => e.key !== key), byAccount: index.byAccount.filter((e) => e.key !== key) };
}

export function withAccess(index: ReviewIndex, row: ReviewedAccess): ReviewIndex {
  const entry = indexEntry(row);
  const swap = (list: IndexedAccess[]) => list.map((e) => (e.key === entry.key ? entry : e));
  return { byPerson: swap(index.byPerson), byAccount: swap(index.byAccount) };
}

/** Whether an entry passes every filter that is on. Constant time: every key is precomputed. */
export function matches(entry: IndexedAccess, filters: ReviewFilters, words: string[], now: number): boolean {
  if (filters.stale && (entry.activeSince === null || now - entry.activeSince < filters.staleDays * DAY)) return false;
  if (filters.allPermissions && !entry.allPermissions) return false;
  if (filters.noTwoFactor && !entry.noTwoFactor) return false;
  if (filters.outsideDomains && !entry.outsideDomains) return false;
  if (filters.expiringSoon && (entry.expiresAt === null || entry.expiresAt < now || entry.expiresAt - now > EXPIRING_SOON_DAYS * DAY)) return false;
  for (const word of words) if (!entry.search.includes(word)) return false;
  return true;
}

/** A line of the grouped list: a group's heading, or one access under it. Both have one height, for the row window. */
export type ReviewLine =
  { kind: 'group'; key: string; grouping: ReviewGrouping; first: IndexedAccess; count: number } | { kind: 'access'; key: string; entry: IndexedAccess };

export interface FilteredReview {
  lines: ReviewLine[];
  /** The accesses shown, in the order of the lines (for the CSV and the printed page). */
  entries: IndexedAccess[];
}

/** One pass over the index: the filtered accesses in groups, each group headed by its person or account. O(n). */
export function filterReview(index: ReviewIndex, filters: ReviewFilters, grouping: ReviewGrouping, now: Date): FilteredReview {
  const words = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
  const at = now.getTime();
  const lines: ReviewLine[] = [];
  const entries: IndexedAccess[] = [];
  let heading: Extract<ReviewLine, { kind: 'group' }> | null = null;
  for (const entry of grouping === 'person' ? index.byPerson : index.byAccount) {
    if (!matches(entry, filters, words, at)) continue;
    // Prefixed: a heading's key never equals an access's key in the same list.
    const groupKey = `group\u0000${grouping === 'person' ? entry.person : entry.account}`;
    if (heading === null || heading.key !== groupKey) {
      heading = { kind: 'group', key: groupKey, grouping, first: entry, count: 0 };
      lines.push(heading);
    }
    heading.count++;
    lines.push(entry.line);
    entries.push(entry);
  }
  return { lines, entries };
}
