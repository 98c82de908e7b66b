import { useTranslation } from 'react-i18next';
import { usePanels } from '../accounts/panel-store.js';

/** A panel that would not open, from wherever the user asked (list, detail, palette). */
export function PanelFailure() {
  const { t } = useTranslation();
  const failure = usePanels((s) => s.failure);
  const signInThere = usePanels((s) => s.signInThere);
  const clear = usePanels((s) => s.clearFailure);
  return (
    <>
      <div role="status">
        {signInThere && (
          <div className="banner banner--info banner--bar">
            <span>{t('whmcs.panelInBrowser', { name: signInThere.name })}</span>
            <button type="button" className="btn btn--small" onClick={clear}>
              {t('common.dismiss')}
            </button>
          </div>
        )}
      </div>
      <div role="alert">
        {failure && (
          <div className="banner banner--error banner--bar">
            <span>{t('accounts.panelFailed', { name: failure.name, message: failure.message })}</span>
            <button type="button" className="btn btn--small" onClick={clear}>
              {t('common.dismiss')}
            </button>
          </div>
        )}
      </div>
    </>
  );
}
