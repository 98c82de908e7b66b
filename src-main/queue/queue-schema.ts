import type Database from 'better-sqlite3';
import { z } from 'zod';
import { InvitationAnswer } from '../../src-shared/api/primitives.js';
import { InviteByEmail } from '../../src-shared/api/team.js';
import type { QueuedAction, QueuedActionKind, QueuedActionState } from '../../src-shared/ipc/channels/queue.js';
import { ClientdeckError } from '../errors.js';

/**
 * What an owner's write carries to be sent again after a restart: the request itself, and the
 * account's name as the user saw it when they chose it (the summary and CSV name it even if the
 * account has gone from the list since).
 */
export const OwnerWrite = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team.invite'), accountName: z.string(), invitation: InviteByEmail }),
  z.object({ kind: z.literal('team.revoke'), accountName: z.string(), userId: z.string(), email: z.string() }),
  z.object({ kind: z.literal('team.cancelInvitation'), accountName: z.string(), invitationId: z.string(), email: z.string() }),
]);
export type OwnerWrite = z.infer<typeof OwnerWrite>;

/** A queued action with what only main needs to replay it. */
export interface StoredAction extends QueuedAction {
  idempotencyKey: string;
  attempts: number;
  /** The write itself, for owner writes; null for invitation answers (the kind and answer say it all). */
  write: OwnerWrite | null;
}

export interface ActionRow {
  seq: number;
  id: string;
  connection_id: string;
  kind: QueuedActionKind;
  invitation_id: string | null;
  answer: InvitationAnswer | null;
  account_id: string | null;
  run_id: string | null;
  payload: string | null;
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

const ACTION_INDEXES = `
CREATE INDEX IF NOT EXISTS actions_by_connection ON actions (connection_id, state, seq);
-- At most one answer per invitation waits at a time: the integrity guard behind "never twice".
CREATE UNIQUE INDEX IF NOT EXISTS one_open_answer ON actions (connection_id, invitation_id) WHERE state IN ('queued', 'sending');
`;

/**
 * The queue file's schema, one step per version (`user_version` says how many ran). A step is
 * never edited once shipped: a file written by an older Clientdeck is brought up step by step.
 */
const STEPS: readonly string[] = [
  // 1: invitation answers.
  `CREATE TABLE IF NOT EXISTS actions (
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
  ${ACTION_INDEXES}`,
  // 2: owner writes (invite, revoke, withdraw an invitation) and the bulk runs they belong to. SQLite cannot widen a CHECK
  // in place, so the table is rebuilt with every row and its seq (the replay order) kept.
  `CREATE TABLE actions_v2 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    connection_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('invitation.answer', 'team.invite', 'team.revoke', 'team.cancelInvitation')),
    invitation_id TEXT,
    answer TEXT CHECK (answer IN ('accept', 'decline')),
    account_id TEXT,
    run_id TEXT,
    payload TEXT,
    summary TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'rejected')),
    reason TEXT,
    reason_code TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    dismissed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((kind = 'invitation.answer') = (payload IS NULL))
  );
  INSERT INTO actions_v2 (seq, id, connection_id, kind, invitation_id, answer, summary, idempotency_key, state, reason, reason_code, attempts, dismissed, created_at, updated_at)
    SELECT seq, id, connection_id, kind, invitation_id, answer, summary, idempotency_key, state, reason, reason_code, attempts, dismissed, created_at, updated_at FROM actions;
  DROP TABLE actions;
  ALTER TABLE actions_v2 RENAME TO actions;
  ${ACTION_INDEXES}
  CREATE INDEX actions_by_run ON actions (run_id, seq);
  -- A run has at most one write per account waiting: a retry queues only what ended refused.
  CREATE UNIQUE INDEX one_open_write_per_run_account ON actions (run_id, connection_id, account_id) WHERE run_id IS NOT NULL AND state IN ('queued', 'sending');
  CREATE TABLE bulk_runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('invite', 'offboard')),
    email TEXT NOT NULL,
    grant_json TEXT,
    created_at TEXT NOT NULL
  );`,
];

/** Brings the open queue file to the current schema, each step in its own transaction; the caller closes the file when it throws. */
export function migrateQueue(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > STEPS.length) {
    throw new ClientdeckError('internal_error', 'The offline queue was written by a newer Clientdeck. Update Clientdeck to open it.');
  }
  for (let step = version; step < STEPS.length; step++) {
    db.transaction(() => {
      db.exec(STEPS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}

export function toAction(row: ActionRow): StoredAction {
  return {
    id: row.id,
    connectionId: row.connection_id,
    kind: row.kind,
    summary: row.summary,
    invitationId: row.invitation_id,
    answer: row.answer,
    accountId: row.account_id,
    runId: row.run_id,
    state: row.state,
    reason: row.reason,
    reasonCode: row.reason_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    write: row.payload === null ? null : readWrite(row.payload),
  };
}

/** A payload this Clientdeck cannot read becomes null, which the replayer refuses with a reason instead of crashing. */
function readWrite(payload: string): OwnerWrite | null {
  try {
    const parsed = OwnerWrite.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
