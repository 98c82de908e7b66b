import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from './bridge/get-bridge.js';
import { useAccounts } from './accounts/accounts-store.js';
import { useConnections } from './connections/connections-store.js';
import { FirstRun } from './connections/FirstRun.js';
import { useSettings } from './settings/settings-store.js';
import { ErrorBanner } from './kit/ErrorBanner.js';
import { followMain, loadLists } from './shell/live-data.js';
import { useNavigation } from './navigation/navigation-store.js';
import { Shell } from './shell/Shell.js';
import { Spinner } from './kit/Spinner.js';

export function App() {
  const { t } = useTranslation();
  const status = useConnections((s) => s.status);
  const error = useConnections((s) => s.error);
  const load = useConnections((s) => s.load);
  const hasConnections = useConnections((s) => s.connections.length > 0);

  useEffect(() => {
    const stop = followMain(getBridge());
    void useConnections.getState().load();
    void useSettings.getState().load();
    // The first window of accounts travels beside the connections, not after them: the list is
    // the first screen (with no connection it is simply empty).
    void useAccounts.getState().load();
    return stop;
  }, []);

  useEffect(() => {
    if (!hasConnections) return;
    // A fresh start (first run or the last connection removed) lands on the accounts.
    useNavigation.getState().go('accounts');
    loadLists();
  }, [hasConnections]);

  if (status === 'idle' || status === 'loading') {
    return (
      <main id="main" className="splash" aria-busy="true">
        <p role="status">
          <Spinner /> {t('app.loading')}
        </p>
      </main>
    );
  }
  if (status === 'error' && !hasConnections) {
    return (
      <main id="main" className="splash">
        <h1 className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('app.title')}
        </h1>
        <ErrorBanner title={t('app.loadFailed')} message={error ?? ''} onRetry={() => void load()} />
      </main>
    );
  }
  return hasConnections ? <Shell /> : <FirstRun />;
}
