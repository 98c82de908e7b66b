import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { providerName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { Spinner } from '../kit/Spinner.js';
import { useSubmit } from '../kit/use-submit.js';
import { TextField } from '../kit/TextField.js';
import { useBulk } from './bulk-store.js';
import { offboardRows } from './offboard-rows.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Offboarding: find everywhere one person has access among the accounts the user runs, show the
 * list (and what could not be searched), and remove them from the chosen ones after a confirmation.
 */
export function OffboardForm() {
  const { t } = useTranslation();
  const id = useId();
  const connections = useConnections((s) => s.connections);
  const search = useBulk((s) => s.search);
  const findAccess = useBulk((s) => s.findAccess);
  const offboard = useBulk((s) => s.offboard);
  const [email, setEmail] = useState('');
  const [tried, setTried] = useState(false);
  // Every membership found starts chosen: offboarding means all of them unless the user says otherwise.
  const [unchosen, setUnchosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const searching = useSubmit();
  const removing = useSubmit({ staysBusyOnSuccess: true, keepsErrorWhileBusy: true });
  const emailInvalid = !EMAIL.test(email.trim());

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (emailInvalid) return;
    await searching.submit(async () => {
      await findAccess(email.trim());
      setUnchosen(new Set());
    });
  }

  const rows = search ? offboardRows(search) : [];
  const targets = rows.filter((r) => !unchosen.has(r.key));

  return (
    <div className="bulk-form">
      <form className="form card" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void find(e)}>
        <h3 id={`${id}-h`} className="section-title">
          {t('bulk.offboardHeading')}
        </h3>
        <TextField
          id={`${id}-email`}
          type="email"
          label={t('bulk.email')}
          value={email}
          onChange={setEmail}
          hint={t('bulk.offboardEmailHint')}
          error={tried && emailInvalid ? t('bulk.emailInvalid') : null}
        />
        <div role="alert" className="form__alert">
          {searching.error && <p className="inline-error">{searching.error}</p>}
        </div>
        <div className="form__actions">
          <button type="submit" className="btn" disabled={searching.busy} aria-busy={searching.busy}>
            {searching.busy && <Spinner />}
            {t('bulk.findAccess')}
          </button>
        </div>
      </form>

      {search && (
        <section className="card bulk-found" aria-labelledby={`${id}-found`}>
          <h3 id={`${id}-found`} className="section-title">
            {t('bulk.foundHeading', { email: search.email, n: rows.length })}
          </h3>
          {rows.length === 0 ? (
            <p className="hint">{t('bulk.foundNone', { email: search.email })}</p>
          ) : (
            <fieldset className="bulk-picker">
              <legend className="visually-hidden">{t('bulk.foundLegend', { email: search.email })}</legend>
              {rows.map((r) => (
                <label key={r.key} className="check check--block">
                  <input
                    type="checkbox"
                    checked={!unchosen.has(r.key)}
                    onChange={(e) => {
                      const next = new Set(unchosen);
                      if (e.target.checked) next.delete(r.key);
                      else next.add(r.key);
                      setUnchosen(next);
                    }}
                  />
                  <span>
                    {r.role
                      ? t('bulk.foundRow', { account: r.accountName, provider: providerName(r, connections, t), role: t(`roles.${r.role}`) })
                      : t('bulk.foundInvitationRow', { account: r.accountName, provider: providerName(r, connections, t) })}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {search.unsearched.length > 0 && (
            <div className="bulk-unable">
              <p className="field-label">{t('bulk.unsearchedHeading')}</p>
              <ul>
                {search.unsearched.map((u) => (
                  <li key={`${u.connectionId}-${u.accountId ?? ''}`}>
                    {t(`bulk.unsearched.${u.reason === 'unreachable' && u.accountName ? 'unreachableAccount' : u.reason}`, {
                      provider: providerName(u, connections, t),
                      account: u.accountName ?? '',
                    })}
                    {u.detail ? ` ${u.detail}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {rows.length > 0 && (
            <div className="form__actions">
              <button type="button" className="btn btn--danger" disabled={targets.length === 0} onClick={() => setConfirming(true)}>
                {t('bulk.offboardSubmit', { n: targets.length })}
              </button>
            </div>
          )}
        </section>
      )}

      {confirming && search && (
        <Dialog
          title={t('bulk.confirmTitle', { email: search.email })}
          description={t('bulk.confirmText', { email: search.email, n: targets.length })}
          onClose={() => setConfirming(false)}
          footer={
            <DialogActions
              onCancel={() => setConfirming(false)}
              busy={removing.busy}
              tone="danger"
              label={t('bulk.confirmRemove', { n: targets.length })}
              onConfirm={() =>
                removing.submit(async () => {
                  await offboard({
                    email: search.email,
                    targets: targets.map((r) => r.target),
                  });
                  setConfirming(false);
                  setEmail('');
                  setTried(false);
                })
              }
            />
          }
        >
          <ul className="bulk-confirm-list">
            {targets.map((r) => (
              <li key={r.key}>
                {t(r.role ? 'bulk.confirmRow' : 'bulk.confirmInvitationRow', { account: r.accountName, provider: providerName(r, connections, t) })}
              </li>
            ))}
          </ul>
          {removing.error && (
            <p role="alert" className="inline-error">
              {removing.error}
            </p>
          )}
        </Dialog>
      )}
    </div>
  );
}
