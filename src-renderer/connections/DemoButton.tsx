import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorSentence } from '../bridge/invoke.js';
import { Spinner } from '../kit/Spinner.js';
import { useConnections } from './connections-store.js';

/** Starts the embedded reference client area; that can take a few seconds, so progress is spoken too. */
export function DemoButton({ primary = true }: { primary?: boolean }) {
  const { t } = useTranslation();
  const addDemo = useConnections((s) => s.addDemo);
  const busy = useConnections((s) => s.addingDemo);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setError(null);
    try {
      await addDemo();
    } catch (err) {
      setError(errorSentence(err));
    }
  }

  return (
    <div className="demo">
      <button type="button" className={primary ? 'btn btn--primary btn--large' : 'btn'} disabled={busy} aria-busy={busy} onClick={() => void start()}>
        {busy && <Spinner />}
        {t('firstRun.useDemo')}
      </button>
      <div role="status" className="demo__status">
        {busy && t('firstRun.startingDemo')}
      </div>
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </div>
  );
}
