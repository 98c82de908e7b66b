import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { QueryClient, QueryPool } from './read-pipeline.js';
import { asksForArrays } from './row-arrays.js';

/**
 * How many distinct SQL texts get a name: every query the server has, with room for the `IN (…)`
 * lengths of a page. A name lives as long as its connection on the PostgreSQL side, so texts past
 * this many run unnamed rather than piling up plans on every connection.
 */
const NAMED_STATEMENTS = 512;

/** PostgreSQL's answer when a table under a prepared `select *` changed its columns (SQLSTATE 0A000). */
const CACHED_PLAN_OUTDATED = '0A000';

/**
 * The pool as kysely sees it, running each repeated query as a named prepared statement
 * (docs/ARCHITECTURE.md §5). Kysely hands `pg` bare SQL, which PostgreSQL parses and plans anew on
 * every call; with a name, `pg` sends the Parse once per connection and afterwards only Bind and
 * Execute, and PostgreSQL reuses the plan. Queries without parameters (BEGIN, COMMIT, the
 * migrations' DDL, which may hold several statements) keep the simple protocol they had.
 */
export function withNamedStatements(pool: QueryPool): PostgresPool {
  const names = new Map<string, string>();
  let issued = 0;
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known || names.size >= NAMED_STATEMENTS) return known;
    const name = `cd${++issued}`;
    names.set(text, name);
    return name;
  };
  const clients = new WeakMap<QueryClient, PostgresPoolClient>();
  const named = (client: QueryClient): PostgresPoolClient => {
    // Kysely's query is overloaded (SQL with parameters, or a cursor it streams through): one body serves both.
    const query = (text: string | pg.Submittable, values?: readonly unknown[]): unknown => {
      if (typeof text !== 'string') return client.query(text);
      const name = values?.length ? nameOf(text) : undefined;
      const rowMode = asksForArrays(text) ? 'array' : undefined;
      if (!name) return rowMode ? client.query({ text, values: values as unknown[], rowMode }) : client.query(text, values as unknown[]);
      return client.query({ name, text, values: values as unknown[], ...(rowMode ? { rowMode } : {}) }).catch((error: unknown) => {
        // A migration changed the columns under this plan: the next call prepares the text afresh under a new name.
        if ((error as { code?: unknown }).code === CACHED_PLAN_OUTDATED && names.get(text) === name) names.set(text, `cd${++issued}`);
        throw error;
      });
    };
    return { query: query as PostgresPoolClient['query'], release: () => client.release() };
  };
  return {
    async connect() {
      const client = await pool.connect();
      // Kysely keeps its connection object per client, so each pooled client keeps one wrapper.
      let wrapped = clients.get(client);
      if (!wrapped) clients.set(client, (wrapped = named(client)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}
