import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BulkRuns } from '../../../src-main/bulk/bulk-runs.js';
import { QueueStore } from '../../../src-main/queue/queue-store.js';
import type { Capability } from '../../../src-shared/api/connectors.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';

function file(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clientdeck-bulk-')), 'queue.sqlite');
}

const T = '2026-12-01T10:00:00.000Z';
const connection = (id: string, capabilities: Capability[]): Connection => ({
  id,
  label: `Provider ${id}`,
  baseUrl: 'http://127.0.0.1:1',
  kind: 'clientarea',
  email: 'me@agency.example',
  isDemo: false,
  capabilities,
  createdAt: T,
});
const account = (id: string, name: string) => ({
  id,
  name,
  role: 'owner' as const,
  permissions: [],
  scope: null,
  summary: { services: 0, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 },
  updatedAt: T,
});

function setUp(store: QueueStore) {
  const connections = [
    connection('c1', ['accounts.list', 'users.manage']),
    connection('c2', ['accounts.list', 'users.manage']),
    connection('c3', ['accounts.list']),
  ];
  const accounts: Record<string, ReturnType<typeof account>[]> = {
    c1: [account('a1', 'Alpha'), account('a2', 'Beta')],
    c2: [account('b1', 'Gamma')],
    c3: [account('x1', 'Delta')],
  };
  const queued: Array<{ ids: readonly string[]; evenOffline: boolean }> = [];
  const changed: string[][] = [];
  const told: Array<{ id: string; title: string; body: string; navigate: unknown }> = [];
  const bulk = new BulkRuns({
    store,
    connections: {
      list: () => connections,
      get: (id) => connections.find((c) => c.id === id)!,
      connectorFor: () => Promise.reject(new Error('not used')),
    },
    cache: { read: (id) => ({ accounts: accounts[id] ?? [], invitations: [] }) as never },
    events: { changed: (lists) => changed.push([...lists]), emit: (_event, payload) => told.push(payload as (typeof told)[number]) },
    followUp: { writesQueued: (ids, o) => queued.push({ ids, evenOffline: o?.evenOffline ?? false }) },
  });
  return { bulk, queued, changed, told };
}

const grant = { role: 'member' as const, permissions: ['tickets' as const] };

describe('a bulk run in the queue', () => {
  it('stores one write per chosen account with its own key before asking anyone to send, and asks once per connection', () => {
    const store = new QueueStore(file());
    const { bulk, queued } = setUp(store);
    const run = bulk.invite({
      email: 'dev@agency.example',
      grant,
      targets: [
        { connectionId: 'c1', accountId: 'a1' },
        { connectionId: 'c2', accountId: 'b1' },
        { connectionId: 'c1', accountId: 'a2' },
        { connectionId: 'c1', accountId: 'a1' },
      ],
    });
    expect(run.items.map((i) => [i.providerLabel, i.accountName, i.state])).toEqual([
      ['Provider c1', 'Alpha', 'queued'],
      ['Provider c2', 'Gamma', 'queued'],
      ['Provider c1', 'Beta', 'queued'],
    ]);
    const actions = store.list();
    expect(new Set(actions.map((a) => a.idempotencyKey)).size).toBe(3);
    expect(actions.every((a) => a.kind === 'team.invite' && a.runId === run.id && a.write?.kind === 'team.invite')).toBe(true);
    expect(actions[0]!.write).toMatchObject({ invitation: { email: 'dev@agency.example', permissions: ['tickets'] } });
    expect(queued).toEqual([{ ids: ['c1', 'c2', 'c1'], evenOffline: false }]);
    store.close();
  });

  it("carries an end of access, when chosen, in every account's invitation and in the run", () => {
    const store = new QueueStore(file());
    const { bulk } = setUp(store);
    const expiresAt = '2027-01-31T22:59:59.000Z';
    const run = bulk.invite({
      email: 'contractor@agency.example',
      grant: { ...grant, expiresAt },
      targets: [
        { connectionId: 'c1', accountId: 'a1' },
        { connectionId: 'c2', accountId: 'b1' },
      ],
    });
    expect(run.grant).toMatchObject({ expiresAt });
    expect(store.list().map((a) => a.write)).toEqual([
      expect.objectContaining({ invitation: expect.objectContaining({ email: 'contractor@agency.example', expiresAt }) }),
      expect.objectContaining({ invitation: expect.objectContaining({ email: 'contractor@agency.example', expiresAt }) }),
    ]);
    store.close();
  });

  it('is refused whole when one chosen account cannot be changed, and nothing is stored', () => {
    const store = new QueueStore(file());
    const { bulk, queued } = setUp(store);
    const targets = [
      { connectionId: 'c1', accountId: 'a1' },
      { connectionId: 'c3', accountId: 'x1' },
    ];
    expect(() => bulk.invite({ email: 'dev@agency.example', grant, targets })).toThrow(expect.objectContaining({ code: 'not_supported' }));
    expect(() => bulk.invite({ email: 'dev@agency.example', grant, targets: [{ connectionId: 'c1', accountId: 'gone' }] })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(store.list()).toEqual([]);
    expect(store.runs()).toEqual([]);
    expect(queued).toEqual([]);
    store.close();
  });

  it('retries only the refused accounts, each with a new key, shows each account once, and tries every connection now', () => {
    const store = new QueueStore(file());
    const { bulk, queued } = setUp(store);
    const run = bulk.offboard({
      email: 'gone@agency.example',
      targets: [
        { connectionId: 'c1', accountId: 'a1', userId: 'u1' },
        { connectionId: 'c2', accountId: 'b1', userId: 'u2' },
      ],
    });
    const [first, second] = store.list();
    store.markSending(first!.id);
    store.markDone(first!.id);
    store.markSending(second!.id);
    store.markRejected(second!.id, 'The provider refused.', 'forbidden');

    const retried = bulk.retry(run.id);
    expect(retried.items.map((i) => [i.accountName, i.state])).toEqual([
      ['Alpha', 'done'],
      ['Gamma', 'queued'],
    ]);
    const again = retried.items[1]!;
    expect(again.actionId).not.toBe(second!.id);
    expect(store.get(again.actionId)!.idempotencyKey).not.toBe(second!.idempotencyKey);
    expect(store.get(again.actionId)!.write).toEqual({ kind: 'team.revoke', accountName: 'Gamma', userId: 'u2', email: 'gone@agency.example' });
    // The refused attempt leaves the queue view; the done one stays until dismissed.
    expect(store.list().map((a) => a.id)).toEqual([first!.id, again.actionId]);
    expect(queued.at(-1)).toEqual({ ids: ['c1', 'c2'], evenOffline: true });
    // Nothing refused now: a second retry queues nothing new.
    expect(bulk.retry(run.id).items.map((i) => i.actionId)).toEqual([first!.id, again.actionId]);
    store.close();
  });

  it('tells the user once the last account of a run has its outcome, and again when a retry ends differently', () => {
    const store = new QueueStore(file());
    const { bulk, told } = setUp(store);
    const run = bulk.invite({
      email: 'dev@agency.example',
      grant,
      targets: [
        { connectionId: 'c1', accountId: 'a1' },
        { connectionId: 'c2', accountId: 'b1' },
      ],
    });
    const [a, b] = store.list();
    store.markDone(a!.id);
    bulk.settled(store.get(a!.id)!);
    expect(told).toEqual([]);
    store.markRejected(b!.id, 'No.', 'forbidden');
    bulk.settled(store.get(b!.id)!);
    expect(told).toEqual([
      {
        id: `bulk:${run.id}:1:1`,
        title: 'Invitations for dev@agency.example sent',
        body: '1 of 2 accounts done, 1 refused: open Bulk changes to retry.',
        navigate: { view: 'bulk' },
      },
    ]);
    const retried = bulk.retry(run.id).items[1]!;
    store.markDone(retried.actionId);
    bulk.settled(store.get(retried.actionId)!);
    expect(told.map((n) => [n.id, n.body])).toEqual([
      [`bulk:${run.id}:1:1`, '1 of 2 accounts done, 1 refused: open Bulk changes to retry.'],
      [`bulk:${run.id}:2:0`, '2 of 2 accounts done.'],
    ]);
    store.close();
  });

  it('survives a reopen of the queue file: the run, its grant and every account are read back as they stood', () => {
    const f = file();
    const store = new QueueStore(f);
    const run = setUp(store).bulk.invite({ email: 'dev@agency.example', grant, targets: [{ connectionId: 'c2', accountId: 'b1' }] });
    store.markSending(store.list()[0]!.id);
    store.close();
    const reopened = new QueueStore(f);
    const back = setUp(reopened).bulk.get(run.id);
    expect(back).toMatchObject({ id: run.id, kind: 'invite', email: 'dev@agency.example', grant: { role: 'member', permissions: ['tickets'] } });
    // A send cut by the crash waits again, with the same action (and so the same key).
    expect(back.items).toMatchObject([{ actionId: run.items[0]!.actionId, state: 'queued', attempts: 1 }]);
    reopened.close();
  });

  it('exports a summary with one row per account, its outcome and reason, quoted where needed', () => {
    const store = new QueueStore(file());
    const { bulk } = setUp(store);
    const run = bulk.invite({
      email: 'dev@agency.example',
      grant,
      targets: [
        { connectionId: 'c1', accountId: 'a1' },
        { connectionId: 'c1', accountId: 'a2' },
      ],
    });
    const [a, b] = store.list();
    store.markDone(a!.id);
    store.markRejected(b!.id, 'dev@agency.example already has access, "as member".', 'conflict');
    const { fileName, csv } = bulk.summaryCsv(run.id);
    expect(fileName).toMatch(/^clientdeck-invite-dev_agency\.example-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('account,provider,account_id,outcome,reason_code,reason,attempts,updated_at');
    expect(lines[1]).toMatch(/^Alpha,Provider c1,a1,done,,,0,\d{4}-/);
    // The reason holds a comma and quotes: it is quoted and its quotes doubled (RFC 4180).
    expect(lines[2]).toMatch(/^Beta,Provider c1,a2,rejected,conflict,"dev@agency\.example already has access, ""as member""\.",0,\d{4}-/);
    expect(lines).toHaveLength(3);
    store.close();
  });
});

describe('the queue file schema', () => {
  it('brings a file written before owner writes existed up to date, keeping each answer, its key and its place', () => {
    const f = file();
    const old = new Database(f);
    old.exec(`CREATE TABLE actions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, connection_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('invitation.answer')), invitation_id TEXT, answer TEXT CHECK (answer IN ('accept', 'decline')),
      summary TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'rejected')),
      reason TEXT, reason_code TEXT, attempts INTEGER NOT NULL DEFAULT 0, dismissed INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      INSERT INTO actions (seq, id, connection_id, kind, invitation_id, answer, summary, idempotency_key, state, created_at, updated_at)
        VALUES (7, 'q-old', 'c1', 'invitation.answer', 'inv-1', 'accept', 'Accept invitation to Alpha', 'key-old', 'sending', '${T}', '${T}');
      PRAGMA user_version = 1;`);
    old.close();

    const store = new QueueStore(f);
    expect(store.list()).toMatchObject([{ id: 'q-old', kind: 'invitation.answer', idempotencyKey: 'key-old', state: 'queued', write: null, runId: null }]);
    // The old answer keeps its turn: writes queued now come after it.
    setUp(store).bulk.invite({ email: 'dev@agency.example', grant, targets: [{ connectionId: 'c1', accountId: 'a1' }] });
    expect(store.waiting('c1').map((a) => a.kind)).toEqual(['invitation.answer', 'team.invite']);
    // A second answer to the same invitation is still refused by the guard index.
    expect(() => store.enqueueAnswer({ connectionId: 'c1', invitationId: 'inv-1', answer: 'decline', summary: 'x' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    store.close();
    const raw = new Database(f, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    raw.close();
  });
});
