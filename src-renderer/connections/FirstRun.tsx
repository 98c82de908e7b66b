import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AddProviderForm } from './AddProviderForm.js';
import { useConnections } from './connections-store.js';
import { DemoButton } from './DemoButton.js';

/**
 * What a new user sees: no connection yet, two ways forward. Where sign-ins will be kept is said
 * before either is clicked, because without a keychain they are forgotten on quitting.
 */
export function FirstRun() {
  const { t } = useTranslation();
  const vault = useConnections((s) => s.vault);
  useEffect(() => {
    void useConnections.getState().loadVault();
  }, []);
  return (
    <main id="main" className="first-run">
      <div className="first-run__inner">
        <header className="first-run__intro">
          <p className="brand brand--large" aria-hidden="true">
            <span className="brand__mark" />
          </p>
          <h1>{t('firstRun.heading')}</h1>
          <p className="lead">{t('firstRun.intro')}</p>
          {vault && <p className="muted first-run__vault">{t(`firstRun.vault.${vault.backend}`)}</p>}
        </header>
        <div className="first-run__choices">
          <section className="card first-run__demo" aria-labelledby="demo-h">
            <h2 id="demo-h" className="section-title">
              {t('firstRun.demoHeading')}
            </h2>
            <p className="muted">{t('firstRun.demoText')}</p>
            <DemoButton />
          </section>
          <p className="first-run__or" aria-hidden="true">
            {t('firstRun.or')}
          </p>
          <section className="card">
            <AddProviderForm />
          </section>
        </div>
      </div>
    </main>
  );
}
