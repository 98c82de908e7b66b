import type { Kysely } from 'kysely';
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from '../../src-shared/api/activity.js';
import { CompiledStatement, type Slots } from '../db/compiled-queries.js';
import type { AuditEventRow, Database, UserRow } from '../db/tables.js';
import { assertOwnerOrAdmin, requireGrant } from './access.js';
import { type ListQuery, decodePair, pageOf, sinceIso } from './paging.js';
import { newSortableId } from './tokens.js';

/** A change to record in the audit trail; it is read back as the API's `AuditEvent`. */
export interface NewAuditEvent {
  accountId: string;
  actorId: string | null;
  /** One of the catalog's actions (src-shared/api/activity.ts), e.g. `invitation.accepted`. */
  action: AuditAction;
  subject?: string | null | undefined;
  detail?: Record<string, unknown>;
}

/** Every write records one, so it is compiled once (`db/compiled-queries.ts`). */
const AUDIT_EVENT = new CompiledStatement('audit event', (db, v: Slots<AuditEventRow>) => db.insertInto('audit_events').values(v));

/** Every change of access is recorded with who, when and on what (docs/ARCHITECTURE.md §9). */
export async function recordAudit(db: Kysely<Database>, now: Date, event: NewAuditEvent): Promise<void> {
  await AUDIT_EVENT.run(db, {
    id: newSortableId('aud'),
    account_id: event.accountId,
    actor_id: event.actorId,
    action: event.action,
    subject: event.subject ?? null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
    created_at: now.toISOString(),
  });
}

type AuditRow = AuditEventRow & { actor_name: string | null; actor_email: string | null };

function auditQuery(db: Kysely<Database>, accountId: string, since: string | undefined) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('users as actor', 'actor.id', 'audit_events.actor_id')
    .selectAll('audit_events')
    .select(['actor.name as actor_name', 'actor.email as actor_email'])
    .where('audit_events.account_id', '=', accountId)
    // Events recorded before the catalog was fixed are kept but not shown.
    .where('audit_events.action', 'in', [...AUDIT_ACTIONS]);
  if (since !== undefined) q = q.where('audit_events.created_at', '>=', since);
  return q;
}

function toEvent(row: AuditRow): AuditEvent {
  let details: Record<string, unknown> = {};
  try {
    const parsed = row.detail ? (JSON.parse(row.detail) as unknown) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
  } catch {
    details = {};
  }
  return {
    id: row.id,
    at: row.created_at,
    action: row.action as AuditAction,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '(deleted login)', email: row.actor_email ?? '' } : null,
    subject: row.subject,
    details,
  };
}

/** The audit trail of an account, newest first, for its owner and admins. `updatedSince` gives events since then. */
export async function listAudit(db: Kysely<Database>, actor: UserRow, accountId: string, query: ListQuery) {
  assertOwnerOrAdmin(await requireGrant(db, actor.id, accountId), 'read the audit trail');
  let q = auditQuery(db, accountId, sinceIso(query.updatedSince));
  if (query.cursor) {
    const [at, id] = decodePair(query.cursor);
    q = q.where((eb) => eb.or([eb('audit_events.created_at', '<', at), eb.and([eb('audit_events.created_at', '=', at), eb('audit_events.id', '<', id)])]));
  }
  const rows = await q
    .orderBy('audit_events.created_at', 'desc')
    .orderBy('audit_events.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (r) => [r.created_at, r.id], toEvent);
}

const CSV_COLUMNS = ['at', 'action', 'actor_name', 'actor_email', 'subject', 'details'] as const;

/**
 * The whole audit trail as CSV (RFC 4180, newest first). Cells that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR) are prefixed with a quote, so an email or name cannot inject one.
 */
export async function auditCsv(db: Kysely<Database>, actor: UserRow, accountId: string, updatedSince?: string): Promise<string> {
  assertOwnerOrAdmin(await requireGrant(db, actor.id, accountId), 'export the audit trail');
  const rows = await auditQuery(db, accountId, sinceIso(updatedSince)).orderBy('audit_events.created_at', 'desc').orderBy('audit_events.id', 'desc').execute();
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const e = toEvent(row);
    lines.push([e.at, e.action, e.actor?.name ?? '', e.actor?.email ?? '', e.subject ?? '', JSON.stringify(e.details)].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
