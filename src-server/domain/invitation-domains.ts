/**
 * The email domains an owner allows invitations to (docs/ARCHITECTURE.md §5, §9 "Allowed invitation
 * domains"). No domain listed: anyone may be invited. The rule holds when an invitation is made
 * and again when it is accepted, so narrowing the list stops invitations already on their way.
 */
import type { Kysely } from 'kysely';
import { emailDomainAllowed, type AllowedInvitationDomains } from '../../src-shared/api/access-policy.js';
import type { Database, UserRow } from '../db/tables.js';
import { assertOwner, requireGrant } from './access.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';

export async function allowedDomainsOf(db: Kysely<Database>, accountId: string): Promise<string[]> {
  const rows = await db.selectFrom('invitation_domains').select('domain').where('account_id', '=', accountId).orderBy('domain').execute();
  return rows.map((r) => r.domain);
}

/** The account's allowed domains, for its owner. */
export async function getInvitationDomains(db: Kysely<Database>, actor: UserRow, accountId: string): Promise<AllowedInvitationDomains> {
  assertOwner(await requireGrant(db, actor.id, accountId), 'see which email domains invitations may go to');
  return { domains: await allowedDomainsOf(db, accountId) };
}

/** Replaces the list (owner only); the change is audited with the lists before and after. */
export async function putInvitationDomains(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  input: AllowedInvitationDomains,
): Promise<AllowedInvitationDomains> {
  const now = ctx.clock();
  assertOwner(await requireGrant(ctx.db, actor.id, accountId), 'choose which email domains invitations may go to');
  const next = [...new Set(input.domains)].sort();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await allowedDomainsOf(trx, accountId);
    if (before.join(',') === next.join(',')) return;
    await trx.deleteFrom('invitation_domains').where('account_id', '=', accountId).execute();
    if (next.length > 0) {
      await trx
        .insertInto('invitation_domains')
        .values(next.map((domain) => ({ account_id: accountId, domain, created_at: now.toISOString() })))
        .execute();
    }
    await recordAudit(trx, now, { accountId, actorId: actor.id, action: 'invitation_domains.updated', detail: { before, after: next } });
  });
  return { domains: next };
}

/** Refuses an invitee whose email is outside the account's allowed domains, naming them. */
export async function assertEmailDomainAllowed(db: Kysely<Database>, accountId: string, email: string, moment: 'invite' | 'accept'): Promise<void> {
  const domains = await allowedDomainsOf(db, accountId);
  if (emailDomainAllowed(email, domains)) return;
  const list = domains.join(', ');
  throw new ClientAreaError(
    'email_domain_not_allowed',
    403,
    moment === 'invite'
      ? `This account accepts invitations only to emails at ${list}. Invite an address at one of these domains, or ask the owner to allow this one.`
      : `This account now accepts people only with an email at ${list}, so this invitation can no longer be accepted with your login. Ask the owner to allow your domain.`,
  );
}
