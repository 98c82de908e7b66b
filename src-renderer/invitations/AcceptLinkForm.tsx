import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../kit/Spinner.js';
import type { LinkAcceptance } from './use-link-acceptance.js';

/** Providers that mail a one-time link and keep no list for the invitee (WHMCS) are answered from here. */
export function AcceptLinkForm({ acceptance }: { acceptance: LinkAcceptance }) {
  const { t } = useTranslation();
  const id = useId();
  const { link, setLink, busy, error, accept } = acceptance;

  return (
    <form
      className="form"
      aria-labelledby={`${id}-h`}
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void accept(link);
      }}
    >
      <h3 id={`${id}-h`} className="section-title">
        {t('invitations.link.heading')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('invitations.link.url')}</label>
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          required
          placeholder="https://"
          aria-describedby={`${id}-hint`}
          aria-invalid={error !== null}
          value={link}
          onChange={(e) => setLink(e.target.value)}
        />
        <span id={`${id}-hint`} className="hint">
          {t('invitations.link.hint')}
        </span>
      </div>
      <div role="alert" className="form__alert">
        {error && <p className="inline-error">{error}</p>}
      </div>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy && <Spinner />}
          {busy ? t('invitations.link.submitting') : t('invitations.link.submit')}
        </button>
      </div>
    </form>
  );
}
