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
