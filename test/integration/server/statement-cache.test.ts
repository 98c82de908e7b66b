/**
 * SQLite statements are prepared once per distinct SQL text (docs/ARCHITECTURE.md §5): counted on
 * the connection's `prepare`, so a page asked for again prepares nothing new, whatever the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { withStatementCache } from '../../../src-server/db/statement-cache.js';
import type { Database } from '../../../src-server/db/tables.js';
import { createAccount, listAccounts } from '../../../src-server/domain/accounts.js';
import { createUser } from '../../../src-server/domain/users.js';
import { STRONG_PASSWORD } from './harness.js';

describe('the SQLite statement cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-statements-'));
  const sqlite = new SQLite(join(dir, 'db.sqlite'));
  let prepared = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    prepared++;
    return prepare(text);
  }) as typeof sqlite.prepare;
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const now = new Date('2026-03-03T09:00:00.000Z');
  let userId = '';

  beforeAll(async () => {
    await migrateToLatest(db);
    userId = (await createUser(db, now, { email: 'o@example.com', name: 'O', password: STRONG_PASSWORD })).id;
    for (let i = 0; i < 30; i++) await createAccount(db, now, { name: `Account ${i}`, ownerEmail: 'o@example.com' });
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a page’s statements once, then reuses them for every later request', async () => {
    const first = await listAccounts(db, now, userId, { limit: 10 });
    const afterFirst = prepared;
    for (let i = 0; i < 50; i++) expect(await listAccounts(db, now, userId, { limit: 10 })).toEqual(first);
    expect(prepared).toBe(afterFirst);
  });

  it('gives a statement still being iterated its own copy instead of disturbing it', () => {
    const cached = withStatementCache(sqlite);
    const outer = cached.prepare('SELECT id FROM accounts ORDER BY id');
    const seen: string[] = [];
    for (const row of outer.iterate([]) as Iterable<{ id: string }>) {
      const inner = cached.prepare('SELECT id FROM accounts ORDER BY id');
      expect(inner).not.toBe(outer);
      seen.push(row.id, ...(inner.all([]) as { id: string }[]).slice(0, 1).map((r) => r.id));
    }
    expect(seen.length).toBe(60);
  });
});
