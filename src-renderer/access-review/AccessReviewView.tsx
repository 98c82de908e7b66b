import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewedAccess } from '../../src-shared/ipc/channels/access-review.js';
import { errorSentence } from '../bridge/invoke.js';
import { RevokeDialog } from '../account-detail/RevokeDialog.js';
import { useConnections } from '../connections/connections-store.js';
import { EmptyState } from '../kit/EmptyState.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { SearchIcon, SyncIcon } from '../kit/icons.js';
import { Skeleton } from '../kit/Skeleton.js';
import { Spinner } from '../kit/Spinner.js';
import { ViewHeading } from '../kit/ViewHeading.js';
import { useAccessReview } from './access-review-store.js';
import { saveCsv } from './csv-export.js';
import { EditAccessDialog } from './EditAccessDialog.js';
import { PrintableReview } from './PrintableReview.js';
import { csvFileName, reviewCsv } from './review-csv.js';
import { filterReview, isFiltered, NO_FILTERS } from './review-filter.js';
import { ReviewGaps, ReviewProgressBar } from './ReviewStatus.js';
import { providerNames, ReviewTable } from './ReviewTable.js';
import { ReviewToolbar } from './ReviewToolbar.js';

/** Everyone who has access to every account the user runs, across connections: filter, export, print, change, revoke. */
export function AccessReviewView() {
  const { t } = useTranslation();
  const id = useId();
  const status = useAccessReview((s) => s.status);
  const error = useAccessReview((s) => s.error);
  const index = useAccessReview((s) => s.index);
  const filters = useAccessReview((s) => s.filters);
  const grouping = useAccessReview((s) => s.grouping);
  const progress = useAccessReview((s) => s.progress);
  const accountsReviewed = useAccessReview((s) => s.accountsReviewed);
  const { load, refresh, setFilters, revoke } = useAccessReview.getState();
  const connections = useConnections((s) => s.connections);
  const providers = useMemo(() => providerNames(t, connections), [t, connections]);
  const [editing, setEditing] = useState<ReviewedAccess | null>(null);
  const [revoking, setRevoking] = useState<ReviewedAccess | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    if (useAccessReview.getState().status === 'idle') void load();
  }, [load]);

  // Typing stays responsive with 50,000 rows: the list catches up a frame later if it must.
  const deferredFilters = useDeferredValue(filters);
  const shown = useMemo(() => filterReview(index, deferredFilters, grouping, new Date()), [index, deferredFilters, grouping]);
  const total = index.byAccount.length;
  const filtered = isFiltered(filters);

  const exportCsv = useCallback(async () => {
    setExportError(null);
    const headings = {
      person: t('accessReview.colPerson'),
      email: t('accessReview.colEmail'),
      account: t('accessReview.colAccount'),
      provider: t('accessReview.colProvider'),
      role: t('accessReview.colRole'),
      permissions: t('accessReview.colPermissions'),
      grantedAt: t('accessReview.colGranted'),
      grantedBy: t('accessReview.colGrantedBy'),
      lastLogin: t('accessReview.colLastLogin'),
      twoFactor: t('accessReview.colTwoFactor'),
      expires: t('accessReview.colExpires'),
    };
    try {
      const now = new Date();
      const saved = await saveCsv(
        reviewCsv(shown.entries, headings, (connectionId) => providers.get(connectionId) ?? connectionId),
        csvFileName(now),
      );
      if (saved) setNotice(t('accessReview.exported', { count: shown.entries.length }));
    } catch (err) {
      setExportError(errorSentence(err));
    }
  }, [shown, providers, t]);

  const gathering = progress !== null;
  return (
    <div className="view review-view">
      <div className="view__header view__header--row">
        <div className="view__titles">
          <ViewHeading>{t('accessReview.heading')}</ViewHeading>
          <p className="muted count" role="status">
            {status === 'ready' &&
              (filtered
                ? t('accessReview.filtered', { shown: shown.entries.length, total })
                : t('accessReview.count', { count: total, accounts: accountsReviewed }))}
          </p>
        </div>
        <div className="toolbar" role="search">
          <div className="field field--inline field--search">
            <label htmlFor={`${id}-q`} className="visually-hidden">
              {t('accessReview.search')}
            </label>
            <SearchIcon className="field__icon" />
            <input
              id={`${id}-q`}
              type="search"
              placeholder={t('accessReview.searchPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              value={filters.query}
              onChange={(e) => setFilters({ query: e.target.value })}
            />
          </div>
          <button type="button" className="btn btn--small" disabled={gathering} aria-busy={gathering} onClick={() => void refresh()}>
            {gathering ? <Spinner /> : <SyncIcon />}
            {t('accessReview.refresh')}
          </button>
          <button type="button" className="btn btn--small" disabled={status !== 'ready' || shown.entries.length === 0} onClick={() => void exportCsv()}>
            {t('accessReview.exportCsv')}
          </button>
          <button type="button" className="btn btn--small" disabled={status !== 'ready' || shown.entries.length === 0} onClick={() => window.print()}>
            {t('accessReview.print')}
          </button>
        </div>
      </div>
      {status === 'ready' && total > 0 && <ReviewToolbar />}
      {progress && <ReviewProgressBar progress={progress} />}
      {error && <ErrorBanner title={t('accessReview.loadFailed')} message={error} onRetry={() => void refresh()} />}
      {exportError && <ErrorBanner title={t('accessReview.exportFailed')} message={exportError} />}
      <div role="status" className="outcome-region">
        {notice && <div className="banner banner--ok">{notice}</div>}
      </div>
      <ReviewGaps providers={providers} />
      {status === 'loading' || status === 'idle' ? (
        <Skeleton label={t('accessReview.loading')} rows={10} />
      ) : status === 'error' ? null : total === 0 ? (
        <EmptyState heading={t('accessReview.emptyHeading')}>{t('accessReview.emptyText')}</EmptyState>
      ) : shown.entries.length === 0 ? (
        <EmptyState
          heading={t('accessReview.noMatch')}
          actions={
            <button type="button" className="btn" onClick={() => setFilters({ ...NO_FILTERS, staleDays: filters.staleDays })}>
              {t('accounts.clearFilters')}
            </button>
          }
        >
          {t('accessReview.noMatchText')}
        </EmptyState>
      ) : (
        <ReviewTable lines={shown.lines} onChange={setEditing} onRevoke={setRevoking} />
      )}
      <PrintableReview entries={shown.entries} title={t('accessReview.heading')} providers={providers} />
      {editing && (
        <EditAccessDialog
          row={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setNotice(t('accessReview.changed', { name: editing.user.name, account: editing.account.name }));
            setEditing(null);
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          user={revoking.user}
          accountName={revoking.account.name}
          revoke={() => revoke(revoking)}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setNotice(t('team.revoked', { name: revoking.user.name, account: revoking.account.name }));
            setRevoking(null);
          }}
        />
      )}
    </div>
  );
}
