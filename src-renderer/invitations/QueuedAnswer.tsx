import { useTranslation } from 'react-i18next';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import { Spinner } from '../kit/Spinner.js';
import { useProviderName } from './use-provider-name.js';

/** What an answer line names: the invitation's account and its connection. */
export type AnsweredRow = Pick<ListedInvitation, 'connectionId' | 'providerLabel'> & { account: { name: string } };

/** An answer given while offline: "Queued" until it is sent, then what the provider made of it. */
export function QueuedAnswer({ action, row, onDismiss }: { action: QueuedAction; row: AnsweredRow; onDismiss(): void }) {
  const { t } = useTranslation();
  const answerText = t(action.answer === 'decline' ? 'invitations.decline' : 'invitations.accept');
  const values = { answer: answerText, provider: useProviderName(row), account: row.account.name };
  return (
    <div className={`queued queued--${action.state}`}>
      {action.state === 'queued' && (
        <>
          <span className="state state--queued">{t('queue.queued')}</span>
          <span>{t('queue.queuedText', values)}</span>
        </>
      )}
      {action.state === 'sending' && (
        <>
          <span className="state state--queued">
            <Spinner /> {t('queue.sending')}
          </span>
          <span>{t('queue.sendingText', values)}</span>
        </>
      )}
      {action.state === 'done' && (
        <>
          <span className="state state--accepted">{t(action.answer === 'decline' ? 'queue.doneDeclined' : 'queue.doneAccepted')}</span>
          <span>{t('queue.doneText', values)}</span>
        </>
      )}
      {action.state === 'rejected' && (
        <>
          <span className="state state--rejected">{t('queue.rejected')}</span>
          <span>{t('queue.rejectedText', { ...values, reason: action.reason ?? t('queue.noReason') })}</span>
          <button type="button" className="btn btn--small" onClick={onDismiss} aria-label={t('queue.dismissFor', { account: row.account.name })}>
            {t('common.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
