import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectorKind } from '../../src-shared/api/connectors.js';
import { Spinner } from '../kit/Spinner.js';
import { useSubmit } from '../kit/use-submit.js';
import { useConnections } from './connections-store.js';
import { asksForCode, SecondFactorField } from './SecondFactorField.js';

/** Signs in at a provider. The password lives in this form only until submit, then is cleared. */
export function AddProviderForm({ onAdded }: { onAdded?: () => void }) {
  const { t } = useTranslation();
  const add = useConnections((s) => s.add);
  const id = useId();
  const [baseUrl, setBaseUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [label, setLabel] = useState('');
  // WHMCS staff and resellers sign in with API credentials rather than an email and password.
  const [kind, setKind] = useState<ConnectorKind>('clientarea');
  const withApiCredentials = kind === 'whmcs-admin';
  // A WHMCS client-area login may have two-factor authentication: its code goes with the password.
  // Other kinds show the field once the provider asks for a code.
  const [code, setCode] = useState('');
  // Only where the installation restricts API access to listed IPs; most leave it empty.
  const [accessKey, setAccessKey] = useState('');
  const [codeAsked, setCodeAsked] = useState(false);
  const showsCode = kind === 'whmcs' || codeAsked;
  const { busy, error, submit: signIn } = useSubmit();
  const [added, setAdded] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const secret = password;
    const secondFactor = showsCode && code.trim() ? code.trim() : undefined;
    const key = withApiCredentials && accessKey.trim() ? accessKey.trim() : undefined;
    setPassword('');
    setCode('');
    setAccessKey('');
    setAdded(null);
    await signIn(async () => {
      const connection = await add({
        baseUrl,
        email,
        password: secret,
        label: label.trim() || undefined,
        kind,
        ...(secondFactor ? { code: secondFactor } : {}),
        ...(key ? { accessKey: key } : {}),
      }).catch((error: unknown) => {
        if (asksForCode(error)) setCodeAsked(true);
        throw error;
      });
      setCodeAsked(false);
      setBaseUrl('');
      setEmail('');
      setLabel('');
      setAdded(t('addProvider.added', { label: connection.label }));
      onAdded?.();
    });
  }

  return (
    <form className="form" aria-labelledby={`${id}-h`} aria-busy={busy} onSubmit={(e) => void submit(e)} noValidate={false}>
      <h2 id={`${id}-h`} className="section-title">
        {t('addProvider.heading')}
      </h2>
      <p className="muted">{t('addProvider.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('addProvider.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ConnectorKind)}>
          <option value="clientarea">{t('addProvider.kindClientarea')}</option>
          <option value="whmcs">{t('addProvider.kindWhmcs')}</option>
          <option value="whmcs-admin">{t('addProvider.kindWhmcsAdmin')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('addProvider.url')}</label>
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          required
          placeholder="https://"
          aria-describedby={`${id}-url-hint`}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <span id={`${id}-url-hint`} className="hint">
          {t('addProvider.urlHint')}
        </span>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-email`}>{withApiCredentials ? t('addProvider.identifier') : t('addProvider.email')}</label>
          <input
            id={`${id}-email`}
            type={withApiCredentials ? 'text' : 'email'}
            autoComplete={withApiCredentials ? 'off' : 'username'}
            spellCheck={false}
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{withApiCredentials ? t('addProvider.secret') : t('addProvider.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete={withApiCredentials ? 'off' : 'current-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
      </div>
      {withApiCredentials && (
        <div className="field">
          <label htmlFor={`${id}-access-key`}>{t('whmcs.accessKey')}</label>
          <input
            id={`${id}-access-key`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={1024}
            aria-describedby={`${id}-access-key-hint`}
            value={accessKey}
            onChange={(e) => setAccessKey(e.target.value)}
          />
          <span id={`${id}-access-key-hint`} className="hint">
            {t('whmcs.accessKeyHint')}
          </span>
        </div>
      )}
      {showsCode && <SecondFactorField id={`${id}-code`} value={code} onChange={setCode} asked={codeAsked} />}
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('addProvider.label')}</label>
        <input id={`${id}-label`} type="text" maxLength={100} aria-describedby={`${id}-label-hint`} value={label} onChange={(e) => setLabel(e.target.value)} />
        <span id={`${id}-label-hint`} className="hint">
          {t('addProvider.labelHint')}
        </span>
      </div>
      <div role="alert" className="form__alert">
        {error && <p className="inline-error">{error}</p>}
      </div>
      <div role="status" className="form__status">
        {added && <p className="inline-ok">{added}</p>}
      </div>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy && <Spinner />}
          {busy ? t('addProvider.submitting') : t('addProvider.submit')}
        </button>
      </div>
    </form>
  );
}
