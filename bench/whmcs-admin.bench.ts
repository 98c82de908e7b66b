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
import type { Connection } from '../src-shared/ipc/channels/connections.js';
import { capabilitiesOf } from '../src-main/connectors/capabilities.js';
import { WhmcsAdminConnector } from '../src-main/connectors/whmcs/admin/whmcs-admin-connector.js';
import { EventHub } from '../src-main/events.js';
import { silentLogger } from '../src-main/logging.js';
import { AccountCache } from '../src-main/sync/account-cache.js';
import { SyncEngine } from '../src-main/sync/sync-engine.js';
import { STAND_IN_CREDENTIAL, startAdminStandIn } from '../test/whmcs-stand-in/admin/server.js';
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
    const connection: Connection = {
      id: 'whmcs-admin-bench',
      label: 'WHMCS',
      baseUrl: standIn.url,
      kind: 'whmcs-admin',
      email: STAND_IN_CREDENTIAL.identifier,
      isDemo: false,
      capabilities: capabilitiesOf(connector),
      createdAt: new Date().toISOString(),
    };
    const sync = new SyncEngine({
      connections: { list: () => [connection], connectorFor: async () => ({ connection, connector }) },
      cache: new AccountCache(dir, silentLogger()),
      events: new EventHub(),
      logger: silentLogger(),
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
