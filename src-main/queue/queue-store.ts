import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import type { InvitationAnswer } from '../../src-shared/api/primitives.js';
import { AccessGrant } from '../../src-shared/api/team.js';
import type { BulkKind } from '../../src-shared/ipc/channels/bulk.js';
import { ClientdeckError } from '../errors.js';
import { migrateQueue, toAction, type ActionRow as Row, type OwnerWrite, type StoredAction } from './queue-schema.js';

export type { OwnerWrite, StoredAction } from './queue-schema.js';

export interface NewInvitationAnswer {
  connectionId: string;
  invitationId: string;
  answer: InvitationAnswer;
  summary: string;
}

/** One account's write of a bulk run. */
export interface NewOwnerWrite {
  connectionId: string;
  accountId: string;
  summary: string;
  write: OwnerWrite;
}

export interface NewBulkRun {
  kind: BulkKind;
  email: string;
  grant: z.output<typeof AccessGrant> | null;
}

export interface StoredRun extends NewBulkRun {
  id: string;
  createdAt: string;
}

interface RunRow {
  id: string;
  kind: BulkKind;
  email: string;
  grant_json: string | null;
  created_at: string;
}

/**
 * The offline queue, durable in a SQLite file (WAL, synchronous=FULL): when `enqueueAnswer` or
 * `enqueueRun` returns, the actions and their idempotency keys are on disk, before any network call is made. An
 * action stays `queued` until a replay takes it (`sending`) and ends `done` or `rejected`. A
 * process killed mid-send leaves `sending`, which the next open turns back into `queued`: the
 * retry carries the same idempotency key, so the provider never applies it twice.
 */
export class QueueStore {
  readonly #db: Database.Database;
  /** A second connection for state changes after the enqueue; see `#update`. */
  readonly #progress: Database.Database;

  constructor(
    readonly file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    ownerOnly(file);
    this.#db = new Database(file);
    try {
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.pragma('busy_timeout = 5000');
      migrateQueue(this.#db);
    } catch (error) {
      // Closed before the caller decides (queue-file.ts may move a damaged file aside, which
      // Windows refuses while it is open).
      this.#db.close();
      throw error;
    }
    // SQLite creates -wal and -shm with the database file's mode, but files left by an older
    // version may still be 0644.
    for (const companion of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(companion)) fs.chmodSync(companion, 0o600);
    this.#progress = new Database(file);
    this.#progress.pragma('busy_timeout = 5000');
    // Progress (sending, done, rejected) need not wait for the disk: a process crash loses no
    // committed WAL data, and if a power cut lost one, the action is simply sent again with its
    // same idempotency key, which the provider answers with the same outcome. Only the enqueue,
    // the user's answer itself, is flushed before `enqueueAnswer` returns.
    this.#progress.pragma('synchronous = NORMAL');
    this.#db.prepare(`UPDATE actions SET state = 'queued', updated_at = ? WHERE state = 'sending'`).run(this.#now());
  }

  /**
   * Stores an answer, or returns the one already waiting for the same invitation when it is the
   * same answer. A different answer while one waits is refused: the user must not race themselves.
   */
  enqueueAnswer(input: NewInvitationAnswer): { action: StoredAction; created: boolean } {
    return this.#db.transaction(() => {
      const open = this.#db
        .prepare<[string, string], Row>(`SELECT * FROM actions WHERE connection_id = ? AND invitation_id = ? AND state IN ('queued', 'sending')`)
        .get(input.connectionId, input.invitationId);
      if (open) {
        if (open.answer === input.answer) return { action: toAction(open), created: false };
        throw new ClientdeckError(
          'conflict',
          `Your answer “${open.answer}” to this invitation is still waiting to be sent. Wait until it went through before changing it.`,
        );
      }
      const now = this.#now();
      const id = randomUUID();
      this.#db
        .prepare(
          `INSERT INTO actions (id, connection_id, kind, invitation_id, answer, summary, idempotency_key, state, created_at, updated_at)
           VALUES (?, ?, 'invitation.answer', ?, ?, ?, ?, 'queued', ?, ?)`,
        )
        .run(id, input.connectionId, input.invitationId, input.answer, input.summary, randomUUID(), now, now);
      return { action: this.get(id)!, created: true };
    })();
  }

  /**
   * Stores a bulk run and one write per account in one transaction: after a crash the run is
   * there whole or not at all, and every write already has the key it will always be sent with.
   */
  enqueueRun(run: NewBulkRun, writes: readonly NewOwnerWrite[]): StoredRun {
    return this.#db.transaction(() => {
      const id = randomUUID();
      const now = this.#now();
      this.#db
        .prepare(`INSERT INTO bulk_runs (id, kind, email, grant_json, created_at) VALUES (?, ?, ?, ?, ?)`)
        .run(id, run.kind, run.email, run.grant === null ? null : JSON.stringify(run.grant), now);
      for (const write of writes) this.#insertWrite(id, write, now);
      return { ...run, id, createdAt: now };
    })();
  }

  /**
   * Queues the refused writes of a run again, each as a new action with a new key (the old key
   * would only bring back the old refusal); the refused one is dismissed, so each account shows once.
   */
  requeueRejected(runId: string): number {
    return this.#db.transaction(() => {
      const now = this.#now();
      const rejected = this.runActions(runId).filter((a) => a.state === 'rejected' && a.write && a.accountId);
      for (const action of rejected) {
        this.#db.prepare(`UPDATE actions SET dismissed = 1, updated_at = ? WHERE id = ?`).run(now, action.id);
        this.#insertWrite(runId, { connectionId: action.connectionId, accountId: action.accountId!, summary: action.summary, write: action.write! }, now);
      }
      return rejected.length;
    })();
  }

  getRun(runId: string): StoredRun | undefined {
    const row = this.#db.prepare<[string], RunRow>(`SELECT * FROM bulk_runs WHERE id = ?`).get(runId);
    return row ? toRun(row) : undefined;
  }

  /** Every bulk run, newest first. */
  runs(): StoredRun[] {
    return this.#db.prepare<[], RunRow>(`SELECT * FROM bulk_runs ORDER BY seq DESC`).all().map(toRun);
  }

  /** The latest action of each account of a run, in the order the run queued them. */
  runActions(runId: string): StoredAction[] {
    const latest = new Map<string, StoredAction>();
    for (const row of this.#db.prepare<[string], Row>(`SELECT * FROM actions WHERE run_id = ? ORDER BY seq`).all(runId)) {
      latest.set(`${row.connection_id}\u0000${row.account_id}`, toAction(row));
    }
    return [...latest.values()];
  }

  get(id: string): StoredAction | undefined {
    const row = this.#db.prepare<[string], Row>(`SELECT * FROM actions WHERE id = ?`).get(id);
    return row ? toAction(row) : undefined;
  }

  /** Everything the user has not dismissed, oldest first. */
  list(): StoredAction[] {
    return this.#db.prepare<[], Row>(`SELECT * FROM actions WHERE dismissed = 0 ORDER BY seq`).all().map(toAction);
  }

  /** What still has to be sent for a connection, in the order the user made it. */
  waiting(connectionId: string): StoredAction[] {
    return this.#db
      .prepare<[string], Row>(`SELECT * FROM actions WHERE connection_id = ? AND state IN ('queued', 'sending') ORDER BY seq`)
      .all(connectionId)
      .map(toAction);
  }

  connectionsWithWaiting(): string[] {
    return this.#db
      .prepare<[], { connection_id: string }>(`SELECT DISTINCT connection_id FROM actions WHERE state IN ('queued', 'sending')`)
      .all()
      .map((r) => r.connection_id);
  }

  /** The newest action the user has not dismissed for each invitation, keyed `connectionId\0invitationId`. */
  latestByInvitation(): Map<string, StoredAction> {
    const out = new Map<string, StoredAction>();
    for (const action of this.list()) if (action.invitationId) out.set(invitationKey(action.connectionId, action.invitationId), action);
    return out;
  }

  markSending(id: string): void {
    this.#update(id, `state = 'sending', attempts = attempts + 1`, [], `state IN ('queued', 'sending')`);
  }

  /** Back to waiting after a failure that says "try later". */
  markQueued(id: string): void {
    this.#update(id, `state = 'queued'`, [], `state IN ('queued', 'sending')`);
  }

  markDone(id: string): void {
    this.#update(id, `state = 'done', reason = NULL, reason_code = NULL`, [], `state IN ('queued', 'sending')`);
  }

  markRejected(id: string, reason: string, reasonCode: string): void {
    this.#update(id, `state = 'rejected', reason = ?, reason_code = ?`, [reason, reasonCode], `state IN ('queued', 'sending')`);
  }

  /** Forgets a finished action; one still waiting cannot be dismissed (it would be lost). */
  dismiss(id: string): void {
    const action = this.get(id);
    if (!action || action.state === 'queued' || action.state === 'sending') {
      if (!action) throw new ClientdeckError('not_found', 'This queued action no longer exists.');
      throw new ClientdeckError('conflict', 'This action has not been sent yet, so it cannot be dismissed.');
    }
    this.#db.prepare(`UPDATE actions SET dismissed = 1, updated_at = ? WHERE id = ?`).run(this.#now(), id);
  }

  /** Drops every action of a connection that was removed (nothing can be sent for it any more). */
  removeConnection(connectionId: string): void {
    this.#db.prepare(`DELETE FROM actions WHERE connection_id = ?`).run(connectionId);
    this.#db.prepare(`DELETE FROM bulk_runs WHERE id NOT IN (SELECT run_id FROM actions WHERE run_id IS NOT NULL)`).run();
  }

  /** Finished and dismissed actions older than `days` are deleted. */
  prune(days = 30): void {
    const before = new Date(this.clock().getTime() - days * 86_400_000).toISOString();
    this.#db.prepare(`DELETE FROM actions WHERE state IN ('done', 'rejected') AND dismissed = 1 AND updated_at < ?`).run(before);
  }

  close(): void {
    if (this.#progress.open) this.#progress.close();
    if (this.#db.open) this.#db.close();
  }

  #insertWrite(runId: string, input: NewOwnerWrite, now: string): void {
    this.#db
      .prepare(
        `INSERT INTO actions (id, connection_id, kind, account_id, run_id, payload, summary, idempotency_key, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      )
      .run(randomUUID(), input.connectionId, input.write.kind, input.accountId, runId, JSON.stringify(input.write), input.summary, randomUUID(), now, now);
  }

  #update(id: string, set: string, params: unknown[], guard: string): void {
    this.#progress.prepare(`UPDATE actions SET ${set}, updated_at = ? WHERE id = ? AND ${guard}`).run(...params, this.#now(), id);
  }

  #now(): string {
    return this.clock().toISOString();
  }
}

export function invitationKey(connectionId: string, invitationId: string): string {
  return `${connectionId}\u0000${invitationId}`;
}

function toRun(row: RunRow): StoredRun {
  const grant = row.grant_json === null ? null : AccessGrant.safeParse(JSON.parse(row.grant_json));
  return { id: row.id, kind: row.kind, email: row.email, grant: grant?.success ? grant.data : null, createdAt: row.created_at };
}

/**
 * Creates the database file empty with mode 0600 before SQLite opens it, whatever the process
 * umask: SQLite gives the -wal and -shm files it creates the database file's own mode, so all
 * three stay readable by the user only.
 */
function ownerOnly(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
}
