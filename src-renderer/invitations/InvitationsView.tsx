import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../shell/ErrorBanner.js';
import { useNavigation } from '../shell/navigation-store.js';
import { Spinner } from '../shell/Spinner.js';
import { useNow } from '../shell/use-now.js';
import { ViewHeading } from '../shell/ViewHeading.js';
import { InvitationCard } from './InvitationCard.js';
import { invitationKey, useInvitations } from './invitations-store.js';

export function InvitationsView() {
  const { t } = useTranslation();
  const status = useInvitations((s) => s.status);
  const rows = useInvitations((s) => s.rows);
  const error = useInvitations((s) => s.error);
  const load = useInvitations((s) => s.load);
  const lastOutcome = useInvitations((s) => s.lastOutcome);
  const go = useNavigation((s) => s.go);
  const now = useNow();

  const byExpiry = [...rows].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const pending = byExpiry.filter((r) => r.status === 'pending');
  const earlier = rows.filter((r) => r.status !== 'pending').sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <div className="view view--scroll">
      <div className="view__header">
        <ViewHeading>{t('invitations.heading')}</ViewHeading>
        <p className="muted">{t('invitations.intro')}</p>
      </div>
      <div role="status" className="outcome-region">
        {lastOutcome && (
          <div className="banner banner--ok">
            <span>{t(`invitations.${lastOutcome.kind}`, { account: lastOutcome.account })}</span>
            {lastOutcome.kind === 'accepted' && (
              <button type="button" className="btn btn--small" onClick={() => go('accounts')}>
                {t('invitations.viewAccounts')}
              </button>
            )}
          </div>
        )}
      </div>
      {error && <ErrorBanner title={t('invitations.loadFailed')} message={error} onRetry={() => void load()} />}
      {status === 'loading' || status === 'idle' ? (
        <p className="placeholder" role="status">
          <Spinner /> {t('invitations.loading')}
        </p>
      ) : status === 'error' ? null : (
        <>
          {pending.length === 0 ? (
            <div className="empty-state">
              <h3>{t('invitations.emptyHeading')}</h3>
              <p>{t('invitations.emptyText')}</p>
            </div>
          ) : (
            <ul className="invitation-list" aria-label={t('invitations.listLabel')}>
              {pending.map((row) => (
                <InvitationCard key={invitationKey(row)} row={row} now={now} />
              ))}
            </ul>
          )}
          {earlier.length > 0 && (
            <section className="earlier" aria-labelledby="earlier-h">
              <h3 id="earlier-h" className="section-title">
                {t('invitations.earlier')}
              </h3>
              <ul className="invitation-list invitation-list--compact">
                {earlier.map((row) => (
                  <InvitationCard key={invitationKey(row)} row={row} now={now} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
