/**
 * The `whmcs` connector (a user's own client-area login) with 500 accounts behind one login,
 * measured with the real connector, sync engine and account cache against the client-area
 * stand-in on loopback (in this process, answering from memory: Clientdeck's side plus HTTP, not
 * a PHP server's). Requests are counted at the stand-in. Beside them, the same 500 accounts behind
 * one login of the reference client area (`clientarea` kind, its API on SQLite, in this process
 * too): the round trips and time of the same first sync and re-sync, counts included in the pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WhmcsConnector } from '../src-main/connectors/whmcs/client-area/whmcs-connector.js';
import { silentLogger } from '../src-main/logging.js';
import { startWhmcsClientArea } from '../test/whmcs-stand-in/client-area/server.js';
import { AGENCY_EMAIL, STAND_IN_PASSWORD } from '../test/whmcs-stand-in/client-area/state.js';
import { ClientareaConnector } from '../src-main/connectors/clientarea/clientarea-connector.js';
import { openDatabase } from '../src-server/db/database.js';
import { createAccount } from '../src-server/domain/accounts.js';
import { createUser } from '../src-server/domain/users.js';
import { startClientArea } from '../src-server/server.js';
import { oneConnectionSync } from './one-connection-sync.js';
import type { BenchRow } from './run.js';

const ACCOUNTS = 500;

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientdeck-whmcs-bench-'));
  const standIn = await startWhmcsClientArea({ accounts: ACCOUNTS });
  const rows: BenchRow[] = [];
  try {
    let stored: string | null = null;
    const connector = new WhmcsConnector({
      baseUrl: standIn.url,
      credentials: { read: async () => stored, write: async (value) => void (stored = value) },
      logger: silentLogger(),
    });
    await connector.signIn(AGENCY_EMAIL, STAND_IN_PASSWORD);
    const { connection, sync } = oneConnectionSync(connector, {
      id: 'whmcs-bench',
      kind: 'whmcs',
      baseUrl: standIn.url,
      email: AGENCY_EMAIL,
      cacheDir: dir,
      pageSize: 1_000,
    });
    const label = `${ACCOUNTS} accounts, one login`;
    const listed = ACCOUNTS - 1; // the seed's last account is closed and not listed

    standIn.resetCount();
    await sync.syncOne(connection.id);
    rows.push({ name: `whmcs first sync, ${label} (Switch Account list)`, value: sync.lastRun(connection.id)!.durationMs, unit: 'ms' });
    rows.push({ name: `whmcs first sync, ${label}: requests`, value: standIn.requestCount(), unit: 'count' });

    standIn.resetCount();
    const started = performance.now();
    await connector.summariesSettled();
    rows.push({ name: `whmcs counts of ${label} in the background`, value: Math.round(performance.now() - started), unit: 'ms' });
    rows.push({ name: `whmcs counts: requests per account`, value: Math.round((standIn.requestCount() / listed) * 100) / 100, unit: 'count' });

    for (const pass of ['re-sync with the counts', 're-sync, nothing changed'] as const) {
      standIn.resetCount();
      await sync.syncOne(connection.id);
      rows.push({ name: `whmcs ${pass}, ${label}`, value: sync.lastRun(connection.id)!.durationMs, unit: 'ms' });
      rows.push({ name: `whmcs ${pass}, ${label}: requests`, value: standIn.requestCount(), unit: 'count' });
    }
  } finally {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push(...(await clientareaBeside()));
  return rows;
}

/** The same number of accounts behind one `clientarea` login: what the WHMCS rows compare with. */
async function clientareaBeside(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientdeck-clientarea-beside-'));
  const databaseFile = path.join(dir, 'provider.sqlite');
  const server = await startClientArea({ databaseFile, databaseUrl: '', adminKey: 'bench-admin-key', logLevel: 'silent' });
  const db = openDatabase({ file: databaseFile, url: '' });
  const password = 'Bench-Mark-2025!x';
  try {
    const now = new Date();
    await createUser(db, now, { email: 'agency@beside.example', name: 'Agency', password });
    for (let i = 0; i < ACCOUNTS; i++) await createAccount(db, now, { name: `Customer ${String(i).padStart(3, '0')}`, ownerEmail: 'agency@beside.example' });
    let stored: string | null = null;
    const connector = new ClientareaConnector({
      baseUrl: server.url,
      credentials: { read: async () => stored, write: async (value) => void (stored = value) },
      logger: silentLogger(),
    });
    await connector.signIn('agency@beside.example', password);
    const { connection, sync } = oneConnectionSync(connector, {
      id: 'clientarea-beside',
      kind: 'clientarea',
      baseUrl: server.url,
      email: 'agency@beside.example',
      cacheDir: dir,
    });
    const label = `${ACCOUNTS} accounts, one login (counts in the pages)`;
    const rows: BenchRow[] = [];
    for (const [pass, options] of [
      ['first sync', {}],
      ['re-sync, nothing changed', {}],
      ['validated re-sync, nothing changed', { validate: true }],
    ] as const) {
      await sync.syncOne(connection.id, options);
      const run = sync.lastRun(connection.id)!;
      rows.push({ name: `clientarea ${pass}, ${label}`, value: run.durationMs, unit: 'ms' });
      rows.push({ name: `clientarea ${pass}, ${label}: requests`, value: run.requests, unit: 'count' });
    }
    return rows;
  } finally {
    await db.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
