import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import { Dialog } from '../kit/Dialog.js';
import { Spinner } from '../kit/Spinner.js';
import { SyncStatusText } from '../kit/SyncStatusText.js';
import { useSubmit } from '../kit/use-submit.js';
import { connectionName } from './connection-name.js';
import { useConnections } from './connections-store.js';
import { asksForCode, SecondFactorField } from './SecondFactorField.js';

type Mode = 'idle' | 'rename' | 'signIn' | 'remove';

/** One login at one provider: its state, and sign in again, rename, sync, remove. */
export function ConnectionItem({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const status = useConnections((s) => s.syncStatuses[connection.id]);
  const syncNow = useConnections((s) => s.syncNow);
  const [mode, setMode] = useState<Mode>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const needsSignIn = status?.state === 'needs_sign_in';
  const label = connectionName(connection, t);
  const done = (text: string | null) => {
    setMode('idle');
    setNotice(text);
  };

  return (
    <li className={`connection${needsSignIn ? ' connection--attention' : ''}`} aria-label={label}>
      <div className="connection__main">
        <div className="connection__title">
          <strong>{label}</strong>
          {connection.isDemo && <span className="tag">{t('connections.demo')}</span>}
        </div>
        <dl className="connection__facts">
          <dt className="visually-hidden">{t('connections.address')}</dt>
          <dd className="mono">{connection.baseUrl}</dd>
          <dt className="visually-hidden">{t('addProvider.email')}</dt>
          <dd>{t('connections.signedInAs', { email: connection.email })}</dd>
        </dl>
        <SyncStatusText status={status} />
      </div>
      <div className="connection__actions">
        <div className="connection__buttons">
          <button
            type="button"
            className="btn btn--small"
            aria-label={t('connections.syncFor', { label })}
            disabled={status?.state === 'syncing'}
            onClick={() => void syncNow(connection.id)}
          >
            {t('nav.syncNow')}
          </button>
          <button type="button" className="btn btn--small" aria-label={t('connections.renameFor', { label })} onClick={() => setMode('rename')}>
            {t('connections.rename')}
          </button>
          {!needsSignIn && !connection.isDemo && (
            <button type="button" className="btn btn--small" aria-label={t('connections.signInAgainFor', { label })} onClick={() => setMode('signIn')}>
              {t('connections.signInAgain')}
            </button>
          )}
          <button
            type="button"
            className="btn btn--small btn--danger-outline"
            aria-label={t('connections.removeFor', { label })}
            onClick={() => setMode('remove')}
          >
            {t('connections.confirm')}
          </button>
        </div>
      </div>
      <div className="connection__footer">
        {/* Not a list: the connection list's items are counted by people and tests alike. */}
        <p className="caps">
          <span className="visually-hidden">{t('connections.capabilities')}: </span>
          {connection.capabilities.map((c) => (
            <span key={c} className="chip chip--small">
              {t(`connections.caps.${c.replace('.', '_')}`)}
            </span>
          ))}
        </p>
        {mode === 'rename' && <RenameForm connection={connection} onDone={done} />}
        {(mode === 'signIn' || needsSignIn) && mode !== 'rename' && (
          <SignInForm
            connection={connection}
            highlighted={needsSignIn}
            codeWanted={needsSignIn && status?.asksForCode === true}
            onDone={done}
            onCancel={needsSignIn ? undefined : () => setMode('idle')}
          />
        )}
        <div role="status">{notice && <p className="inline-ok">{notice}</p>}</div>
      </div>
      {mode === 'remove' && <RemoveDialog connection={connection} onClose={() => setMode('idle')} />}
    </li>
  );
}

function RenameForm({ connection, onDone }: { connection: Connection; onDone(text: string | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const rename = useConnections((s) => s.rename);
  const [label, setLabel] = useState(connection.label);
  // The form closes once renamed, so the button stays busy until it is gone.
  const { busy, error, setError, submit: save } = useSubmit({ staysBusyOnSuccess: true });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (label.trim() === '') return setError(t('connections.nameMissing'));
    await save(async () => {
      const saved = await rename(connection.id, label.trim());
      onDone(t('connections.renamed', { label: saved.label }));
    });
  }

  return (
    <form className="inline-form" aria-label={t('connections.renameFor', { label: connection.label })} onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-l`}>{t('connections.newName')}</label>
      <input id={`${id}-l`} autoFocus maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} />
      <button type="submit" className="btn btn--small btn--primary" disabled={busy}>
        {t('common.save')}
      </button>
      <button type="button" className="btn btn--small" onClick={() => onDone(null)} disabled={busy}>
        {t('common.cancel')}
      </button>
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </form>
  );
}

function SignInForm({
  connection,
  highlighted,
  codeWanted,
  onDone,
  onCancel,
}: {
  connection: Connection;
  highlighted: boolean;
  /** Signing in again by itself met a two-factor challenge: the code is asked for at once. */
  codeWanted: boolean;
  onDone(text: string): void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const reauthenticate = useConnections((s) => s.reauthenticate);
  const [password, setPassword] = useState('');
  // Shown once the provider asks for a code: most logins have none, and the field would only puzzle them.
  const [code, setCode] = useState('');
  const [codeAsked, setCodeAsked] = useState(false);
  const showsCode = codeAsked || codeWanted;
  const { busy, error, submit: signIn } = useSubmit();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const secret = password;
    const secondFactor = showsCode && code.trim() ? code.trim() : undefined;
    setPassword('');
    setCode('');
    await signIn(async () => {
      await reauthenticate(connection.id, secret, secondFactor).catch((failure: unknown) => {
        if (asksForCode(failure)) setCodeAsked(true);
        throw failure;
      });
      onDone(t('connections.signedInAgain', { label: connection.label }));
    });
  }

  return (
    <form
      className={`inline-form${highlighted ? ' inline-form--attention' : ''}`}
      aria-label={t('connections.signInAgainFor', { label: connection.label })}
      onSubmit={(e) => void submit(e)}
    >
      {highlighted && <p className="inline-form__text">{t('connections.needsSignInText', { email: connection.email })}</p>}
      <label htmlFor={`${id}-p`}>{t('connections.passwordFor', { email: connection.email })}</label>
      <input id={`${id}-p`} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {showsCode && <SecondFactorField id={`${id}-code`} value={code} onChange={setCode} asked={showsCode} />}
      <button type="submit" className="btn btn--small btn--primary" disabled={busy || password === ''} aria-busy={busy}>
        {busy && <Spinner />}
        {t('connections.signIn')}
      </button>
      {onCancel && (
        <button type="button" className="btn btn--small" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      )}
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </form>
  );
}

function RemoveDialog({ connection, onClose }: { connection: Connection; onClose(): void }) {
  const { t } = useTranslation();
  const remove = useConnections((s) => s.remove);
  // The connection leaves the list on success and takes the dialog with it; until then it stays busy.
  const { busy, error, submit } = useSubmit({
    staysBusyOnSuccess: true,
    describeError: (message) => t('connections.removeFailed', { label: connection.label, message }),
  });

  async function confirm() {
    await submit(() => remove(connection.id));
  }

  return (
    <Dialog
      title={t('connections.removeTitle', { label: connection.label })}
      onClose={onClose}
      size="small"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('connections.cancel')}
          </button>
          <button type="button" className="btn btn--danger" disabled={busy} aria-busy={busy} onClick={() => void confirm()}>
            {busy && <Spinner />}
            {t('connections.confirm')}
          </button>
        </>
      }
    >
      <p>{t('connections.confirmRemove', { label: connection.label })}</p>
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </Dialog>
  );
}
