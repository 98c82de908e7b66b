/**
 * A fresh PostgreSQL database for one benchmark, on the server `adminUrl` names (one where databases
 * may be created, as `scripts/test.sh` starts one), dropped afterwards whatever happened.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function withPostgresDatabase<T>(adminUrl: string, use: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `cd_bench_${randomBytes(5).toString('hex')}`;
  await onServer(adminUrl, `CREATE DATABASE "${name}"`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await use(url.toString());
  } finally {
    await onServer(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

async function onServer(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
