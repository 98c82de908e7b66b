import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutgoingInvitation } from '../../src-shared/api/team.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { errorSentence } from '../bridge/invoke.js';
import { AccessText } from '../accounts/AccessText.js';
import { timeLeft, timeLeftKey } from '../invitations/time-left.js';
import { EmptyState } from '../kit/EmptyState.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { formatDate } from '../kit/relative-time.js';
import { Skeleton } from '../kit/Skeleton.js';
import { Spinner } from '../kit/Spinner.js';
import { useNow } from '../kit/use-now.js';
import { useAudit } from './audit-store.js';
import { AccessEndText, ExtendDialog } from './AccessEnd.js';
import { useAccessPolicy } from './access-end.js';
import { InviteForm } from './InviteForm.js';
import { useTeam } from './team-store.js';

/** The invite form, and the invitations this account sent: time left, resend, cancel. */
export function InvitationsPanel({ row, focusForm = false }: { row: ListedAccount; focusForm?: boolean }) {
  const { t } = useTranslation();
  const status = useTeam((s) => s.status);
  const team = useTeam((s) => s.team);
  const error = useTeam((s) => s.error);
  const reload = useTeam((s) => s.reload);
  const [showAll, setShowAll] = useState(false);
  const now = useNow(30_000);

  const invitations = [...(team?.invitations ?? [])].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  const open = invitations.filter((i) => i.status === 'pending' || i.status === 'expired');
  const shown = showAll ? invitations : open;

  return (
    <div className="split">
      <InviteForm row={row} focused={focusForm} />
      <section aria-labelledby="out-h" className="outgoing">
        <div className="section-head">
          <h3 id="out-h" className="section-title">
            {t('team.outgoingHeading')}
          </h3>
          {invitations.length > open.length && (
            <label className="check">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
              <span>{t('team.showAnswered', { count: invitations.length - open.length })}</span>
            </label>
          )}
        </div>
        {error && <ErrorBanner title={t('team.loadFailed')} message={error} onRetry={() => void reload()} />}
        {status === 'loading' ? (
          <Skeleton label={t('team.loading')} rows={3} variant="cards" />
        ) : shown.length === 0 ? (
          <EmptyState heading={t('team.noOutgoingHeading')} level={4}>
            <p>{t('team.noOutgoingText')}</p>
          </EmptyState>
        ) : (
          <ul className="outgoing__list" aria-labelledby="out-h">
            {shown.map((inv) => (
              <OutgoingItem key={inv.id} invitation={inv} now={now} row={row} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function OutgoingItem({ invitation, now, row }: { invitation: OutgoingInvitation; now: Date; row: ListedAccount }) {
  const { t, i18n } = useTranslation();
  const resend = useTeam((s) => s.resend);
  const cancel = useTeam((s) => s.cancel);
  const setAccessEnd = useTeam((s) => s.setInvitationAccessEnd);
  const policy = useAccessPolicy(row);
  const [extending, setExtending] = useState(false);
  const [busy, setBusy] = useState<'resend' | 'cancel' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const who = invitation.email ?? t('team.customerNumberShort', { number: invitation.customerNumber ?? '' });
  const left = timeLeft(invitation.expiresAt, now);
  const expired = invitation.status === 'expired' || (invitation.status === 'pending' && left.unit === 'expired');
  const canAct = invitation.status === 'pending' || invitation.status === 'expired';

  async function act(kind: 'resend' | 'cancel') {
    setBusy(kind);
    setError(null);
    setDone(null);
    try {
      if (kind === 'resend') await resend(invitation.id);
      else await cancel(invitation.id);
      setDone(t(kind === 'resend' ? 'team.resent' : 'team.cancelled', { who }));
      void useAudit.getState().load({ connectionId: row.connectionId, accountId: row.id });
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <li className="outgoing__item" aria-label={who}>
      <div className="outgoing__main">
        <span className="outgoing__who">{who}</span>
        <span className="muted small">
          <span className={`role role--${invitation.role}`}>{t(`roles.${invitation.role}`)}</span> <AccessText row={invitation} />
        </span>
        <span className="muted small">
          {t('team.sentOn', { date: formatDate(invitation.sentAt, i18n.language), name: invitation.invitedBy.name })}
          {' · '}
          {expired ? (
            <span className="state state--expired">{t('invitations.expired')}</span>
          ) : invitation.status === 'pending' ? (
            <span className={left.unit !== 'expired' && left.soon ? 'expiry--soon' : ''}>
              {t(timeLeftKey(left), left.unit === 'expired' ? {} : { count: left.count })}
            </span>
          ) : (
            <span className={`state state--${invitation.status}`}>{t(`invitations.status.${invitation.status}`)}</span>
          )}
        </span>
        {invitation.accessExpiresAt && invitation.status === 'pending' && (
          <span className="small">
            <AccessEndText expiresAt={invitation.accessExpiresAt} now={now} />
          </span>
        )}
        <div role="status">{done && <span className="inline-ok small">{done}</span>}</div>
        <div role="alert">{error && <span className="inline-error small">{error}</span>}</div>
      </div>
      {canAct && (
        <div className="outgoing__actions">
          <button
            type="button"
            className="btn btn--small"
            disabled={busy !== null}
            aria-busy={busy === 'resend'}
            aria-label={t('team.resendFor', { who })}
            onClick={() => void act('resend')}
          >
            {busy === 'resend' && <Spinner />}
            {t('team.resend')}
          </button>
          {invitation.status === 'pending' && policy.ends && invitation.accessExpiresAt && (
            <button
              type="button"
              className="btn btn--small"
              disabled={busy !== null}
              aria-label={t('expiry.extendFor', { who })}
              onClick={() => setExtending(true)}
            >
              {t('expiry.extend')}
            </button>
          )}
          {invitation.status === 'pending' && (
            <button
              type="button"
              className="btn btn--small btn--danger-outline"
              disabled={busy !== null}
              aria-busy={busy === 'cancel'}
              aria-label={t('team.cancelFor', { who })}
              onClick={() => void act('cancel')}
            >
              {busy === 'cancel' && <Spinner />}
              {t('team.cancelInvitation')}
            </button>
          )}
        </div>
      )}
      {extending && invitation.accessExpiresAt && (
        <ExtendDialog
          who={who}
          accountName={row.name}
          expiresAt={invitation.accessExpiresAt}
          onClose={() => setExtending(false)}
          onExtend={async (expiresAt) => {
            await setAccessEnd(invitation.id, expiresAt);
            setDone(t('expiry.extended', { who, date: formatDate(expiresAt, i18n.language, true) }));
            setExtending(false);
            void useAudit.getState().load({ connectionId: row.connectionId, accountId: row.id });
          }}
        />
      )}
    </li>
  );
}
