import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

export interface DatabaseLocation {
  /** SQLite file; its directory is created when missing. Ignored when `url` is given. */
  file: string;
  /** A `postgres://` URL; defaults to `DATABASE_URL`. */
  url?: string | undefined;
}

/** One query layer for both stores (DESIGN §1): SQLite by default, PostgreSQL when a URL is given. */
export function openDatabase({ file, url = process.env.DATABASE_URL }: DatabaseLocation): Kysely<Database> {
  if (url) {
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }) });
  }
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
