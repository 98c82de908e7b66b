import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../src-shared/api/activity.js';
import { EmptyState } from '../kit/EmptyState.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { formatDate, formatRelative } from '../kit/relative-time.js';
import { Skeleton } from '../kit/Skeleton.js';
import { Spinner } from '../kit/Spinner.js';
import { useNow } from '../kit/use-now.js';
import { useAudit } from './audit-store.js';
import { CUSTOMER_NUMBER_PATTERN } from '../../src-shared/api/primitives.js';

/** Every change of access on the account, newest first: who, when, what, about whom. */
export function AuditPanel() {
  const { t } = useTranslation();
  const status = useAudit((s) => s.status);
  const events = useAudit((s) => s.events);
  const nextCursor = useAudit((s) => s.nextCursor);
  const loadingMore = useAudit((s) => s.loadingMore);
  const error = useAudit((s) => s.error);
  const ref = useAudit((s) => s.ref);
  const load = useAudit((s) => s.load);
  const loadMore = useAudit((s) => s.loadMore);
  const now = useNow(60_000);

  return (
    <section className="audit" aria-labelledby="audit-h">
      <div className="section-head">
        <h3 id="audit-h" className="section-title">
          {t('audit.heading')}
        </h3>
        <span className="muted">{t('audit.intro')}</span>
      </div>
      {error && <ErrorBanner title={t('audit.loadFailed')} message={error} onRetry={() => ref && void load(ref)} />}
      {status === 'loading' || status === 'idle' ? (
        <Skeleton label={t('audit.loading')} rows={5} />
      ) : events.length === 0 ? (
        status === 'ready' && (
          <EmptyState heading={t('audit.emptyHeading')} level={4}>
            <p>{t('audit.emptyText')}</p>
          </EmptyState>
        )
      ) : (
        <ol className="timeline" aria-labelledby="audit-h">
          {events.map((e) => (
            <AuditItem key={e.id} event={e} now={now} />
          ))}
        </ol>
      )}
      {nextCursor && (
        <div>
          <button type="button" className="btn" disabled={loadingMore} aria-busy={loadingMore} onClick={() => void loadMore()}>
            {loadingMore && <Spinner />}
            {t('audit.more')}
          </button>
        </div>
      )}
    </section>
  );
}

function AuditItem({ event, now }: { event: AuditEvent; now: Date }) {
  const { t, i18n } = useTranslation();
  const actor = event.actor?.name || event.actor?.email || t('audit.provider');
  // An invitation by customer number records the number as its subject.
  const subject =
    event.subject === null
      ? t('audit.unknownSubject')
      : CUSTOMER_NUMBER_PATTERN.test(event.subject)
        ? t('audit.customerNumber', { number: event.subject })
        : event.subject;
  return (
    <li className={`timeline__item timeline__item--${event.action.split('.')[0]}`}>
      <span className="timeline__dot" aria-hidden="true" />
      <div className="timeline__body">
        <span>
          {t(`audit.actions.${event.action.replace('.', '_')}`, {
            actor,
            subject,
            // A newer provider may record actions this version has no words for yet.
            defaultValue: t('audit.other', { actor, action: event.action }),
          })}
        </span>
        <time className="muted small" dateTime={event.at} title={formatDate(event.at, i18n.language, true)}>
          {formatRelative(event.at, now, i18n.language)}
        </time>
      </div>
    </li>
  );
}
