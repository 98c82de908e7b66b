import { memo, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { useAccessReview } from './access-review-store.js';
import { EXPIRING_SOON_DAYS, type ReviewFilters, type ReviewGrouping } from './review-filter.js';

type Flag = 'allPermissions' | 'noTwoFactor' | 'outsideDomains' | 'expiringSoon';
const FLAGS: Flag[] = ['allPermissions', 'noTwoFactor', 'outsideDomains', 'expiringSoon'];
const GROUPINGS: ReviewGrouping[] = ['account', 'person'];

/** The review's filters and grouping; the query has its own field in the heading, so typing does not re-render these. */
export const ReviewToolbar = memo(function ReviewToolbar() {
  const { t } = useTranslation();
  const id = useId();
  const filters = useAccessReview(
    useShallow((s) => ({
      stale: s.filters.stale,
      staleDays: s.filters.staleDays,
      allPermissions: s.filters.allPermissions,
      noTwoFactor: s.filters.noTwoFactor,
      outsideDomains: s.filters.outsideDomains,
      expiringSoon: s.filters.expiringSoon,
    })),
  );
  const grouping = useAccessReview((s) => s.grouping);
  const setFilters = useAccessReview((s) => s.setFilters);
  const setGrouping = useAccessReview((s) => s.setGrouping);
  const chip = (on: boolean) => `toggle-chip${on ? ' toggle-chip--on' : ''}`;

  return (
    <div className="filters review__filters" role="group" aria-label={t('accessReview.filtersLabel')}>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('accessReview.groupBy')}</legend>
        {GROUPINGS.map((g) => (
          <label key={g} className="segmented__option">
            <input type="radio" name={`${id}-group`} value={g} checked={grouping === g} onChange={() => setGrouping(g)} />
            <span>{t(`accessReview.groupings.${g}`)}</span>
          </label>
        ))}
      </fieldset>
      <span className="review__stale">
        <label className={chip(filters.stale)}>
          <input type="checkbox" checked={filters.stale} onChange={(e) => setFilters({ stale: e.target.checked })} />
          <span>{t('accessReview.filters.stale', { days: filters.staleDays })}</span>
        </label>
        <label htmlFor={`${id}-days`} className="visually-hidden">
          {t('accessReview.staleDays')}
        </label>
        <input
          id={`${id}-days`}
          className="review__days"
          type="number"
          min={1}
          max={3650}
          value={filters.staleDays}
          title={t('accessReview.staleDays')}
          onChange={(e) => {
            const days = Math.round(Number(e.target.value));
            if (Number.isFinite(days) && days >= 1 && days <= 3650) setFilters({ staleDays: days } satisfies Partial<ReviewFilters>);
          }}
        />
      </span>
      {FLAGS.map((flag) => (
        <label key={flag} className={chip(filters[flag])}>
          <input type="checkbox" checked={filters[flag]} onChange={(e) => setFilters({ [flag]: e.target.checked })} />
          <span>{t(`accessReview.filters.${flag}`, { days: EXPIRING_SOON_DAYS })}</span>
        </label>
      ))}
    </div>
  );
});
