/**
 * Every SQLite transaction begins IMMEDIATE (docs/ARCHITECTURE.md §5, db/database.ts): it holds
 * the write lock from its first statement. A deferred one that reads, then writes after another
 * connection to the file committed, fails with SQLITE_BUSY at once, and no busy timeout helps it;
 * several server processes on one file (docs/RUNNING.md) would then refuse writes under load.
 * Pinned from a second connection to the file, with no wait: while a transaction of the server's
 * query layer is open, even before it writes, that connection cannot take the write lock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Database } from '../../../src-server/db/tables.js';

describe('SQLite transactions of the query layer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-immediate-'));
  const file = join(dir, 'db.sqlite');
  let db: Kysely<Database>;
  /** Another process's view of the file: it never waits for a lock, so a held one shows as SQLITE_BUSY. */
  let other: SQLite.Database;

  beforeAll(async () => {
    db = openDatabase({ file, url: '' });
    await sql`create table tally (name text primary key, n integer not null)`.execute(db);
    await sql`insert into tally (name, n) values ('visits', 0)`.execute(db);
    other = new SQLite(file);
    other.pragma('busy_timeout = 0');
  });
  afterAll(async () => {
    other.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const otherWrites = () => {
    try {
      other.prepare("update tally set n = n + 100 where name = 'visits'").run();
      return 'written';
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  it('hold the write lock from the start, so a read-then-write is never overtaken between its read and its write', async () => {
    const during: (string | undefined)[] = [];
    await db.transaction().execute(async (trx) => {
      during.push(otherWrites());
      const { n } = (await sql<{ n: number }>`select n from tally where name = 'visits'`.execute(trx)).rows[0]!;
      during.push(otherWrites());
      await sql`update tally set n = ${n + 1} where name = 'visits'`.execute(trx);
    });
    // Deferred, both writes of the other connection would have gone in and this one's update then failed SQLITE_BUSY.
    expect(during).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
    expect(otherWrites()).toBe('written');
    expect(other.prepare("select n from tally where name = 'visits'").get()).toEqual({ n: 101 });
  });
});
