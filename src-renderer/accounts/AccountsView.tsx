import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../src-shared/api/permissions.js';
import type { AccountRow } from '../../src-shared/ipc/contract.js';
import { errorSentence } from '../bridge/invoke.js';
import { useConnections } from '../connections/connections-store.js';
import { ErrorBanner } from '../shell/ErrorBanner.js';
import { useNavigation } from '../shell/navigation-store.js';
import { Spinner } from '../shell/Spinner.js';
import { ViewHeading } from '../shell/ViewHeading.js';
import { accountKey, filterAccounts, isFiltered } from './account-filter.js';
import { useAccounts } from './accounts-store.js';
import { AccountsTable } from './AccountsTable.js';
import { openPanel } from './open-panel.js';

export function AccountsView() {
  const { t } = useTranslation();
  const id = useId();
  const status = useAccounts((s) => s.status);
  const index = useAccounts((s) => s.index);
  const error = useAccounts((s) => s.error);
  const filter = useAccounts((s) => s.filter);
  const setFilter = useAccounts((s) => s.setFilter);
  const clearFilter = useAccounts((s) => s.clearFilter);
  const load = useAccounts((s) => s.load);
  const connections = useConnections((s) => s.connections);
  const anySyncing = useConnections((s) => Object.values(s.syncStatuses).some((x) => x.state === 'syncing' || x.state === 'never'));
  const [openingKey, setOpeningKey] = useState<string | null>(null);
  const [panelError, setPanelError] = useState<string | null>(null);

  // Typing stays responsive with 50,000 rows: the list catches up a frame later if it must.
  const deferredFilter = useDeferredValue(filter);
  const rows = useMemo(() => filterAccounts(index, deferredFilter), [index, deferredFilter]);
  const total = index.rows.length;

  async function open(row: AccountRow) {
    const key = accountKey(row);
    setOpeningKey(key);
    setPanelError(null);
    try {
      await openPanel(row);
    } catch (err) {
      setPanelError(t('accounts.panelFailed', { name: row.name, message: errorSentence(err) }));
    } finally {
      setOpeningKey((k) => (k === key ? null : k));
    }
  }

  return (
    <div className="view">
      <div className="view__header view__header--row">
        <div className="view__titles">
          <ViewHeading>{t('accounts.heading')}</ViewHeading>
          <p className="muted count" role="status">
            {status === 'ready' &&
              (isFiltered(filter) ? t('accounts.filtered', { shown: rows.length, total }) : t('accounts.count', { count: total }))}
          </p>
        </div>
        <div className="toolbar" role="search">
          <div className="field field--inline field--search">
            <label htmlFor={`${id}-q`} className="visually-hidden">
              {t('accounts.search')}
            </label>
            <input
              id={`${id}-q`}
              type="search"
              placeholder={t('accounts.searchPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              value={filter.query}
              onChange={(e) => setFilter({ query: e.target.value })}
            />
          </div>
          {connections.length > 1 && (
            <div className="field field--inline">
              <label htmlFor={`${id}-p`} className="visually-hidden">
                {t('accounts.provider')}
              </label>
              <select id={`${id}-p`} value={filter.connectionId ?? ''} onChange={(e) => setFilter({ connectionId: e.target.value || null })}>
                <option value="">{t('accounts.allProviders')}</option>
                {connections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field field--inline">
            <label htmlFor={`${id}-r`} className="visually-hidden">
              {t('accounts.role')}
            </label>
            <select id={`${id}-r`} value={filter.role ?? ''} onChange={(e) => setFilter({ role: (e.target.value || null) as Role | null })}>
              <option value="">{t('accounts.allRoles')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {error && <ErrorBanner title={t('accounts.loadFailed')} message={error} onRetry={() => void load()} />}
      {panelError && <ErrorBanner message={panelError} />}
      {status === 'loading' || status === 'idle' ? (
        <p className="placeholder" role="status">
          <Spinner /> {t('accounts.loading')}
        </p>
      ) : status === 'error' ? null : total === 0 ? (
        <NoAccounts syncing={anySyncing} />
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <h3>{t('accounts.noMatchHeading')}</h3>
          <p>{t('accounts.noMatchText')}</p>
          <button type="button" className="btn" onClick={clearFilter}>
            {t('accounts.clearFilters')}
          </button>
        </div>
      ) : (
        <AccountsTable rows={rows} openingKey={openingKey} onOpen={(row) => void open(row)} />
      )}
    </div>
  );
}

function NoAccounts({ syncing }: { syncing: boolean }) {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  return (
    <div className="empty-state">
      <h3>{t('accounts.emptyHeading')}</h3>
      <p>{syncing ? t('accounts.emptySyncing') : t('accounts.emptyText')}</p>
      <div className="empty-state__actions">
        <button type="button" className="btn btn--primary" onClick={() => go('invitations')}>
          {t('accounts.goInvitations')}
        </button>
        <button type="button" className="btn" onClick={() => go('connections')}>
          {t('accounts.goConnections')}
        </button>
      </div>
    </div>
  );
}
