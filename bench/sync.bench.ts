/**
 * The desktop side of docs/ARCHITECTURE.md §11, measured against the reference client area running as its own
 * process on loopback (as a provider would be, on its own core):
 * - sync of 5,000 accounts, and a no-change re-sync (periodic: `updatedSince`; validated: ETag 304s);
 * - 100,000 accounts across 20 connections (< 3 s, main-process heap < 300 MB) and a no-change re-sync (< 0.2 s),
 *   validated and not, and the periodic one after it (asked with the tag of the last quiet answer);
 * - 1,000 queued answers replayed (< 5 s) with no duplicate;
 * - opening a panel: the SSO link ready (< 100 ms).
 * Secrets stay in memory here (a benchmark needs no keychain); everything else is the real code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PERMISSION_PRESETS } from '../src-shared/api/permissions.js';
import type { Connection } from '../src-shared/ipc/channels/connections.js';
import { openDatabase } from '../src-server/db/database.js';
import { migrateToLatest } from '../src-server/db/migrations.js';
import { createAccount } from '../src-server/domain/accounts.js';
import { createInvitation } from '../src-server/domain/invitations.js';
import { insertMembership } from '../src-server/domain/memberships.js';
import { createUser } from '../src-server/domain/users.js';
import { ClientareaConnector } from '../src-main/connectors/clientarea/clientarea-connector.js';
import { createCore, type Core } from '../src-main/core.js';
import { silentLogger } from '../src-main/logging.js';
import { QueueStore } from '../src-main/queue/queue-store.js';
import { Replayer } from '../src-main/queue/replayer.js';
import { MemoryVault } from './memory-vault.js';
import { serveProvider } from './provider-process.js';
import type { BenchRow } from './run.js';

const PASSWORD = 'Bench-Mark-2025!x';
const PER_CONNECTION = 5_000;
const CONNECTIONS = 20;
const ANSWERS = 1_000;
const SSO_RUNS = 50;

interface Seeded {
  logins: string[];
  invitee: string;
}

/** 5,000 accounts, each reachable by all twenty logins; an owner with 1,000 invitations out to one more login. */
async function seed(databaseFile: string): Promise<Seeded> {
  const db = openDatabase({ file: databaseFile, url: '' });
  try {
    await migrateToLatest(db);
    const now = new Date();
    const logins: string[] = [];
    const users: Array<{ id: string }> = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const email = `agency${i}@bench.example`;
      users.push(await createUser(db, now, { email, name: `Agency ${i}`, password: PASSWORD }));
      logins.push(email);
    }
    const accountIds: string[] = [];
    for (let n = 0; n < PER_CONNECTION; n++)
      accountIds.push((await createAccount(db, now, { name: `Customer ${String(n).padStart(5, '0')}`, ownerEmail: logins[0]! })).id);
    await db.transaction().execute(async (trx) => {
      for (const user of users.slice(1)) {
        for (const accountId of accountIds)
          await insertMembership(trx, now, { accountId, userId: user.id, role: 'member', permissions: PERMISSION_PRESETS.webDeveloper });
      }
    });
    const owner = await createUser(db, now, { email: 'owner@bench.example', name: 'Owner', password: PASSWORD });
    const invitee = 'invitee@bench.example';
    await createUser(db, now, { email: invitee, name: 'Invitee', password: PASSWORD });
    for (let n = 0; n < ANSWERS; n++) {
      const account = await createAccount(db, now, { name: `Inviting ${n}`, ownerEmail: owner.email });
      await createInvitation(db, now, { accountId: account.id, invitedBy: owner.id, email: invitee, permissions: PERMISSION_PRESETS.supportOnly });
    }
    return { logins, invitee };
  } finally {
    await db.destroy();
  }
}

/** The heap in use, after a full collection when the bench runs with `--expose-gc` (as `npm run bench` does). */
function heapMegabytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1_048_576);
}

async function timed<T>(task: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await task();
  return [value, performance.now() - started];
}

async function ok(core: Core, channel: string, input: unknown): Promise<any> {
  const reply = await core.dispatch(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}: ${reply.error.message}`);
  return reply.result;
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientdeck-sync-bench-'));
  const rows: BenchRow[] = [];
  process.stderr.write('  seeding 5,000 accounts × 10 logins and 1,000 invitations…\n');
  const seeded = await seed(path.join(dir, 'provider.sqlite'));
  const server = await serveProvider({ databaseFile: path.join(dir, 'provider.sqlite') });
  const cores: Core[] = [];
  try {
    // One connection, 5,000 accounts.
    const single = createCore({ dataDir: path.join(dir, 'single'), vault: new MemoryVault(), logger: silentLogger() });
    cores.push(single);
    const one: Connection = await ok(single, 'connections.add', { baseUrl: server.url, email: seeded.logins[0], password: PASSWORD });
    await single.idle();
    const first = single.sync.lastRun(one.id)!;
    rows.push({ name: `sync ${PER_CONNECTION.toLocaleString('en')} accounts (1 connection)`, value: first.durationMs, unit: 'ms' });
    await single.sync.syncOne(one.id);
    rows.push({
      name: `no-change re-sync, ${PER_CONNECTION.toLocaleString('en')} accounts (updatedSince, ${single.sync.lastRun(one.id)!.accountsTransferred} accounts sent)`,
      value: single.sync.lastRun(one.id)!.durationMs,
      unit: 'ms',
    });
    await single.sync.syncOne(one.id, { validate: true });
    const validated = single.sync.lastRun(one.id)!;
    rows.push({
      name: `validated no-change re-sync, ${PER_CONNECTION.toLocaleString('en')} accounts (${validated.notModified}×304)`,
      value: validated.durationMs,
      unit: 'ms',
    });

    // SSO link ready, as the panel.open request sees it.
    const [account] = await ok(single, 'accounts.list', {});
    const samples: number[] = [];
    for (let i = 0; i < SSO_RUNS; i++) samples.push((await timed(() => ok(single, 'panel.open', { connectionId: one.id, accountId: account.id })))[1]);
    samples.sort((a, b) => a - b);
    rows.push({ name: `SSO link ready (panel.open, median of ${SSO_RUNS})`, value: samples[Math.floor(SSO_RUNS / 2)]!, unit: 'ms', target: 100 });

    // Ten connections, 50,000 accounts: connections are added first, then one sync of all of them is timed.
    const many = createCore({ dataDir: path.join(dir, 'many'), vault: new MemoryVault(), logger: silentLogger() });
    cores.push(many);
    const ids: string[] = [];
    for (const email of seeded.logins) ids.push((await many.connections.add({ baseUrl: server.url, email, password: PASSWORD })).id);
    const [, fullMs] = await timed(() => many.sync.syncAll());
    const total = ids.reduce((n, id) => n + many.cache.read(id).accounts.length, 0);
    rows.push({ name: `sync ${total.toLocaleString('en')} accounts (${CONNECTIONS} connections)`, value: fullMs / 1000, unit: 's', target: 3 });
    rows.push({ name: `main-process heap after syncing ${total.toLocaleString('en')} accounts`, value: heapMegabytes(), unit: 'MB', target: 300 });
    const [, periodicMs] = await timed(() => many.sync.syncAll());
    const sent = ids.reduce((n, id) => n + (many.sync.lastRun(id)?.accountsTransferred ?? 0), 0);
    rows.push({
      name: `no-change re-sync, ${total.toLocaleString('en')} accounts (${CONNECTIONS} connections, ${sent} accounts sent)`,
      value: periodicMs / 1000,
      unit: 's',
      target: 0.2,
    });
    const [, validatedMs] = await timed(() => many.sync.syncAll({ validate: true }));
    rows.push({
      name: `validated no-change re-sync, ${total.toLocaleString('en')} accounts (${CONNECTIONS} connections, ETag 304s)`,
      value: validatedMs / 1000,
      unit: 's',
      target: 0.2,
    });
    // The periodic re-sync after that first one: asked with the tag its empty answer brought.
    const [, quietMs] = await timed(() => many.sync.syncAll());
    const quiet304 = ids.reduce((n, id) => n + (many.sync.lastRun(id)?.notModified ?? 0), 0);
    rows.push({
      name: `next no-change re-sync, ${total.toLocaleString('en')} accounts (${CONNECTIONS} connections, updatedSince ${quiet304}×304)`,
      value: quietMs / 1000,
      unit: 's',
      target: 0.2,
    });
    // What the renderer pays to (re)load the whole list from main, contract validation included.
    const [listed, listMs] = await timed(() => ok(many, 'accounts.list', {}));
    rows.push({ name: `accounts.list over IPC (${(listed as unknown[]).length.toLocaleString('en')} rows, after a change)`, value: listMs, unit: 'ms' });
    const [, againMs] = await timed(() => ok(many, 'accounts.list', {}));
    rows.push({ name: `accounts.list over IPC (${(listed as unknown[]).length.toLocaleString('en')} rows, nothing changed)`, value: againMs, unit: 'ms' });

    // A sync that renamed 100 accounts of one connection: what a renderer holding the list asks next.
    const { version } = await ok(many, 'accounts.changes', { since: 0 });
    const provider = openDatabase({ file: path.join(dir, 'provider.sqlite'), url: '' });
    try {
      const renamed = many.cache.read(ids[0]!).accounts.slice(0, 100);
      const at = new Date().toISOString();
      for (const [i, account] of renamed.entries())
        await provider
          .updateTable('accounts')
          .set({ name: `Renamed ${i}`, updated_at: at })
          .where('id', '=', account.id)
          .execute();
    } finally {
      await provider.destroy();
    }
    await many.sync.syncOne(ids[0]!);
    const [delta, deltaMs] = await timed(() => ok(many, 'accounts.changes', { since: version }));
    const sentRows = delta.reset ? Number.NaN : delta.upserted.length + delta.removed.length;
    rows.push({ name: `accounts.changes over IPC after 100 of ${total.toLocaleString('en')} renamed (${sentRows} rows sent)`, value: deltaMs, unit: 'ms' });

    // 1,000 queued answers, replayed in order on one connection.
    const store = new QueueStore(path.join(dir, 'queue.sqlite'));
    let refreshToken: string | null = null;
    const connector = new ClientareaConnector({
      baseUrl: server.url,
      credentials: { read: async () => refreshToken, write: async (s) => void (refreshToken = s) },
      logger: silentLogger(),
    });
    await connector.signIn(seeded.invitee, PASSWORD);
    const connection: Connection = {
      id: 'invitee',
      label: 'Bench',
      baseUrl: server.url,
      kind: 'clientarea',
      email: seeded.invitee,
      isDemo: false,
      capabilities: ['invitations.answer'],
      createdAt: new Date().toISOString(),
    };
    const incoming = await connector.listIncomingInvitations();
    for (const invitation of incoming) store.enqueueAnswer({ connectionId: connection.id, invitationId: invitation.id, answer: 'accept', summary: 'bench' });
    const replayer = new Replayer({
      store,
      connections: { list: () => [connection], connectorFor: async () => ({ connection, connector }) },
      logger: silentLogger(),
      onSettled: () => undefined,
      onChange: () => undefined,
    });
    const [, replayMs] = await timed(() => replayer.replay(connection.id));
    const done = store.list().filter((a) => a.state === 'done').length;
    store.close();
    rows.push({ name: `replay ${incoming.length.toLocaleString('en')} queued answers (${done} done)`, value: replayMs / 1000, unit: 's', target: 5 });
    const db = openDatabase({ file: path.join(dir, 'provider.sqlite'), url: '' });
    try {
      const memberships = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['memberships.account_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('users.email', '=', seeded.invitee)
        .groupBy('memberships.account_id')
        .execute();
      const duplicates = memberships.reduce((n, m) => n + Number(m.n) - 1, 0);
      rows.push({ name: 'duplicate memberships after the replay', value: duplicates, unit: 'count', target: 1 });
    } finally {
      await db.destroy();
    }
  } finally {
    for (const core of cores) await core.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
