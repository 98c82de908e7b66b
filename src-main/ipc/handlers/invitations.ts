import type { invitationsChannels } from '../../../src-shared/ipc/channels/invitations.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

export function createInvitationsHandlers({ answers }: HandlerDeps): Pick<IpcHandlers, keyof typeof invitationsChannels> {
  return {
    'invitations.list': async () => answers.rows(),

    'invitations.answer': async ({ connectionId, invitationId, answer }) => answers.answer(connectionId, invitationId, answer),

    'invitations.acceptLink': async ({ connectionId, link }) => answers.answerLink(connectionId, link),
  };
}
