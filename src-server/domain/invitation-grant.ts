/**
 * Moving when the access an invitation offers ends, while it waits for an answer (docs/ARCHITECTURE.md
 * §5 "Expiring access"): the same people who may resend it may, and only to an end still ahead.
 */
import type { OutgoingInvitation, UpdateInvitationGrant } from '../../src-shared/api/team.js';
import type { UserRow } from '../db/tables.js';
import { assertCanGrant } from './access.js';
import { assertFutureExpiry, storedInstant } from './access-expiry.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import { effectiveStatus } from './invitations.js';
import { parsePermissions } from './memberships.js';
import { ANSWERED_OR_CANCELLED, getOutgoing, requireManagedInvitation, updatePendingInvitation } from './outgoing-invitations.js';

export async function updateInvitationGrant(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  invitationId: string,
  input: UpdateInvitationGrant,
): Promise<OutgoingInvitation> {
  const now = ctx.clock();
  const { grant, row } = await requireManagedInvitation(ctx.db, actor, accountId, invitationId);
  if (effectiveStatus(row, now) !== 'pending') {
    throw new ClientAreaError(
      'invitation_not_pending',
      409,
      `This invitation is ${effectiveStatus(row, now)}; only a pending one can change. Change the user's access on the account instead.`,
    );
  }
  assertCanGrant(grant, parsePermissions(row.permissions), 'offer');
  assertFutureExpiry(now, input.accessExpiresAt);
  const after = storedInstant(input.accessExpiresAt);
  await ctx.db.transaction().execute(async (trx) => {
    await updatePendingInvitation(trx, row.id, { access_expires_at: after, updated_at: now.toISOString() }, ANSWERED_OR_CANCELLED);
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'access.extended',
      subject: row.email ?? row.customer_number,
      detail: { invitationId: row.id, before: row.access_expires_at, after },
    });
  });
  return getOutgoing(ctx.db, now, accountId, invitationId);
}
