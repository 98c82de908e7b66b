/**
 * The `whmcs-admin` connector listing 5,000 clients through WHMCS's admin API, measured with the
 * real connector, sync engine and account cache against the admin-API stand-in on loopback (in this
 * process: it answers from memory, so the figures are Clientdeck's side plus HTTP, not a PHP
 * server's). Round trips are counted at the stand-in. The `clientarea` figures for 5,000 accounts
 * are the `sync 5,000 accounts (1 connection)` rows of sync.bench.ts in the same table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WhmcsAdminConnector } from '../src-main/connectors/whmcs/admin/whmcs-admin-connector.js';
import { silentLogger } from '../src-main/logging.js';
import { STAND_IN_CREDENTIAL, startAdminStandIn } from '../test/whmcs-stand-in/admin/server.js';
import { oneConnectionSync } from './one-connection-sync.js';
import type { BenchRow } from './run.js';

const CLIENTS = 5_000;
/** The sync engine's own page size, asked as GetClients' `limitnum`. */
const PAGE_SIZE = 1_000;

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientdeck-whmcs-admin-bench-'));
  const standIn = await startAdminStandIn({ clients: CLIENTS });
  const rows: BenchRow[] = [];
  try {
    let stored: string | null = null;
    const connector = new WhmcsAdminConnector({
      baseUrl: standIn.url,
      credentials: { read: async () => stored, write: async (value) => void (stored = value) },
      logger: silentLogger(),
    });
    await connector.signIn(STAND_IN_CREDENTIAL.identifier, STAND_IN_CREDENTIAL.secret);
    const { connection, sync } = oneConnectionSync(connector, {
      id: 'whmcs-admin-bench',
      kind: 'whmcs-admin',
      baseUrl: standIn.url,
      email: STAND_IN_CREDENTIAL.identifier,
      cacheDir: dir,
      pageSize: PAGE_SIZE,
    });
    const label = `${CLIENTS.toLocaleString('en')} clients`;
    for (const pass of ['first sync', 're-sync'] as const) {
      const before = standIn.count('GetClients');
      await sync.syncOne(connection.id);
      const runStats = sync.lastRun(connection.id)!;
      const trips = standIn.count('GetClients') - before;
      rows.push({ name: `whmcs-admin ${pass}, ${label} (GetClients, limitnum ${PAGE_SIZE})`, value: runStats.durationMs, unit: 'ms' });
      rows.push({ name: `whmcs-admin ${pass}, ${label}: round trips`, value: trips, unit: 'count' });
    }
  } finally {
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
