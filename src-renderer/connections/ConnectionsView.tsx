import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../kit/EmptyState.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { ViewHeading } from '../kit/ViewHeading.js';
import { AddProviderForm } from './AddProviderForm.js';
import { ConnectionItem } from './ConnectionItem.js';
import { useConnections } from './connections-store.js';
import { DemoButton } from './DemoButton.js';

export function ConnectionsView() {
  const { t } = useTranslation();
  const connections = useConnections((s) => s.connections);
  const error = useConnections((s) => s.error);
  const load = useConnections((s) => s.load);
  const focusTarget = useNavigation((s) => s.focusTarget);
  const consumeFocus = useNavigation((s) => s.consumeFocus);
  const addRef = useRef<HTMLElement>(null);
  const vault = useConnections((s) => s.vault);
  const hasDemo = connections.some((c) => c.isDemo);

  useEffect(() => {
    void useConnections.getState().loadVault();
  }, []);

  useEffect(() => {
    if (focusTarget !== 'add-provider') return;
    addRef.current?.scrollIntoView({ block: 'start' });
    addRef.current?.querySelector<HTMLInputElement>('input')?.focus();
    consumeFocus();
  }, [focusTarget, consumeFocus]);

  return (
    <div className="view view--scroll">
      <div className="view__header">
        <ViewHeading>{t('connections.heading')}</ViewHeading>
        <p className="muted">{t('connections.intro')}</p>
      </div>
      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {vault && vault.backend !== 'keychain' && (
        <div className="banner banner--warn" role="status">
          <span>
            <strong>{t(`connections.vault.${vault.backend}`)}</strong> {vault.message}
          </span>
        </div>
      )}
      <div className="connections">
        <section aria-label={t('connections.listLabel')}>
          {connections.length === 0 ? (
            <EmptyState heading={t('connections.emptyHeading')}>
              <p>{t('connections.emptyText')}</p>
            </EmptyState>
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
        <section ref={addRef} className="card connections__add">
          <AddProviderForm />
        </section>
      </div>
    </div>
  );
}
