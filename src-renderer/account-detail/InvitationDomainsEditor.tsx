import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { InvitationDomain } from '../../src-shared/api/access-policy.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { Spinner } from '../kit/Spinner.js';
import { useSubmit } from '../kit/use-submit.js';
import { useAudit } from './audit-store.js';

/** Splits what the owner typed (lines, commas, spaces) into the domains it names and those that are not domains. */
export function parseDomains(text: string): { domains: string[]; invalid: string[] } {
  const words = text.split(/[\s,;]+/).filter((w) => w.length > 0);
  const domains: string[] = [];
  const invalid: string[] = [];
  for (const word of words) {
    const parsed = InvitationDomain.safeParse(word);
    if (parsed.success) {
      if (!domains.includes(parsed.data)) domains.push(parsed.data);
    } else invalid.push(word);
  }
  return { domains, invalid };
}

/** The owner's list of email domains invitations may go to (docs/ARCHITECTURE.md §9); empty lets anyone in. */
export function InvitationDomainsEditor({ row }: { row: ListedAccount }) {
  const { t } = useTranslation();
  const id = useId();
  const ref = { connectionId: row.connectionId, accountId: row.id };
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState<'loading' | 'ready' | string>('loading');
  const [saved, setSaved] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const { busy, error, submit } = useSubmit();
  const { domains, invalid } = parseDomains(text);

  // Mounted per account (keyed by the caller), so it starts loading and never shows another account's list.
  useEffect(() => {
    let current = true;
    invoke('accessPolicy.invitationDomains', { connectionId: row.connectionId, accountId: row.id }).then(
      (answer) => {
        if (!current) return;
        setText(answer.domains.join('\n'));
        setLoaded('ready');
      },
      (err: unknown) => current && setLoaded(errorSentence(err)),
    );
    return () => {
      current = false;
    };
  }, [row.connectionId, row.id]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    setSaved(null);
    if (invalid.length > 0) return;
    await submit(async () => {
      const answer = await invoke('accessPolicy.setInvitationDomains', { ...ref, domains: { domains } });
      setText(answer.domains.join('\n'));
      setSaved(answer.domains.length === 0 ? t('expiry.domainsSavedAnyone') : t('expiry.domainsSaved', { list: answer.domains.join(', ') }));
      setTried(false);
      void useAudit.getState().load(ref);
    });
  }

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="section-title">
        {t('expiry.domainsHeading')}
      </h3>
      <p className="muted small">{t('expiry.domainsText')}</p>
      {loaded === 'loading' ? (
        <p className="muted" role="status">
          <Spinner /> {t('expiry.domainsLoading')}
        </p>
      ) : loaded !== 'ready' ? (
        <p className="inline-error" role="alert">
          {t('expiry.domainsLoadFailed')}: {loaded}
        </p>
      ) : (
        <form className="form" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void save(e)}>
          <div className="field">
            <label htmlFor={`${id}-list`}>{t('expiry.domainsField')}</label>
            <textarea
              id={`${id}-list`}
              rows={3}
              className="mono domains-editor__list"
              value={text}
              spellCheck={false}
              aria-invalid={tried && invalid.length > 0}
              aria-describedby={`${id}-hint`}
              onChange={(e) => setText(e.target.value)}
            />
            <span id={`${id}-hint`} className={tried && invalid.length > 0 ? 'inline-error' : 'hint'}>
              {tried && invalid.length > 0
                ? t('expiry.domainsInvalid', { list: invalid.join(', ') })
                : domains.length === 0
                  ? t('expiry.domainsAnyone')
                  : domains.join(', ')}
            </span>
          </div>
          <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
          <div role="status">{saved && <p className="inline-ok">{saved}</p>}</div>
          <div className="form__actions">
            <button type="submit" className="btn" disabled={busy} aria-busy={busy}>
              {busy && <Spinner />}
              {t('expiry.domainsSave')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
