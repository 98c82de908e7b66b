/**
 * The server side of docs/ARCHITECTURE.md §11: "the server answers the accounts list for a user with 5,000
 * accounts in under 50 ms at the 99th percentile". One login owns 5,000 accounts (with services,
 * domains and invoices, so the summary counts have work to do); then `GET /api/v1/accounts` is
 * measured over loopback: the first page, and paging through all of it.
 *
 * `npm run bench -- server` measures on SQLite; with `CLIENTDECK_TEST_POSTGRES_URL` set (a server
 * where databases may be created, as `scripts/test.sh` starts one) also on a fresh PostgreSQL database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AccountPage } from '../src-shared/api/accounts.js';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src-server/db/database.js';
import { createAccount } from '../src-server/domain/accounts.js';
import { addDomain, addInvoice, addService } from '../src-server/domain/purchases.js';
import { startClientArea } from '../src-server/server.js';
import type { BenchRow } from './run.js';

const ACCOUNTS = 5_000;
const FIRST_PAGE_REQUESTS = 300;
const FULL_PAGING_RUNS = 5;
const PASSWORD = 'Bench-Mark-2025!';
const TARGET_P99_MS = 50;

export async function run(): Promise<BenchRow[]> {
  const rows = await measure('sqlite', '');
  const adminUrl = process.env.CLIENTDECK_TEST_POSTGRES_URL;
  if (adminUrl) {
    const name = `cd_bench_${randomBytes(5).toString('hex')}`;
    await onServer(adminUrl, `CREATE DATABASE "${name}"`);
    try {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      rows.push(...(await measure('postgres', url.toString())));
    } finally {
      await onServer(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }
  return rows;
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

async function measure(store: 'sqlite' | 'postgres', databaseUrl: string): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-bench-'));
  const databaseFile = join(dir, 'clientarea.sqlite');
  const server = await startClientArea({ databaseFile, databaseUrl, adminKey: 'bench-admin-key' });
  const db = openDatabase({ file: databaseFile, url: databaseUrl });
  try {
    const admin = (path: string, body: unknown) =>
      fetch(`${server.url}/api/v1/admin${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => {
        if (r.status !== 201) throw new Error(`admin ${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<{ id: string }>;
      });
    await admin('/users', { email: 'agency@example.com', name: 'Busy Agency', password: PASSWORD });

    const seedStarted = performance.now();
    const now = new Date();
    for (let i = 0; i < ACCOUNTS; i++) {
      const account = await createAccount(db, now, { name: `Customer ${String(i).padStart(5, '0')}`, ownerEmail: 'agency@example.com' });
      // Every tenth account has something bought, so the summary counts are not all empty.
      if (i % 10 === 0) {
        await addService(db, now, account.id, { name: 'Web Hosting', status: 'active' });
        await addDomain(db, now, account.id, { name: `customer-${i}.example`, expiresAt: new Date(now.getTime() + (i % 60) * 86_400_000).toISOString() });
        await addInvoice(db, now, account.id, { amountCents: 1900, status: 'unpaid', dueAt: now.toISOString() });
      }
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const session = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agency@example.com', password: PASSWORD }),
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const get = async (query: string) => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/accounts${query}`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      const body = AccountPage.parse(await res.json());
      return { ms: performance.now() - started, body };
    };

    // Warm up: connections, statement caches, the JIT.
    for (let i = 0; i < 20; i++) await get('');

    const firstPage: number[] = [];
    for (let i = 0; i < FIRST_PAGE_REQUESTS; i++) firstPage.push((await get('')).ms);

    const pageTimes: number[] = [];
    const fullTimes: number[] = [];
    let seen = 0;
    for (let run = 0; run < FULL_PAGING_RUNS; run++) {
      const started = performance.now();
      let cursor: string | null = null;
      seen = 0;
      do {
        const { ms, body } = await get(cursor ? `?cursor=${encodeURIComponent(cursor)}` : '');
        pageTimes.push(ms);
        seen += body.items.length;
        cursor = body.nextCursor;
      } while (cursor);
      fullTimes.push(performance.now() - started);
    }
    if (seen !== ACCOUNTS) throw new Error(`paging returned ${seen} accounts, expected ${ACCOUNTS}`);

    const label = `(${ACCOUNTS.toLocaleString('en')} accounts, ${store})`;
    return [
      { name: `server: seed ${label}`, value: seedSeconds, unit: 's' },
      { name: `server: GET /accounts first page p50 ${label}`, value: percentile(firstPage, 50), unit: 'ms' },
      { name: `server: GET /accounts first page p99 ${label}`, value: percentile(firstPage, 99), unit: 'ms', target: TARGET_P99_MS },
      { name: `server: GET /accounts any page p50, full paging ${label}`, value: percentile(pageTimes, 50), unit: 'ms' },
      { name: `server: GET /accounts any page p99, full paging ${label}`, value: percentile(pageTimes, 99), unit: 'ms', target: TARGET_P99_MS },
      { name: `server: all ${Math.ceil(ACCOUNTS / 200)} pages, p50 of ${FULL_PAGING_RUNS} runs ${label}`, value: percentile(fullTimes, 50), unit: 'ms' },
    ];
  } finally {
    await db.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
