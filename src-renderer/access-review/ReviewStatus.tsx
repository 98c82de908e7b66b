import { useTranslation } from 'react-i18next';
import type { ReviewProgress } from '../../src-shared/ipc/channels/access-review.js';
import { useAccessReview } from './access-review-store.js';

/** How far main's gathering got, as accounts answer. */
export function ReviewProgressBar({ progress }: { progress: ReviewProgress }) {
  const { t } = useTranslation();
  const label = progress.total === 0 ? t('accessReview.starting') : t('accessReview.progress', { done: progress.done, total: progress.total });
  return (
    <div className="review__progress">
      <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={label} />
      <span className="muted small">{label}</span>
    </div>
  );
}

/** What could not be reviewed, each with its reason, so a missing connection is never silently missing. */
export function ReviewGaps({ providers }: { providers: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const gaps = useAccessReview((s) => s.gaps);
  if (gaps.length === 0) return null;
  return (
    <section className="banner banner--warn review__gaps" aria-labelledby="review-gaps-h">
      <div className="banner__text">
        <strong id="review-gaps-h">{t('accessReview.gapsHeading', { count: gaps.length })}</strong>
        <ul>
          {gaps.map((gap) => {
            const where = gap.account ? `${providers.get(gap.connectionId) ?? ''} · ${gap.account.name}` : (providers.get(gap.connectionId) ?? '');
            return <li key={`${gap.connectionId}\u0000${gap.account?.id ?? ''}`}>{t('accessReview.gap', { where, reason: gap.reason })}</li>;
          })}
        </ul>
      </div>
    </section>
  );
}
