import { useTranslation } from 'react-i18next';
import { connectionName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { useQueue, waitingCount } from '../queue/queue-store.js';
import { useNavigation } from '../navigation/navigation-store.js';

/**
 * Says when providers cannot be reached and how many answers wait in the offline queue; and
 * which connections need the user (sign in again, a failed sync to retry).
 */
export function OfflineBanner() {
  const { t } = useTranslation();
  const connections = useConnections((s) => s.connections);
  const statuses = useConnections((s) => s.syncStatuses);
  const syncNow = useConnections((s) => s.syncNow);
  const waiting = useQueue((s) => waitingCount(s.actions));
  const go = useNavigation((s) => s.go);

  const offline = connections.filter((c) => statuses[c.id]?.state === 'offline');
  const signIn = connections.filter((c) => statuses[c.id]?.state === 'needs_sign_in');
  const failed = connections.filter((c) => statuses[c.id]?.state === 'error');

  return (
    <div className="notices">
      <div role="status">
        {offline.length > 0 ? (
          <div className="banner banner--warn banner--bar">
            <span>
              <strong>{t('offline.heading', { count: offline.length, labels: offline.map((c) => connectionName(c, t)).join(', ') })}</strong>{' '}
              {waiting > 0 ? t('offline.queued', { count: waiting }) : t('offline.noneQueued')}
            </span>
            <button type="button" className="btn btn--small" onClick={() => void syncNow()}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          waiting > 0 && (
            <div className="banner banner--info banner--bar">
              <span>{t('offline.sending', { count: waiting })}</span>
            </div>
          )
        )}
      </div>
      {signIn.map((c) => (
        <div key={c.id} className="banner banner--warn banner--bar" role="alert">
          <span>{t('offline.needsSignIn', { label: connectionName(c, t) })}</span>
          <button type="button" className="btn btn--small" onClick={() => go('connections')}>
            {t('connections.signInAgain')}
          </button>
        </div>
      ))}
      {failed.map((c) => (
        <div key={c.id} className="banner banner--error banner--bar" role="alert">
          <span>{t('offline.syncFailed', { label: connectionName(c, t), message: statuses[c.id]?.message ?? '' })}</span>
          <button
            type="button"
            className="btn btn--small"
            onClick={() => void syncNow(c.id)}
            aria-label={t('connections.syncFor', { label: connectionName(c, t) })}
          >
            {t('common.retry')}
          </button>
        </div>
      ))}
    </div>
  );
}
