import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../src-shared/ipc/contract.js';
import { errorSentence } from '../bridge/invoke.js';
import { ErrorBanner } from '../shell/ErrorBanner.js';
import { SyncStatusText } from '../shell/SyncStatusText.js';
import { ViewHeading } from '../shell/ViewHeading.js';
import { AddProviderForm } from './AddProviderForm.js';
import { useConnections } from './connections-store.js';
import { DemoButton } from './DemoButton.js';

export function ConnectionsView() {
  const { t } = useTranslation();
  const connections = useConnections((s) => s.connections);
  const error = useConnections((s) => s.error);
  const load = useConnections((s) => s.load);
  const hasDemo = connections.some((c) => c.isDemo);

  return (
    <div className="view view--scroll">
      <div className="view__header">
        <ViewHeading>{t('connections.heading')}</ViewHeading>
        <p className="muted">{t('connections.intro')}</p>
      </div>
      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      <div className="connections">
        <section aria-label={t('connections.listLabel')}>
          {connections.length === 0 ? (
            <p className="empty">{t('connections.emptyText')}</p>
          ) : (
            <ul className="connection-list" aria-label={t('connections.listLabel')}>
              {connections.map((c) => (
                <ConnectionItem key={c.id} connection={c} />
              ))}
            </ul>
          )}
          {!hasDemo && (
            <div className="connections__demo">
              <DemoButton primary={false} />
            </div>
          )}
        </section>
        <section className="card connections__add">
          <AddProviderForm />
        </section>
      </div>
    </div>
  );
}

function ConnectionItem({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const status = useConnections((s) => s.syncStatuses[connection.id]);
  const remove = useConnections((s) => s.remove);
  const syncNow = useConnections((s) => s.syncNow);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirmRemove() {
    setBusy(true);
    setError(null);
    try {
      await remove(connection.id);
    } catch (err) {
      setError(t('connections.removeFailed', { label: connection.label, message: errorSentence(err) }));
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <li className="connection">
      <div className="connection__main">
        <div className="connection__title">
          <strong>{connection.label}</strong>
          {connection.isDemo && <span className="tag">{t('connections.demo')}</span>}
        </div>
        <dl className="connection__facts">
          <dt className="visually-hidden">{t('connections.address')}</dt>
          <dd className="mono">{connection.baseUrl}</dd>
          <dt className="visually-hidden">{t('addProvider.email')}</dt>
          <dd>{t('connections.signedInAs', { email: connection.email })}</dd>
        </dl>
        <SyncStatusText status={status} />
      </div>
      <div className="connection__actions">
        {confirming ? (
          <div className="confirm" role="group" aria-label={t('connections.removeFor', { label: connection.label })}>
            <p>{t('connections.confirmRemove', { label: connection.label })}</p>
            <button type="button" className="btn btn--danger btn--small" disabled={busy} onClick={() => void confirmRemove()}>
              {t('connections.confirm')}
            </button>
            <button type="button" className="btn btn--small" disabled={busy} onClick={() => setConfirming(false)}>
              {t('connections.cancel')}
            </button>
          </div>
        ) : (
          <div className="connection__buttons">
            <button
              type="button"
              className="btn btn--small"
              aria-label={t('connections.syncFor', { label: connection.label })}
              disabled={status?.state === 'syncing'}
              onClick={() => void syncNow(connection.id)}
            >
              {t('nav.syncNow')}
            </button>
            <button
              type="button"
              className="btn btn--small"
              aria-label={t('connections.removeFor', { label: connection.label })}
              onClick={() => setConfirming(true)}
            >
              {t('connections.confirm')}
            </button>
          </div>
        )}
        <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
      </div>
    </li>
  );
}
