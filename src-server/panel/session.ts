import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { SessionRequest } from '../../src-shared/api/session.js';
import { SETTINGS } from '../config/settings.js';
import type { Database, UserRow } from '../db/tables.js';
import { addSeconds } from '../domain/clock.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { checkCredentials } from '../domain/sessions.js';
import { describePanelSession } from '../domain/sso.js';
import { hashToken, newToken } from '../domain/tokens.js';
import { readCookie } from './responses.js';

/** A signed-in panel visitor. `viewer` is who the pages show; `impersonator` is set on view-as sessions. */
export interface PanelSession {
  token: string;
  viewer: UserRow;
  impersonator: UserRow | null;
  /** The account an SSO or view-as link opened the session for; a view-as session shows only that one. */
  accountId: string | null;
}

/**
 * The panel session behind the request's cookie, checked on every request: an expired session,
 * a disabled login, a revoked grant or an owner who no longer owns the account (view-as) takes
 * effect on the next page load.
 */
export async function currentSession(ctx: ClientAreaContext, request: FastifyRequest): Promise<PanelSession | undefined> {
  const token = readCookie(request, SETTINGS.panelCookie);
  const info = await describePanelSession(ctx.db, ctx.clock(), token);
  if (!info || !token) return undefined;
  return { token, viewer: info.user, impersonator: info.impersonator, accountId: info.accountId };
}

/** Opens a panel session for a user and returns the cookie value (stored only as its hash). */
export async function openPanelSession(db: Kysely<Database>, now: Date, userId: string): Promise<string> {
  const token = newToken('cdp');
  await db
    .insertInto('panel_sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      expires_at: addSeconds(now, SETTINGS.panelSessionSeconds).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

export async function closePanelSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('panel_sessions').where('token_hash', '=', hashToken(token)).execute();
}

export type PasswordCheck = { ok: true; user: UserRow } | { ok: false; status: number; message: string; retryAfter?: number };

/**
 * The panel's sign-in: the same rules as `POST /api/v1/session` (rate limit per email and address,
 * a decoy hash for unknown emails, activated logins only), ending in a panel session instead of tokens.
 */
export async function checkPassword(ctx: ClientAreaContext, emailInput: string, password: string, ip: string): Promise<PasswordCheck> {
  const parsed = SessionRequest.safeParse({ email: emailInput, password });
  if (!parsed.success) return { ok: false, status: 400, message: 'Enter your email address and your password.' };
  const { email } = parsed.data;
  try {
    return { ok: true, user: await checkCredentials(ctx, email, password, ip) };
  } catch (error) {
    if (!(error instanceof ClientAreaError)) throw error;
    const retryAfter = Number(error.headers['retry-after'] ?? 0);
    return { ok: false, status: error.status, message: error.message, ...(retryAfter > 0 ? { retryAfter } : {}) };
  }
}
