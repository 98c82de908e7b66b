/**
 * The server side of docs/ARCHITECTURE.md §11: a 200-row accounts page for a login with 5,000
 * accounts in under 4 ms at the 99th percentile on SQLite (6 ms on PostgreSQL). One login owns
 * 5,000 accounts (with services, domains and invoices, so the summary counts have work to do);
 * the server runs in its own process and `GET /api/v1/accounts` is timed over loopback from
 * request to last byte: the first page, and paging through all of it. Beside them the floor: an
 * unauthenticated request of the same route (401), the loopback, HTTP parsing and Fastify a page
 * costs before any of its own work, timed the same way in the same minute.
 *
 * `npm run bench -- server` measures on SQLite; with `CLIENTDECK_TEST_POSTGRES_URL` set (a server
 * where databases may be created, as `scripts/test.sh` starts one) also on a fresh PostgreSQL database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AccountPage } from '../src-shared/api/accounts.js';
import { openDatabase } from '../src-server/db/database.js';
import { createAccount } from '../src-server/domain/accounts.js';
import { addDomain, addInvoice, addService } from '../src-server/domain/purchases.js';
import { withPostgresDatabase } from './postgres-database.js';
import { serveProvider } from './provider-process.js';
import type { BenchRow } from './run.js';

const ACCOUNTS = 5_000;
const FIRST_PAGE_REQUESTS = 300;
/** First-page requests and floor requests alternate in runs of this many, so a noisy moment touches both. */
const ALTERNATE_EVERY = 10;
const FULL_PAGING_RUNS = 5;
const PASSWORD = 'Bench-Mark-2025!';
/** docs/ARCHITECTURE.md §11: a 200-row page for a login with 5,000 accounts, at the 99th percentile. */
const TARGET_P99_MS = { sqlite: 4, postgres: 6 } as const;

export async function run(): Promise<BenchRow[]> {
  const rows = await measure('sqlite', '');
  const adminUrl = process.env.CLIENTDECK_TEST_POSTGRES_URL;
  if (adminUrl) rows.push(...(await withPostgresDatabase(adminUrl, (url) => measure('postgres', url))));
  return rows;
}

async function measure(store: 'sqlite' | 'postgres', databaseUrl: string): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-bench-'));
  const databaseFile = join(dir, 'clientarea.sqlite');
  // The server in its own process, as a provider runs it: the client's own work (this process)
  // never shares the server's event loop, and what is timed is request to last byte.
  const server = await serveProvider({ databaseFile, databaseUrl });
  const db = openDatabase({ file: databaseFile, url: databaseUrl });
  const client = timedClient();
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
    const authorization = `Bearer ${session.accessToken}`;
    const get = async (query: string) => {
      const { ms, status, bytes } = await client.get(`${server.url}/api/v1/accounts${query}`, { authorization });
      if (status !== 200) throw new Error(`GET /accounts${query}: ${status} ${bytes.toString('utf8')}`);
      // Checked after the clock stops: the client's parsing is not the server's time.
      return { ms, body: AccountPage.parse(JSON.parse(bytes.toString('utf8'))) };
    };
    const floor = async () => {
      const { ms, status } = await client.get(`${server.url}/api/v1/accounts`, {});
      if (status !== 401) throw new Error(`GET /accounts without a token: ${status}, expected 401`);
      return ms;
    };

    // Warm up: connections, statement caches, the JIT.
    for (let i = 0; i < 20; i++) {
      await get('');
      await floor();
    }

    const firstPage: number[] = [];
    const floorTimes: number[] = [];
    for (let i = 0; i < FIRST_PAGE_REQUESTS; i += ALTERNATE_EVERY) {
      for (let j = 0; j < ALTERNATE_EVERY; j++) firstPage.push((await get('')).ms);
      for (let j = 0; j < ALTERNATE_EVERY; j++) floorTimes.push(await floor());
    }

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
      { name: `server: floor, GET /accounts unauthenticated (401) p50 ${label}`, value: percentile(floorTimes, 50), unit: 'ms' },
      { name: `server: floor, GET /accounts unauthenticated (401) p99 ${label}`, value: percentile(floorTimes, 99), unit: 'ms' },
      { name: `server: GET /accounts first page p50 ${label}`, value: percentile(firstPage, 50), unit: 'ms' },
      { name: `server: GET /accounts first page p99 ${label}`, value: percentile(firstPage, 99), unit: 'ms', target: TARGET_P99_MS[store] },
      { name: `server: GET /accounts any page p50, full paging ${label}`, value: percentile(pageTimes, 50), unit: 'ms' },
      { name: `server: GET /accounts any page p99, full paging ${label}`, value: percentile(pageTimes, 99), unit: 'ms', target: TARGET_P99_MS[store] },
      { name: `server: all ${Math.ceil(ACCOUNTS / 200)} pages, p50 of ${FULL_PAGING_RUNS} runs ${label}`, value: percentile(fullTimes, 50), unit: 'ms' },
    ];
  } finally {
    client.close();
    await db.destroy();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * GET over one kept-alive connection, timed from the request to the last byte of the answer. Node's
 * own HTTP client, not `fetch`: fetch's streams and promises cost the client several tenths of a
 * millisecond a request (on the 401 floor, twice this client's whole round trip), and on two shared
 * cores that work of the client's was in every figure of the server's.
 */
function timedClient() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get: (url: string, headers: Record<string, string>) =>
      new Promise<{ ms: number; status: number; bytes: Buffer }>((resolve, reject) => {
        const started = performance.now();
        http
          .get(url, { agent, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
            res.on('error', reject);
          })
          .on('error', reject);
      }),
    close: () => agent.destroy(),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
