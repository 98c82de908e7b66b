import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkRun } from '../../src-shared/ipc/channels/bulk.js';
import { providerName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { Spinner } from '../kit/Spinner.js';
import { useSubmit } from '../kit/use-submit.js';
import { canRetry, itemState, runProgress } from './bulk-progress.js';
import { useBulk } from './bulk-store.js';

/** The app's state badges: done looks like an accepted invitation, anything waiting like a queued answer. */
const STATE_CLASS = {
  waiting: 'state--queued',
  heldBack: 'state--queued',
  sending: 'state--queued',
  done: 'state--accepted',
  refused: 'state--rejected',
} as const;

/** A run as it goes: a progress bar, each account's outcome as it arrives, retry, the summary and its export. */
export function BulkRunPanel({ run }: { run: BulkRun }) {
  const { t } = useTranslation();
  const id = useId();
  const connections = useConnections((s) => s.connections);
  const retry = useBulk((s) => s.retry);
  const exportCsv = useBulk((s) => s.exportCsv);
  const retrying = useSubmit();
  const exporting = useSubmit();
  const progress = runProgress(run);
  const title = t(run.kind === 'invite' ? 'bulk.runInvite' : 'bulk.runOffboard', { email: run.email, n: progress.total });

  return (
    <section className="card bulk-run" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="section-title">
        {title}
      </h3>
      <div className="bulk-run__progress">
        <progress
          id={`${id}-bar`}
          max={progress.total}
          value={progress.settled}
          aria-label={t('bulk.progressLabel')}
          aria-valuetext={t('bulk.progress', { settled: progress.settled, total: progress.total })}
        />
        <span className="hint">{t('bulk.progress', { settled: progress.settled, total: progress.total })}</span>
      </div>
      <div role="status" className="form__status">
        {progress.finished ? (
          <p className={progress.refused > 0 ? 'inline-error' : 'inline-ok'}>{t('bulk.summary', { done: progress.done, refused: progress.refused })}</p>
        ) : (
          progress.waiting > 0 && <p className="hint">{t('bulk.stillWaiting', { n: progress.waiting })}</p>
        )}
      </div>
      <table className="table bulk-run__items" aria-label={t('bulk.outcomes')}>
        <thead>
          <tr>
            <th scope="col">{t('bulk.colAccount')}</th>
            <th scope="col">{t('bulk.colProvider')}</th>
            <th scope="col">{t('bulk.colOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {run.items.map((item) => {
            const state = itemState(item);
            return (
              <tr key={item.actionId} data-state={state}>
                <th scope="row">{item.accountName}</th>
                <td>{providerName(item, connections, t)}</td>
                <td>
                  <span className={`state ${STATE_CLASS[state]}`}>{t(`bulk.state.${state}`)}</span>
                  {item.reason && <span className="bulk-run__reason"> {item.reason}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div role="alert" className="form__alert">
        {(retrying.error ?? exporting.error) && <p className="inline-error">{retrying.error ?? exporting.error}</p>}
      </div>
      <div className="form__actions">
        <button
          type="button"
          className="btn"
          disabled={!canRetry(run) || retrying.busy}
          aria-busy={retrying.busy}
          onClick={() => void retrying.submit(() => retry(run.id))}
        >
          {retrying.busy && <Spinner />}
          {t('bulk.retry')}
        </button>
        <button type="button" className="btn" disabled={exporting.busy} onClick={() => void exporting.submit(() => exportCsv(run.id))}>
          {t('bulk.exportCsv')}
        </button>
      </div>
    </section>
  );
}
