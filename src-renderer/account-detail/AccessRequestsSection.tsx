import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessRequest } from '../../src-shared/api/access-requests.js';
import type { Permission } from '../../src-shared/api/permissions.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { useConnections } from '../connections/connections-store.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { formatDate } from '../kit/relative-time.js';
import { Spinner } from '../kit/Spinner.js';
import { useSubmit } from '../kit/use-submit.js';
import { useAccountRequests } from './account-requests-store.js';
import { PermissionChecklist } from './PermissionChecklist.js';
import { useTeam } from './team-store.js';

/**
 * People's "Access requests": who asks for access to this account (or, by customer number, to one
 * of the owner's accounts), in their words; the owner unticks what not to give, then approves or
 * declines. A connection whose provider takes no requests says so in one line.
 */
export function AccessRequestsSection({ row }: { row: ListedAccount }) {
  const { t } = useTranslation();
  const connection = useConnections((s) => s.connections.find((c) => c.id === row.connectionId));
  const capable = connection?.capabilities.includes('access_requests') ?? false;
  const requests = useAccountRequests((s) => s.requests);
  const error = useAccountRequests((s) => s.error);
  const load = useAccountRequests((s) => s.load);

  useEffect(() => {
    if (capable) void load({ connectionId: row.connectionId, accountId: row.id });
  }, [capable, load, row.connectionId, row.id]);

  if (!capable) {
    return <p className="muted small">{t('accessRequests.notSupported', { provider: connection?.label ?? '' })}</p>;
  }
  const pending = requests.filter((r) => r.status === 'pending');
  // Nothing waiting (or not known yet): People starts with the people, as it always did.
  if (pending.length === 0 && !error) return null;
  return (
    <section aria-labelledby="requests-h" className="access-requests">
      <div className="section-head">
        <h3 id="requests-h" className="section-title">
          {t('accessRequests.heading')}
        </h3>
        <span className="muted">{t('accessRequests.openCount', { count: pending.length })}</span>
      </div>
      {error && (
        <ErrorBanner title={t('accessRequests.loadFailed')} message={error} onRetry={() => void load({ connectionId: row.connectionId, accountId: row.id })} />
      )}
      {pending.length === 0 ? (
        <p className="muted">{t('accessRequests.none')}</p>
      ) : (
        <ul className="plain-list" aria-label={t('accessRequests.listLabel')}>
          {pending.map((r) => (
            <RequestRow key={r.id} request={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestRow({ request }: { request: AccessRequest }) {
  const { t, i18n } = useTranslation();
  const [give, setGive] = useState<Permission[]>(request.permissions);
  const approving = useSubmit();
  const declining = useSubmit();
  const approve = useAccountRequests((s) => s.approve);
  const decline = useAccountRequests((s) => s.decline);
  const busy = approving.busy || declining.busy;
  const who = request.requester.name;

  return (
    <li className="card access-request" aria-label={t('accessRequests.itemLabel', { name: who })}>
      <p>
        <strong>{who}</strong> <span className="muted">{request.requester.email}</span>
      </p>
      <p className="muted small">
        {request.customerNumber ? t('accessRequests.byNumber') : t('accessRequests.morePermissions')} ·{' '}
        {t('accessRequests.expires', { date: formatDate(request.expiresAt, i18n.language) })}
      </p>
      <blockquote className="access-request__message">{request.message}</blockquote>
      <PermissionChecklist legend={t('accessRequests.give')} options={request.permissions} value={give} onChange={setGive} />
      <div className="row-actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || give.length === 0}
          aria-busy={approving.busy}
          onClick={() =>
            void approving.submit(async () => {
              await approve(request.id, { permissions: give });
              void useTeam.getState().reload();
            })
          }
        >
          {approving.busy && <Spinner />}
          {t('accessRequests.approve')}
        </button>
        <button
          type="button"
          className="btn btn--danger-outline"
          disabled={busy}
          aria-busy={declining.busy}
          onClick={() => void declining.submit(async () => void (await decline(request.id)))}
        >
          {declining.busy && <Spinner />}
          {t('accessRequests.decline')}
        </button>
      </div>
      {give.length === 0 && <p className="hint">{t('accessRequests.giveSomething')}</p>}
      {(approving.error ?? declining.error) && <p className="inline-error">{approving.error ?? declining.error}</p>}
    </li>
  );
}
