import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { effectivePermissions } from '../../src-shared/api/permissions.js';
import type { InvitationRow } from '../../src-shared/ipc/contract.js';
import { permissionKey } from '../accounts/access-summary.js';
import { Spinner } from '../shell/Spinner.js';
import { invitationKey, useInvitations } from './invitations-store.js';
import { timeLeft, timeLeftKey } from './time-left.js';

export function InvitationCard({ row, now }: { row: InvitationRow; now: Date }) {
  const { t } = useTranslation();
  const id = useId();
  const key = invitationKey(row);
  const answering = useInvitations((s) => s.answering[key]);
  const failure = useInvitations((s) => s.failures[key]);
  const answer = useInvitations((s) => s.answer);
  const pending = row.status === 'pending';
  const left = timeLeft(row.expiresAt, now);
  const account = row.account.name;
  const scoped = row.scope !== null && ((row.scope.services?.length ?? 0) > 0 || (row.scope.domains?.length ?? 0) > 0);

  return (
    <li className={`invitation${pending ? '' : ' invitation--done'}`} aria-labelledby={`${id}-h`}>
      <div className="invitation__body">
        <div className="invitation__title">
          <h3 id={`${id}-h`}>{account}</h3>
          <span className="muted">{t('invitations.atProvider', { provider: row.providerLabel })}</span>
          <span className={`role role--${row.role}`}>{t(`roles.${row.role}`)}</span>
        </div>
        <p className="invitation__meta">
          <span>{t('invitations.invitedBy', { name: row.invitedBy.name, email: row.invitedBy.email })}</span>
          {pending ? (
            <span className={`expiry${left.unit !== 'expired' && left.soon ? ' expiry--soon' : ''}`}>
              {t(timeLeftKey(left), left.unit === 'expired' ? {} : { count: left.count })}
            </span>
          ) : (
            <span className={`state state--${row.status}`}>{t(`invitations.status.${row.status}`)}</span>
          )}
        </p>
        {pending && (
          <>
            <ul className="chips" aria-label={t('invitations.permissionsLabel')}>
              {effectivePermissions(row.role, row.permissions).map((p) => (
                <li key={p} className="chip">
                  {t(permissionKey(p))}
                </li>
              ))}
            </ul>
            {scoped && <p className="muted small">{t('invitations.scoped')}</p>}
          </>
        )}
        <div role="alert">
          {failure && <p className="inline-error">{t('invitations.answerFailed', { account, message: failure })}</p>}
        </div>
      </div>
      {pending && (
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
            onClick={() => void answer(row, 'decline')}
          >
            {answering === 'decline' && <Spinner />}
            {answering === 'decline' ? t('invitations.declining') : t('invitations.decline')}
          </button>
        </div>
      )}
    </li>
  );
}
