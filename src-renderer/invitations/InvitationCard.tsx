import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import { PermissionChips } from '../accounts/PermissionChips.js';
import { Spinner } from '../kit/Spinner.js';
import { DeclineDialog } from './DeclineDialog.js';
import { QueuedAnswer } from './QueuedAnswer.js';
import { useProviderName } from './use-provider-name.js';
import { invitationKey, isAnswerable, useInvitations } from './invitations-store.js';
import { timeLeft, timeLeftKey } from './time-left.js';

interface Props {
  row: ListedInvitation;
  now: Date;
  /** Brought into view and focused (deep link, palette). */
  focused?: boolean;
}

export function InvitationCard({ row, now, focused = false }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const key = invitationKey(row);
  const answering = useInvitations((s) => s.answering[key]);
  const failure = useInvitations((s) => s.failures[key]);
  const answer = useInvitations((s) => s.answer);
  const dismissAnswer = useInvitations((s) => s.dismissAnswer);
  const answerable = isAnswerable(row, now);
  const left = timeLeft(row.expiresAt, now);
  const expired = row.status === 'expired' || (row.status === 'pending' && left.unit === 'expired');
  const account = row.account.name;
  const scoped = row.scope !== null && ((row.scope.services?.length ?? 0) > 0 || (row.scope.domains?.length ?? 0) > 0);
  const queued = row.pendingAnswer;
  const provider = useProviderName(row);
  const [confirmingDecline, setConfirmingDecline] = useState(false);

  useEffect(() => {
    if (!focused) return;
    headingRef.current?.scrollIntoView({ block: 'center' });
    headingRef.current?.focus({ preventScroll: true });
  }, [focused]);

  return (
    <li className={`invitation${answerable || queued ? '' : ' invitation--done'}${focused ? ' invitation--focused' : ''}`} aria-labelledby={`${id}-h`}>
      <div className="invitation__body">
        <div className="invitation__title">
          <h3 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
            {account}
          </h3>
          <span className="muted">{t('invitations.atProvider', { provider })}</span>
          <span className={`role role--${row.role}`}>{t(`roles.${row.role}`)}</span>
        </div>
        <p className="invitation__meta">
          <span>{t('invitations.invitedBy', { name: row.invitedBy.name, email: row.invitedBy.email })}</span>
          {expired ? (
            <span className="state state--expired">{t('invitations.expired')}</span>
          ) : row.status === 'pending' ? (
            <span className={`expiry${left.unit !== 'expired' && left.soon ? ' expiry--soon' : ''}`}>
              {t(timeLeftKey(left), left.unit === 'expired' ? {} : { count: left.count })}
            </span>
          ) : (
            <span className={`state state--${row.status}`}>{t(`invitations.status.${row.status}`)}</span>
          )}
        </p>
        {(answerable || queued) && row.status === 'pending' && (
          <>
            <PermissionChips role={row.role} permissions={row.permissions} />
            {scoped && <p className="muted small">{t('invitations.scoped')}</p>}
          </>
        )}
        {queued && <QueuedAnswer action={queued} row={row} onDismiss={() => void dismissAnswer(row)} />}
        <div role="alert">{failure && <p className="inline-error">{t('invitations.answerFailed', { account, message: failure })}</p>}</div>
      </div>
      {answerable && (
        <div className="invitation__actions">
          <button
            type="button"
            className="btn btn--primary"
            aria-label={t('invitations.acceptFor', { account })}
            disabled={answering !== undefined}
            aria-busy={answering === 'accept'}
            onClick={() => void answer(row, 'accept')}
          >
            {answering === 'accept' && <Spinner />}
            {answering === 'accept' ? t('invitations.accepting') : t('invitations.accept')}
          </button>
          <button
            type="button"
            className="btn"
            aria-label={t('invitations.declineFor', { account })}
            disabled={answering !== undefined}
            aria-busy={answering === 'decline'}
            onClick={() => setConfirmingDecline(true)}
          >
            {answering === 'decline' && <Spinner />}
            {answering === 'decline' ? t('invitations.declining') : t('invitations.decline')}
          </button>
        </div>
      )}
      {confirmingDecline && <DeclineDialog row={row} onClose={() => setConfirmingDecline(false)} />}
    </li>
  );
}
