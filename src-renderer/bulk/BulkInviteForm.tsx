import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../src-shared/api/permissions.js';
import type { GrantRole } from '../../src-shared/api/primitives.js';
import { safeDefaultGrant } from '../account-detail/grant-draft.js';
import { PermissionPicker, RolePicker } from '../account-detail/PermissionPicker.js';
import { Spinner } from '../kit/Spinner.js';
import { useNow } from '../kit/use-now.js';
import { useSubmit } from '../kit/use-submit.js';
import { TextField } from '../kit/TextField.js';
import { AccountPicker } from './AccountPicker.js';
import { endOfDay } from './bulk-progress.js';
import { useBulk } from './bulk-store.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One person invited to many accounts at once: who, what they may do, until when, and where. */
export function BulkInviteForm() {
  const { t } = useTranslation();
  const id = useId();
  const invite = useBulk((s) => s.invite);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<GrantRole>(() => safeDefaultGrant().role);
  const [permissions, setPermissions] = useState<Permission[]>(() => safeDefaultGrant().permissions);
  const [ends, setEnds] = useState(false);
  const [endDate, setEndDate] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [tried, setTried] = useState(false);
  const { busy, error, submit: send } = useSubmit();
  const now = useNow();

  const emailInvalid = !EMAIL.test(email.trim());
  const expiresAt = ends ? endOfDay(endDate) : null;
  const endInvalid = ends && (expiresAt === null || new Date(expiresAt).getTime() <= now.getTime());
  const noPermission = permissions.length === 0;
  const noAccount = chosen.size === 0;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (emailInvalid || endInvalid || noPermission || noAccount) return;
    const targets = [...chosen].map((key) => {
      const [connectionId, accountId] = key.split('\u0000') as [string, string];
      return { connectionId, accountId };
    });
    await send(async () => {
      await invite({ email: email.trim(), grant: { role, permissions, ...(expiresAt ? { expiresAt } : {}) }, targets });
      // The next bulk invite starts from the safe default again, for another person.
      const fresh = safeDefaultGrant();
      setEmail('');
      setRole(fresh.role);
      setPermissions(fresh.permissions);
      setEnds(false);
      setEndDate('');
      setChosen(new Set());
      setTried(false);
    });
  }

  return (
    <form className="form card bulk-form" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-h`} className="section-title">
        {t('bulk.inviteHeading')}
      </h3>
      <TextField
        id={`${id}-email`}
        type="email"
        label={t('bulk.email')}
        value={email}
        onChange={setEmail}
        hint={t('bulk.inviteEmailHint')}
        error={tried && emailInvalid ? t('bulk.emailInvalid') : null}
      />
      {/* Who, then where, then what: the accounts come before the grant that applies to all of them. */}
      <AccountPicker chosen={chosen} onChange={setChosen} invalid={tried && noAccount} />
      <RolePicker
        value={role}
        onChange={(r) => {
          setRole(r);
          if (r === 'member') setPermissions((p) => p.filter((x) => x !== 'users.manage'));
        }}
      />
      <PermissionPicker value={permissions} role={role} onChange={setPermissions} invalid={tried && noPermission} />
      <fieldset className="field">
        <legend className="field-label">{t('bulk.expiry')}</legend>
        <label className="check">
          <input type="checkbox" checked={ends} onChange={(e) => setEnds(e.target.checked)} />
          <span>{t('bulk.expiryOn')}</span>
        </label>
        {ends && (
          <>
            <label htmlFor={`${id}-end`}>{t('bulk.expiryDate')}</label>
            <input
              id={`${id}-end`}
              type="date"
              value={endDate}
              aria-invalid={tried && endInvalid}
              aria-describedby={`${id}-end-hint`}
              onChange={(e) => setEndDate(e.target.value)}
            />
            <span id={`${id}-end-hint`} className={tried && endInvalid ? 'inline-error' : 'hint'}>
              {tried && endInvalid ? t('bulk.expiryInvalid') : t('bulk.expiryHint')}
            </span>
          </>
        )}
      </fieldset>
      <div role="alert" className="form__alert">
        {error && <p className="inline-error">{error}</p>}
      </div>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
          {busy && <Spinner />}
          {t('bulk.inviteSubmit', { n: chosen.size })}
        </button>
      </div>
    </form>
  );
}
