import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { DATABASE_SETTINGS } from '../config/database.js';
import { withNamedStatements } from './named-statements.js';
import { withReadPipeline } from './read-pipeline.js';
import { withStatementCache } from './statement-cache.js';
import type { Database } from './tables.js';

export interface DatabaseLocation {
  /** SQLite file; its directory is created when missing. Ignored when `url` is given. */
  file: string;
  /** A `postgres://` (or `postgresql://`) URL; defaults to `DATABASE_URL`. An empty string forces SQLite. */
  url?: string | undefined;
}

export type Dialect = 'sqlite' | 'postgres';

/** Which store a location resolves to, without opening it. */
export function dialectOf({ url = process.env.DATABASE_URL }: Pick<DatabaseLocation, 'url'>): Dialect {
  return url ? 'postgres' : 'sqlite';
}

/**
 * One query layer for both stores (docs/ARCHITECTURE.md §1): SQLite by default, PostgreSQL when a URL is given.
 * The migrations and queries are the same; only the driver differs.
 */
export function openDatabase({ file, url = process.env.DATABASE_URL }: DatabaseLocation): Kysely<Database> {
  if (url) return new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(postgresConnections(url)) }) });
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${DATABASE_SETTINGS.sqliteBusyTimeoutMs}`);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqliteTransactions(sqlite, withStatementCache(sqlite)) }) });
}

/** What kysely runs instead of a ROLLBACK that has nothing left to roll back. */
const NOTHING_TO_ROLL_BACK: SqliteStatement = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

/**
 * How kysely's transactions run on SQLite. A BEGIN takes the write lock at once (IMMEDIATE): with
 * several server processes on one file (docs/RUNNING.md), a deferred transaction that read and
 * then writes after another process committed fails with SQLITE_BUSY at once, where a lock taken
 * up front waits its turn (busy_timeout).
 *
 * SQLite ends a transaction itself when a write fails for lack of space (SQLITE_FULL) or an I/O
 * error; kysely's ROLLBACK after it then fails with "cannot rollback - no transaction is active",
 * and that error replaced the real cause. A ROLLBACK outside a transaction is a no-op here, so the
 * caller sees why the write failed.
 */
function sqliteTransactions(sqlite: SQLite.Database, connection: SqliteDatabase): SqliteDatabase {
  return {
    close: () => connection.close(),
    prepare(statement: string) {
      if (/^\s*begin\s*$/i.test(statement)) return connection.prepare('begin immediate');
      return /^\s*rollback\s*$/i.test(statement) && !sqlite.inTransaction ? NOTHING_TO_ROLL_BACK : connection.prepare(statement);
    },
  };
}

function postgresConnections(url: string) {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset to use the SQLite file).');
  }
  const options: pg.ClientConfig = {
    connectionString: url,
    application_name: 'clientarea',
    // SQLite hands counts and bigint columns back as numbers; PostgreSQL would give strings.
    // Every bigint the schema holds (cents, counts) is far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text') => (oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
    },
  };
  const pool = new pg.Pool({ ...options, max: DATABASE_SETTINGS.postgresPoolSize });
  // An idle client losing its connection (server restart) must not crash the process; the pool
  // drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  return withReadPipeline(pool, options);
}

const INT8_OID = 20;
const parseInt8 = (value: string) => Number(value);

/**
 * True when a write failed on a unique index or primary key, on either store: lets a domain
 * function turn a lost race into a clear `conflict` instead of an internal error.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite can). Input with it is refused on both stores alike,
 * before it reaches a query; this finds it anywhere in parsed params, query or body.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}
