import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { newId } from './tokens.js';

export interface AuditEvent {
  accountId: string;
  actorId: string | null;
  /** e.g. `invitation.accepted`, `sso.link_created`, `sso.signed_in`. */
  action: string;
  subject?: string | null | undefined;
  detail?: Record<string, unknown>;
}

/** Every change of access is recorded with who, when and on what (DESIGN §2). */
export async function recordAudit(db: Kysely<Database>, now: Date, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId('aud'),
      account_id: event.accountId,
      actor_id: event.actorId,
      action: event.action,
      subject: event.subject ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
      created_at: now.toISOString(),
    })
    .execute();
}
