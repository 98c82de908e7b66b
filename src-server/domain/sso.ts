import type { Kysely } from 'kysely';
import type { SsoLink } from '../../src-shared/api/sso.js';
import { SETTINGS } from '../config/settings.js';
import type { Database, UserRow } from '../db/tables.js';
import { requireGrant } from './access.js';
import { recordAudit } from './audit.js';
import { addSeconds } from './clock.js';
import { findMembership } from './memberships.js';
import { hashToken, newToken } from './tokens.js';
import { findUserById } from './users.js';

/** A one-time link (≤ 60 s) that signs this user into the panel of this account only. */
export async function createSsoLink(db: Kysely<Database>, now: Date, user: UserRow, accountId: string, baseUrl: string): Promise<SsoLink> {
  // The grant, checked as every action is: the account's two-factor policy applies to the panel too.
  await requireGrant(db, user.id, accountId);
  return mintLink(
    db,
    now,
    { userId: user.id, accountId, impersonatorId: null, audit: { actorId: user.id, action: 'sso.link_created', subject: user.email } },
    baseUrl,
  );
}

interface LinkSpec {
  userId: string;
  accountId: string;
  impersonatorId: string | null;
  audit: { actorId: string; action: 'sso.link_created' | 'impersonation.started'; subject: string };
}

/** Stores a one-time SSO token (as its hash) and audits it; shared by SSO and view-as links. */
export async function mintLink(db: Kysely<Database>, now: Date, spec: LinkSpec, baseUrl: string): Promise<SsoLink> {
  const token = newToken('cds');
  const expiresAt = addSeconds(now, SETTINGS.ssoLinkSeconds).toISOString();
  await db
    .insertInto('sso_tokens')
    .values({
      token_hash: hashToken(token),
      user_id: spec.userId,
      account_id: spec.accountId,
      expires_at: expiresAt,
      used_at: null,
      created_at: now.toISOString(),
      impersonator_id: spec.impersonatorId,
    })
    .execute();
  await recordAudit(db, now, {
    accountId: spec.accountId,
    actorId: spec.audit.actorId,
    action: spec.audit.action,
    subject: spec.audit.subject,
    detail: spec.impersonatorId ? { viewedUserId: spec.userId, readOnly: true } : {},
  });
  return { url: `${baseUrl}/panel/sso/${token}`, expiresAt };
}

export type SsoOutcome =
  | { ok: true; userId: string; accountId: string; panelToken: string; impersonatorId: string | null }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'no_access' };

/**
 * Consumes an SSO token and opens a panel session bound to its account. The token is marked used
 * by a conditional update, so two requests racing with the same link cannot both get in. A view-as
 * link opens a read-only session marked with the owner who looks, while that owner still owns it.
 */
export async function consumeSsoToken(db: Kysely<Database>, now: Date, token: string): Promise<SsoOutcome> {
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx): Promise<SsoOutcome> => {
    const row = await trx.selectFrom('sso_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.used_at !== null) return { ok: false, reason: 'used' };
    const claimed = await trx
      .updateTable('sso_tokens')
      .set({ used_at: nowIso })
      .where('token_hash', '=', row.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
    if (row.expires_at <= nowIso) return { ok: false, reason: 'expired' };
    // Access may have been revoked since the link was made; it takes effect at once.
    if (!(await findMembership(trx, row.user_id, row.account_id))) return { ok: false, reason: 'no_access' };
    if (row.impersonator_id !== null && (await findMembership(trx, row.impersonator_id, row.account_id))?.role !== 'owner') {
      return { ok: false, reason: 'no_access' };
    }
    const panelToken = newToken('cdp');
    await trx
      .insertInto('panel_sessions')
      .values({
        token_hash: hashToken(panelToken),
        user_id: row.user_id,
        expires_at: addSeconds(now, SETTINGS.panelSessionSeconds).toISOString(),
        created_at: nowIso,
        account_id: row.account_id,
        impersonator_id: row.impersonator_id,
      })
      .execute();
    await recordAudit(trx, now, {
      accountId: row.account_id,
      actorId: row.impersonator_id ?? row.user_id,
      action: 'sso.link_used',
      detail: row.impersonator_id ? { viewedUserId: row.user_id, readOnly: true } : {},
    });
    return { ok: true, userId: row.user_id, accountId: row.account_id, panelToken, impersonatorId: row.impersonator_id };
  });
}

export interface PanelSessionInfo {
  user: UserRow;
  /** The account an SSO or view-as link opened the session for (null for a panel sign-in). */
  accountId: string | null;
  /** Set on view-as sessions: the owner looking at the panel as `user`. Such sessions are read-only. */
  impersonator: UserRow | null;
  readOnly: boolean;
}

/**
 * Everything the panel needs to know about a cookie: whose pages to show, and whether this is a
 * view-as session (read-only, with a banner naming the owner). A view-as session ends as soon as
 * its owner no longer owns the account or the viewed user lost access.
 */
export async function describePanelSession(db: Kysely<Database>, now: Date, panelToken: string | undefined): Promise<PanelSessionInfo | undefined> {
  if (!panelToken) return undefined;
  const row = await db
    .selectFrom('panel_sessions')
    .selectAll()
    .where('token_hash', '=', hashToken(panelToken))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  const user = await findUserById(db, row.user_id);
  if (!user || user.status !== 'active') return undefined;
  if (row.impersonator_id === null) return { user, accountId: row.account_id, impersonator: null, readOnly: false };
  const impersonator = await findUserById(db, row.impersonator_id);
  if (!impersonator || impersonator.status !== 'active' || row.account_id === null) return undefined;
  if ((await findMembership(db, impersonator.id, row.account_id))?.role !== 'owner') return undefined;
  if (!(await findMembership(db, user.id, row.account_id))) return undefined;
  return { user, accountId: row.account_id, impersonator, readOnly: true };
}

/** True when the cookie belongs to a view-as (impersonation) session: the panel must refuse every write. */
export async function isViewAsSession(db: Kysely<Database>, now: Date, panelToken: string | undefined): Promise<boolean> {
  return (await describePanelSession(db, now, panelToken))?.impersonator != null;
}
