/**
 * The `whmcs` connector (a user's own client-area login) with 500 accounts behind one login,
 * measured with the real connector, sync engine and account cache against the client-area
 * stand-in on loopback (in this process, answering from memory: Clientdeck's side plus HTTP, not
 * a PHP server's). Requests are counted at the stand-in. The `clientarea` API's figures for the
 * same accounts are the sync rows of sync.bench.ts in the same table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from '../src-shared/ipc/channels/connections.js';
import { capabilitiesOf } from '../src-main/connectors/capabilities.js';
import { WhmcsConnector } from '../src-main/connectors/whmcs/client-area/whmcs-connector.js';
import { EventHub } from '../src-main/events.js';
import { silentLogger } from '../src-main/logging.js';
import { AccountCache } from '../src-main/sync/account-cache.js';
import { SyncEngine } from '../src-main/sync/sync-engine.js';
import { startWhmcsClientArea } from '../test/whmcs-stand-in/client-area/server.js';
import { AGENCY_EMAIL, STAND_IN_PASSWORD } from '../test/whmcs-stand-in/client-area/state.js';
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
    const connection: Connection = {
      id: 'whmcs-bench',
      label: 'WHMCS',
      baseUrl: standIn.url,
      kind: 'whmcs',
      email: AGENCY_EMAIL,
      isDemo: false,
      capabilities: capabilitiesOf(connector),
      createdAt: new Date().toISOString(),
    };
    const sync = new SyncEngine({
      connections: { list: () => [connection], connectorFor: async () => ({ connection, connector }) },
      cache: new AccountCache(dir, silentLogger()),
      events: new EventHub(),
      logger: silentLogger(),
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
  return rows;
}
