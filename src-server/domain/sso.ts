import type { Kysely } from 'kysely';
import type { SsoLink } from '../../src-shared/api/schemas.js';
import { SETTINGS } from '../config/settings.js';
import type { Database, UserRow } from '../db/tables.js';
import { recordAudit } from './audit.js';
import { addSeconds } from './clock.js';
import { notFound } from './errors.js';
import { findMembership } from './memberships.js';
import { hashToken, newToken } from './tokens.js';

/** A one-time link (≤ 60 s) that signs this user into the panel of this account only. */
export async function createSsoLink(db: Kysely<Database>, now: Date, user: UserRow, accountId: string, baseUrl: string): Promise<SsoLink> {
  if (!(await findMembership(db, user.id, accountId))) throw notFound('The account');
  const token = newToken('cds');
  const expiresAt = addSeconds(now, SETTINGS.ssoLinkSeconds).toISOString();
  await db
    .insertInto('sso_tokens')
    .values({ token_hash: hashToken(token), user_id: user.id, account_id: accountId, expires_at: expiresAt, used_at: null, created_at: now.toISOString() })
    .execute();
  await recordAudit(db, now, { accountId, actorId: user.id, action: 'sso.link_created', subject: user.email });
  return { url: `${baseUrl}/panel/sso/${token}`, expiresAt };
}

export type SsoOutcome =
  | { ok: true; userId: string; accountId: string; panelToken: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'no_access' };

/**
 * Consumes an SSO token and opens a panel session. The token is marked used by a conditional
 * update, so two requests racing with the same link cannot both get in.
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
    const panelToken = newToken('cdp');
    await trx
      .insertInto('panel_sessions')
      .values({
        token_hash: hashToken(panelToken),
        user_id: row.user_id,
        expires_at: addSeconds(now, SETTINGS.panelSessionSeconds).toISOString(),
        created_at: nowIso,
      })
      .execute();
    await recordAudit(trx, now, { accountId: row.account_id, actorId: row.user_id, action: 'sso.signed_in' });
    return { ok: true, userId: row.user_id, accountId: row.account_id, panelToken };
  });
}

/** The user behind a panel cookie, if the panel session is still valid. */
export async function panelUser(db: Kysely<Database>, now: Date, panelToken: string | undefined): Promise<UserRow | undefined> {
  if (!panelToken) return undefined;
  return db
    .selectFrom('panel_sessions')
    .innerJoin('users', 'users.id', 'panel_sessions.user_id')
    .selectAll('users')
    .where('panel_sessions.token_hash', '=', hashToken(panelToken))
    .where('panel_sessions.expires_at', '>', now.toISOString())
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}
