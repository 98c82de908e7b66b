import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { Tabs, panelId, tabId } from '../kit/Tabs.js';
import { ViewHeading } from '../kit/ViewHeading.js';
import { BulkInviteForm } from './BulkInviteForm.js';
import { BulkRunPanel } from './BulkRunPanel.js';
import { shownRun, useBulk } from './bulk-store.js';
import { OffboardForm } from './OffboardForm.js';

type Mode = 'invite' | 'offboard';

/** Bulk changes across every connection: invite one person to many accounts, or remove one from all of them. */
export function BulkView() {
  const { t } = useTranslation();
  const baseId = useId();
  const [mode, setMode] = useState<Mode>('invite');
  const load = useBulk((s) => s.load);
  const error = useBulk((s) => s.error);
  const runs = useBulk((s) => s.runs);
  const run = useBulk(shownRun);
  const show = useBulk((s) => s.show);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="view view--scroll bulk-view" aria-labelledby={`${baseId}-title`}>
      <ViewHeading id={`${baseId}-title`}>{t('bulk.title')}</ViewHeading>
      <p className="hint">{t('bulk.intro')}</p>
      {error && <ErrorBanner message={error} />}
      <div className="bulk-view__columns">
        <div>
          <Tabs<Mode>
            baseId={baseId}
            label={t('bulk.modes')}
            tabs={[
              { id: 'invite', label: t('bulk.modeInvite') },
              { id: 'offboard', label: t('bulk.modeOffboard') },
            ]}
            selected={mode}
            onSelect={setMode}
          />
          <div role="tabpanel" id={panelId(baseId, mode)} aria-labelledby={tabId(baseId, mode)}>
            {mode === 'invite' ? <BulkInviteForm /> : <OffboardForm />}
          </div>
        </div>
        <div className="bulk-view__side">
          {run ? <BulkRunPanel run={run} /> : <p className="hint">{t('bulk.noRuns')}</p>}
          {runs.length > 1 && (
            <nav className="card bulk-history" aria-label={t('bulk.history')}>
              <h3 className="section-title">{t('bulk.history')}</h3>
              <ul>
                {runs.map((r) => (
                  <li key={r.id}>
                    <button type="button" className="btn btn--small" aria-current={r.id === run?.id ? 'true' : undefined} onClick={() => show(r.id)}>
                      {t(r.kind === 'invite' ? 'bulk.runInvite' : 'bulk.runOffboard', { email: r.email, n: r.items.length })}
                    </button>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </div>
    </section>
  );
}
