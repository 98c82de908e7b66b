import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import { ClientareaConnector } from '../../../src-main/connectors/clientarea/clientarea-connector.js';
import { silentLogger } from '../../../src-main/logging.js';
import { QueueStore } from '../../../src-main/queue/queue-store.js';
import { Replayer } from '../../../src-main/queue/replayer.js';
import { tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, invite, membershipsOf, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

const REPO = path.resolve(import.meta.dirname, '../../..');
const FILLER = path.join(import.meta.dirname, 'fixtures/queue-filler.ts');
const ROUNDS = 5;
const INVITATIONS = 40;

/** A small seeded PRNG, so a failing run can be repeated with the seed it prints. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the filler on `invitationIds` and SIGKILLs it `killAfterMs` after it is ready; returns what it reported as queued. */
function runFiller(job: object, killAfterMs: number): Promise<{ accepted: Array<[string, string]>; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FILLER], {
      cwd: REPO,
      env: { ...process.env, QUEUE_FILLER_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`queue filler failed (${code}): ${err}`));
      // Only complete lines count: a line cut by the kill was never fully said.
      const lines = out.split('\n').slice(0, -1);
      const accepted = lines.filter((l) => l.startsWith('accepted ')).map((l) => l.split(' ').slice(1, 3) as [string, string]);
      resolve({ accepted, finished: lines.includes('finished') });
    });
  });
}

describe('offline queue durability', () => {
  let provider: SeededProvider;
  let me: Login;
  let invitationAccount: Map<string, string>;
  const queueFile = path.join(tempDir('durability'), 'queue.sqlite');
  let connection: Connection;

  beforeAll(async () => {
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Agency');
    const owner = await addLogin(provider, 'Owner');
    const accounts = await addAccounts(provider, owner, INVITATIONS, 'Durable');
    invitationAccount = new Map();
    for (const accountId of accounts) invitationAccount.set(await invite(provider, owner, accountId, me), accountId);
    connection = {
      id: 'conn-durability',
      label: 'Durability',
      baseUrl: provider.url,
      kind: 'clientarea',
      email: me.email,
      isDemo: false,
      capabilities: ['invitations.answer'],
      createdAt: new Date().toISOString(),
    };
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('keeps every answer reported as queued across SIGKILLs, and the provider applies each exactly once', async () => {
    const seed = Number(process.env.DURABILITY_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const reported = new Map<string, string>();
    let remaining = [...invitationAccount.keys()];
    for (let round = 0; round < ROUNDS && remaining.length > 0; round++) {
      const killAfterMs = Math.round(20 + random() * 250);
      const { accepted } = await runFiller({ queueFile, connection, password: me.password, invitationIds: remaining }, killAfterMs);
      for (const [actionId, invitationId] of accepted) {
        // A re-queued invitation must come back as the very action already stored, never a second one.
        if (reported.has(invitationId)) expect(reported.get(invitationId), `seed ${seed}`).toBe(actionId);
        reported.set(invitationId, actionId);
      }
      remaining = remaining.filter((id) => !reported.has(id));
      if (process.env.DURABILITY_DEBUG) console.log(`round ${round}: kill ${killAfterMs} ms, ${accepted.length} reported, ${remaining.length} left`);
    }
    expect(reported.size, `seed ${seed}: the kills left nothing queued to check`).toBeGreaterThan(0);

    // Restart: every reported entry is there, with the invitation it was for.
    const store = new QueueStore(queueFile);
    try {
      for (const [invitationId, actionId] of reported) {
        expect(store.get(actionId), `seed ${seed}: action for ${invitationId} lost`).toMatchObject({ invitationId, answer: 'accept' });
      }
      const all = store.list();
      const perInvitation = new Map<string, number>();
      for (const action of all) perInvitation.set(action.invitationId!, (perInvitation.get(action.invitationId!) ?? 0) + 1);
      expect(
        [...perInvitation.values()].every((n) => n === 1),
        `seed ${seed}: an invitation was queued twice`,
      ).toBe(true);
      expect(
        all.some((a) => a.state === 'sending'),
        'a send cut by the kill is queued again on open',
      ).toBe(false);

      // Replay what is left against the real provider.
      let refreshToken: string | null = null;
      const connector = new ClientareaConnector({
        baseUrl: provider.url,
        credentials: { read: async () => refreshToken, write: async (s) => void (refreshToken = s) },
        logger: silentLogger(),
      });
      await connector.signIn(me.email, me.password);
      const replayer = new Replayer({
        store,
        connections: { list: () => [connection], connectorFor: async () => ({ connection, connector }) },
        logger: silentLogger(),
        onSettled: () => undefined,
        onChange: () => undefined,
      });
      await replayer.replayAll();
      const final = store.list();
      expect(
        final.every((a) => a.state === 'done'),
        `seed ${seed}: ${JSON.stringify(final.filter((a) => a.state !== 'done'))}`,
      ).toBe(true);

      // Exactly once: one membership per queued answer, none where nothing was queued.
      const held = await membershipsOf(provider, me.id);
      const queuedInvitations = new Set(final.map((a) => a.invitationId!));
      for (const [invitationId, accountId] of invitationAccount) {
        expect(held.get(accountId) ?? 0, `seed ${seed}: ${invitationId}`).toBe(queuedInvitations.has(invitationId) ? 1 : 0);
      }
      for (const invitationId of reported.keys()) expect(queuedInvitations.has(invitationId)).toBe(true);
    } finally {
      store.close();
    }
  });
});
