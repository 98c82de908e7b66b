import type { InvitationAnswerResponse } from '../../src-shared/api/invitations.js';
import type { OutgoingInvitation } from '../../src-shared/api/team.js';
import type { Connector } from '../connectors/connector.js';
import type { StoredAction } from './queue-schema.js';

/** What the provider answered to a queued action that went through. */
export type SentOutcome =
  | { kind: 'invitation.answer'; answer: InvitationAnswerResponse }
  | { kind: 'team.invite'; invitation: OutgoingInvitation }
  | { kind: 'team.revoke' }
  | { kind: 'team.cancelInvitation'; invitation: OutgoingInvitation };

/** Why an action cannot be sent at all (so it is refused at once instead of held forever). */
export function unsendable(connector: Connector, action: StoredAction): { reasonCode: string; reason: string } | null {
  if (action.kind === 'invitation.answer') {
    return action.invitationId && action.answer ? null : unknownAction();
  }
  if (!action.write || !action.accountId || action.write.kind !== action.kind) return unknownAction();
  if (!connector.team) {
    return { reasonCode: 'capability_missing', reason: 'This provider no longer lets Clientdeck manage who has access to its accounts.' };
  }
  return null;
}

/**
 * Sends one queued action with its stored idempotency key: the same key on every attempt, so a
 * send repeated after a crash or a lost answer is applied once by the provider.
 * Call only for an action `unsendable` accepted.
 */
export async function sendAction(connector: Connector, action: StoredAction): Promise<SentOutcome> {
  const key = { idempotencyKey: action.idempotencyKey };
  const write = action.write;
  if (action.kind === 'invitation.answer' || !write || !connector.team || !action.accountId) {
    return { kind: 'invitation.answer', answer: await connector.answerInvitation(action.invitationId!, action.answer!, action.idempotencyKey) };
  }
  if (write.kind === 'team.invite') {
    return { kind: 'team.invite', invitation: await connector.team.invite(action.accountId, write.invitation, key) };
  }
  if (write.kind === 'team.cancelInvitation') {
    return { kind: 'team.cancelInvitation', invitation: await connector.team.cancelInvitation(action.accountId, write.invitationId, key) };
  }
  await connector.team.revokeUser(action.accountId, write.userId, key);
  return { kind: 'team.revoke' };
}

function unknownAction() {
  return { reasonCode: 'unsupported_action', reason: 'Clientdeck does not know how to send this action.' };
}
