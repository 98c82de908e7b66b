import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnections } from '../connections/connections-store.js';
import { useSubmit } from '../kit/use-submit.js';
import { linkTarget } from './invitation-link.js';
import { useInvitations } from './invitations-store.js';

/**
 * The state of "accept from a link", shared by the form (typed or pasted) and the view (dropped),
 * so a drop goes through the same checks, busy flag and error line as a submit.
 */
export function useLinkAcceptance() {
  const { t } = useTranslation();
  const [link, setLink] = useState('');
  const connections = useConnections((s) => s.connections);
  const acceptLink = useInvitations((s) => s.acceptLink);
  const submission = useSubmit({ describeError: (message) => t('invitations.link.failed', { message }) });

  async function accept(text: string): Promise<void> {
    setLink(text);
    if (submission.busy) return;
    const target = linkTarget(text, connections);
    if ('refusal' in target) {
      submission.setError(t(`invitations.link.${target.refusal}`));
      return;
    }
    await submission.submit(async () => {
      await acceptLink(target.connectionId, target.link);
      setLink('');
    });
  }

  return { link, setLink, busy: submission.busy, error: submission.error, accept };
}

export type LinkAcceptance = ReturnType<typeof useLinkAcceptance>;
