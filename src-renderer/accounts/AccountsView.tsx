import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnections } from '../connections/connections-store.js';
import { EmptyState } from '../kit/EmptyState.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { Skeleton } from '../kit/Skeleton.js';
import { ViewHeading } from '../kit/ViewHeading.js';
import { isFiltered } from './account-filter.js';
import { AccountSearch } from './account-search.js';
import { useAccounts } from './accounts-store.js';
import { AccountsTable } from './AccountsTable.js';
import { AccountsToolbar } from './AccountsToolbar.js';
import { AnnouncedCount } from './AnnouncedCount.js';
import { SearchIcon } from '../kit/icons.js';

export function AccountsView() {
  const { t } = useTranslation();
  const id = useId();
  const status = useAccounts((s) => s.status);
  const index = useAccounts((s) => s.index);
  const error = useAccounts((s) => s.error);
  const arriving = useAccounts((s) => s.arriving);
  const filter = useAccounts((s) => s.filter);
  const sort = useAccounts((s) => s.sort);
  const favouriteError = useAccounts((s) => s.favouriteError);
  const setFilter = useAccounts((s) => s.setFilter);
  const clearFilter = useAccounts((s) => s.clearFilter);
  const load = useAccounts((s) => s.load);
  const anySyncing = useConnections((s) => Object.values(s.syncStatuses).some((x) => x.state === 'syncing' || x.state === 'never'));

  // Filtered in the keystroke's own frame: a query that grew looks only at the previous answer's
  // rows, so deferring the list (one more render and one more frame) would cost more than it saves.
  const [search] = useState(() => new AccountSearch());
  const rows = useMemo(() => search.run(index, filter, sort).rows, [search, index, filter, sort]);
  const total = index.rows.length;

  return (
    <div className="view">
      <div className="view__header view__header--row">
        <div className="view__titles">
          <ViewHeading>{t('accounts.heading')}</ViewHeading>
          <AnnouncedCount className="muted count" copying={arriving !== null} asked={filter}>
            {status === 'ready' && <CountLine shown={rows.length} total={total} filtered={isFiltered(filter)} arriving={arriving} />}
          </AnnouncedCount>
        </div>
        <div className="toolbar" role="search">
          <div className="field field--inline field--search">
            <label htmlFor={`${id}-q`} className="visually-hidden">
              {t('accounts.search')}
            </label>
            <SearchIcon className="field__icon" />
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
        </div>
      </div>
      {status === 'ready' && total > 0 && <AccountsToolbar attentionCount={index.attention} />}
      {error && <ErrorBanner title={t('accounts.loadFailed')} message={error} onRetry={() => void load()} />}
      {favouriteError && <ErrorBanner title={t('accounts.favouriteFailed')} message={favouriteError} />}
      {status === 'loading' || status === 'idle' ? (
        <Skeleton label={t('accounts.loading')} rows={10} />
      ) : status === 'error' ? null : total === 0 ? (
        <NoAccounts syncing={anySyncing} />
      ) : rows.length === 0 ? (
        <NoMatch kind={filter.show !== 'all' && isFiltered({ ...filter, show: 'all' }) === false ? filter.show : 'match'} onClear={clearFilter} />
      ) : (
        <AccountsTable rows={rows} />
      )}
    </div>
  );
}

/** While the list still arrives, the line says how much of it is in, and that a search covers only that much. */
function CountLine({
  shown,
  total,
  filtered,
  arriving,
}: {
  shown: number;
  total: number;
  filtered: boolean;
  arriving: { received: number; total: number } | null;
}) {
  const { t } = useTranslation();
  if (arriving) return filtered ? t('accounts.filteredArriving', { shown, ...arriving }) : t('accounts.arriving', arriving);
  return filtered ? t('accounts.filtered', { shown, total }) : t('accounts.count', { count: total });
}

/** Nothing left after filtering; an empty favourites or recent list says how to fill it. */
function NoMatch({ kind, onClear }: { kind: 'favourites' | 'recent' | 'match'; onClear(): void }) {
  const { t } = useTranslation();
  const keys = {
    favourites: ['accounts.noFavouritesHeading', 'accounts.noFavouritesText'],
    recent: ['accounts.noRecentHeading', 'accounts.noRecentText'],
    match: ['accounts.noMatchHeading', 'accounts.noMatchText'],
  } as const;
  const [heading, text] = keys[kind];
  return (
    <EmptyState
      heading={t(heading)}
      actions={
        <button type="button" className="btn" onClick={onClear}>
          {kind === 'match' ? t('accounts.clearFilters') : t('accounts.showAll')}
        </button>
      }
    >
      <p>{t(text)}</p>
    </EmptyState>
  );
}

function NoAccounts({ syncing }: { syncing: boolean }) {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  return (
    <EmptyState
      heading={t('accounts.emptyHeading')}
      actions={
        <>
          <button type="button" className="btn btn--primary" onClick={() => go('invitations')}>
            {t('accounts.goInvitations')}
          </button>
          <button type="button" className="btn" onClick={() => go('connections', { focusTarget: 'add-provider' })}>
            {t('accounts.goConnections')}
          </button>
        </>
      }
    >
      <p>{syncing ? t('accounts.emptySyncing') : t('accounts.emptyText')}</p>
    </EmptyState>
  );
}
