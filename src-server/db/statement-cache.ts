import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { asksForArrays } from './row-arrays.js';

/** How many distinct statements stay prepared: every query the server has, with room for the `IN (…)` lengths of a page. */
const CACHED_STATEMENTS = 512;

/**
 * The SQLite connection as kysely sees it, preparing each distinct SQL text once. Kysely prepares
 * every query anew, and compiling a statement costs SQLite more than running the indexed reads
 * of a page; a prepared statement is reusable as long as it is not in the middle of an iteration.
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SqliteStatement {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        // Least recently used goes first: move this one to the end.
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      if (asksForArrays(text)) statement.raw(true);
      if (cached) return statement;
      cache.set(text, statement);
      if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
