/**
 * An Idempotency-Key is bound to its request body, and it is stored in the transaction of the
 * effect: a failure injected between the commit and the stored answer, or inside the transaction,
 * leaves key and effect both present or both absent, so a replay never acts twice.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverSuiteOnPostgres } from './fixtures/postgres.js';
import { expectProblem, type Harness, startHarness } from './harness.js';
import { accountOf, person, type Person } from './scenario.js';

let h: Harness;
let owner: Person;
let accountId: string;
beforeAll(async () => {
  h = await startHarness();
  owner = await person(h, 'keyed-owner');
  accountId = await accountOf(h, owner, 'Keyed Shop');
});
afterAll(() => h.close());
afterEach(() => removeFault());

async function openTicket(key: string, subject: string) {
  const res = await fetch(`${h.server.url}/api/v1/accounts/${accountId}/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner.token}`, 'idempotency-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ subject, body: 'The site is down.' }),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : null,
    replayed: res.headers.get('idempotent-replayed'),
  };
}

const ticketsNamed = async (subject: string) => (await h.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute()).length;
const keyRows = async () => (await h.db.selectFrom('idempotency_keys').select(['key_hash', 'status']).execute()).length;

/** Makes the store refuse writes to idempotency_keys (as a full disk or a killed process would), on either store. */
async function injectFault(on: 'INSERT' | 'UPDATE'): Promise<void> {
  if (serverSuiteOnPostgres()) {
    await sql`CREATE OR REPLACE FUNCTION injected_fault() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql`.execute(h.db);
    await sql.raw(`CREATE TRIGGER injected_fault BEFORE ${on} ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION injected_fault()`).execute(h.db);
  } else {
    await sql.raw(`CREATE TRIGGER injected_fault BEFORE ${on} ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'injected fault'); END`).execute(h.db);
  }
}

async function removeFault(): Promise<void> {
  await sql.raw(serverSuiteOnPostgres() ? 'DROP TRIGGER IF EXISTS injected_fault ON idempotency_keys' : 'DROP TRIGGER IF EXISTS injected_fault').execute(h.db);
}

describe('Idempotency-Key bound to its body', () => {
  it('the same key with a different body is refused with 422 idempotency_key_reused, and acts no more', async () => {
    expect((await openTicket('bound-1', 'Bound first')).status).toBe(201);
    const reused = await openTicket('bound-1', 'Bound second');
    expectProblem(reused, 422, 'idempotency_key_reused');
    expect(await ticketsNamed('Bound second')).toBe(0);
    // The same body with the key still replays the first outcome.
    const replay = await openTicket('bound-1', 'Bound first');
    expect([replay.status, replay.replayed]).toEqual([201, 'true']);
    expect(await ticketsNamed('Bound first')).toBe(1);
  });
});

describe('Idempotency-Key stored with the effect', () => {
  it('a failure after the commit, before the answer is stored, leaves key and effect together: the replay does not act again', async () => {
    await injectFault('UPDATE');
    const first = await openTicket('crash-1', 'Crash after commit');
    expect(first.status).toBe(500);
    await removeFault();
    expect(await ticketsNamed('Crash after commit')).toBe(1);
    const key = await h.db.selectFrom('idempotency_keys').select('status').where('status', '=', 0).execute();
    expect(key).toHaveLength(1);

    const replay = await openTicket('crash-1', 'Crash after commit');
    expectProblem(replay, 409, 'conflict');
    expect(await ticketsNamed('Crash after commit')).toBe(1);
  });

  it('a failure inside the transaction rolls key and effect back together: the retry acts once', async () => {
    const keysBefore = await keyRows();
    await injectFault('INSERT');
    expect((await openTicket('crash-2', 'Crash inside')).status).toBe(500);
    await removeFault();
    expect(await ticketsNamed('Crash inside')).toBe(0);
    expect(await keyRows()).toBe(keysBefore);

    expect((await openTicket('crash-2', 'Crash inside')).status).toBe(201);
    const replay = await openTicket('crash-2', 'Crash inside');
    expect([replay.status, replay.replayed]).toEqual([201, 'true']);
    expect(await ticketsNamed('Crash inside')).toBe(1);
  });

  it('eight requests racing with one key make one ticket; none of them fails with a 5xx', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => openTicket('race-1', 'Raced')));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await ticketsNamed('Raced')).toBe(1);
  });
});
