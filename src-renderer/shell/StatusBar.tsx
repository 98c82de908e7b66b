import { useTranslation } from 'react-i18next';
import { connectionName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { SyncStatusText } from '../kit/SyncStatusText.js';

/** Each connection's sync state, always in view, like a desktop app's status bar. */
export function StatusBar() {
  const { t } = useTranslation();
  const connections = useConnections((s) => s.connections);
  const statuses = useConnections((s) => s.syncStatuses);
  const syncError = useConnections((s) => s.syncError);
  return (
    <footer className="status-bar">
      <h2 className="visually-hidden">{t('sync.label')}</h2>
      <ul>
        {connections.map((c) => (
          <li key={c.id}>
            <span className="status-bar__label">{connectionName(c, t)}</span>
            <SyncStatusText status={statuses[c.id]} />
          </li>
        ))}
      </ul>
      <div role="alert" className="status-bar__error">
        {syncError && t('sync.failed', { message: syncError })}
      </div>
    </footer>
  );
}
