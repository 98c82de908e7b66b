import { sql, type SelectQueryBuilder, type StringReference } from 'kysely';
import { ClientAreaError } from './errors.js';

/**
 * Keyset cursors: the sort values of the last row of a page, opaque to clients (base64url JSON).
 * Paging by value instead of offset keeps pages stable while rows are added or removed.
 */
export function encodeKeyset(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeKeyset(cursor: string, length: number): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === length && parsed.every((v) => typeof v === 'string')) return parsed as string[];
  } catch {
    // fall through to the error below
  }
  throw new ClientAreaError('validation_failed', 400, 'The cursor is not one this server handed out. Start again without it.');
}

/** The common two-value cursor: (sort value, id). */
export function decodePair(cursor: string): [string, string] {
  const [a, b] = decodeKeyset(cursor, 2);
  return [a ?? '', b ?? ''];
}

/** `updatedSince` as stored (UTC ISO text), so it compares as text in SQLite and PostgreSQL alike. */
export function sinceIso(updatedSince: string | undefined): string | undefined {
  return updatedSince === undefined ? undefined : new Date(updatedSince).toISOString();
}

/** Which optional conditions a keyset page read has: after a cursor, changed since a date, both, or neither. */
export type PageShape = '' | 'after' | 'since' | 'after since';

export function pageShapeOf(after: boolean, since: boolean): PageShape {
  if (after) return since ? 'after since' : 'after';
  return since ? 'since' : '';
}

export interface ListQuery {
  limit: number;
  cursor?: string | undefined;
  updatedSince?: string | undefined;
}

/** One page out of `limit + 1` fetched rows, with the cursor of the last row kept. */
export function pageOf<R, T>(rows: R[], limit: number, key: (row: R) => string[], map: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(map), nextCursor: rows.length > limit && last !== undefined ? encodeKeyset(key(last)) : null };
}

/**
 * A page of rows newest first, by creation time then id (both descending, so rows created in the
 * same millisecond keep one order): the keyset after the cursor, `limit + 1` rows to tell whether
 * another page follows, and the cursor of the page's last row. The columns are the table's own
 * `created_at` and `id`, named as the query joins them.
 */
export async function newestFirstPage<DB, TB extends keyof DB, O extends { created_at: string; id: string }, T>(
  q: SelectQueryBuilder<DB, TB, O>,
  columns: { createdAt: StringReference<DB, TB>; id: StringReference<DB, TB> },
  query: Pick<ListQuery, 'limit' | 'cursor'>,
  map: (row: O) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  // Typed references of a generic query cannot take a plain value in kysely's types; the same SQL is written through sql.ref.
  const createdAt = sql.ref<string>(columns.createdAt);
  const id = sql.ref<string>(columns.id);
  if (query.cursor) {
    const [lastAt, lastId] = decodePair(query.cursor);
    q = q.where((eb) => eb.or([eb(createdAt, '<', lastAt), eb.and([eb(createdAt, '=', lastAt), eb(id, '<', lastId)])]));
  }
  const rows = await q
    .orderBy(createdAt, 'desc')
    .orderBy(id, 'desc')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (r) => [r.created_at, r.id], map);
}
