import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { QueuedAction, QueuedActionState } from '../../src-shared/ipc/channels/queue.js';
import { ClientdeckError } from '../errors.js';
import type { InvitationAnswer } from '../../src-shared/api/primitives.js';

/** A queued action with what only main needs to replay it. */
export interface StoredAction extends QueuedAction {
  idempotencyKey: string;
  attempts: number;
}

export interface NewInvitationAnswer {
  connectionId: string;
  invitationId: string;
  answer: InvitationAnswer;
  summary: string;
}

interface Row {
  seq: number;
  id: string;
  connection_id: string;
  kind: 'invitation.answer';
  invitation_id: string | null;
  answer: InvitationAnswer | null;
  summary: string;
  idempotency_key: string;
  state: QueuedActionState;
  reason: string | null;
  reason_code: string | null;
  attempts: number;
  dismissed: number;
  created_at: string;
  updated_at: string;
}

const SCHEMA_VERSION = 1;

const MIGRATIONS = `
CREATE TABLE IF NOT EXISTS actions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  connection_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('invitation.answer')),
  invitation_id TEXT,
  answer TEXT CHECK (answer IN ('accept', 'decline')),
  summary TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'rejected')),
  reason TEXT,
  reason_code TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  dismissed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actions_by_connection ON actions (connection_id, state, seq);
-- At most one answer per invitation waits at a time: the integrity guard behind "never twice".
CREATE UNIQUE INDEX IF NOT EXISTS one_open_answer ON actions (connection_id, invitation_id) WHERE state IN ('queued', 'sending');
`;

/**
 * The offline queue, durable in a SQLite file (WAL, synchronous=FULL): when `enqueueAnswer`
 * returns, the action and its idempotency key are on disk, before any network call is made. An
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
      const version = this.#db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new ClientdeckError('internal_error', 'The offline queue was written by a newer Clientdeck. Update Clientdeck to open it.');
      }
      this.#db.exec(MIGRATIONS);
      this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
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
      if (!action) throw new ClientdeckError('not_found', 'This queued answer no longer exists.');
      throw new ClientdeckError('conflict', 'This answer has not been sent yet, so it cannot be dismissed.');
    }
    this.#db.prepare(`UPDATE actions SET dismissed = 1, updated_at = ? WHERE id = ?`).run(this.#now(), id);
  }

  /** Drops every action of a connection that was removed (nothing can be sent for it any more). */
  removeConnection(connectionId: string): void {
    this.#db.prepare(`DELETE FROM actions WHERE connection_id = ?`).run(connectionId);
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

function toAction(row: Row): StoredAction {
  return {
    id: row.id,
    connectionId: row.connection_id,
    kind: row.kind,
    summary: row.summary,
    invitationId: row.invitation_id,
    answer: row.answer,
    state: row.state,
    reason: row.reason,
    reasonCode: row.reason_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
  };
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
