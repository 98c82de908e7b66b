import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../src-shared/api/permissions.js';
import type { CreateInvitation } from '../../src-shared/api/team.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { providerName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { Spinner } from '../kit/Spinner.js';
import { useSubmit } from '../kit/use-submit.js';
import { TextField } from '../kit/TextField.js';
import { useAudit } from './audit-store.js';
import { endOfDay, firstEndDay, isFutureDay, useAccessPolicy } from './access-end.js';
import { safeDefaultGrant } from './grant-draft.js';
import { PermissionPicker, RolePicker } from './PermissionPicker.js';
import { isEmptyChoice, type ScopeChoice, scopeOf, scopeOptions } from './scope-choice.js';
import { ScopePicker } from './ScopePicker.js';
import { RequestAccessOffer } from './RequestAccessOffer.js';
import { useTeam } from './team-store.js';
import { useAccountProducts } from './use-account-products.js';
import { CUSTOMER_NUMBER_PATTERN, type GrantRole } from '../../src-shared/api/primitives.js';

type Method = 'email' | 'customerNumber';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Invite someone by email, or by customer number with their consent, with a preset or chosen permissions. */
export function InviteForm({ row, focused = false }: { row: ListedAccount; focused?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focused) firstField.current?.focus();
  }, [focused]);
  const invite = useTeam((s) => s.invite);
  const [method, setMethod] = useState<Method>('email');
  const [email, setEmail] = useState('');
  const [customerNumber, setCustomerNumber] = useState('');
  const [consent, setConsent] = useState(false);
  const [role, setRole] = useState<GrantRole>(() => safeDefaultGrant().role);
  const [permissions, setPermissions] = useState<Permission[]>(() => safeDefaultGrant().permissions);
  const products = useAccountProducts(row);
  const connections = useConnections((s) => s.connections);
  const [scopeChoice, setScopeChoice] = useState<ScopeChoice>(null);
  const policy = useAccessPolicy(row);
  // Empty: the access does not end (the default); otherwise the last day of access.
  const [endDay, setEndDay] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, refusedForPermission, submit: send } = useSubmit();
  const [sent, setSent] = useState<string | null>(null);
  const [wasReset, setWasReset] = useState(false);

  const emailInvalid = method === 'email' && !EMAIL.test(email.trim());
  const numberInvalid = method === 'customerNumber' && !CUSTOMER_NUMBER_PATTERN.test(customerNumber.trim());
  const consentMissing = method === 'customerNumber' && !consent;
  const noPermission = permissions.length === 0;
  const scopeEmpty = isEmptyChoice(scopeChoice);
  const endInvalid = endDay !== '' && !isFutureDay(endDay, new Date());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    setSent(null);
    setWasReset(false);
    if (emailInvalid || numberInvalid || consentMissing || noPermission || scopeEmpty || endInvalid) return;
    const scope = scopeOf(scopeChoice);
    const expiresAt = policy.ends && endDay !== '' ? endOfDay(endDay) : null;
    const grant = { role, permissions, ...(scope ? { scope } : {}), ...(expiresAt ? { expiresAt } : {}) };
    const invitation: CreateInvitation =
      method === 'email' ? { email: email.trim(), ...grant } : { customerNumber: customerNumber.trim(), consent: true, ...grant };
    await send(async () => {
      await invite(invitation);
      setSent(t(method === 'email' ? 'team.invitedEmail' : 'team.invitedNumber', { who: method === 'email' ? email.trim() : customerNumber.trim() }));
      setEmail('');
      setCustomerNumber('');
      setConsent(false);
      const fresh = safeDefaultGrant();
      setRole(fresh.role);
      setPermissions(fresh.permissions);
      setScopeChoice(null);
      setEndDay('');
      setWasReset(true);
      setTried(false);
      void useAudit.getState().load({ connectionId: row.connectionId, accountId: row.id });
    });
  }

  return (
    <form className="form card invite-form" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-h`} className="section-title">
        {t('team.inviteHeading')}
      </h3>
      <fieldset className="field">
        <legend className="field-label">{t('team.inviteBy')}</legend>
        <div className="segmented">
          {(['email', 'customerNumber'] as const).map((m) => (
            <label key={m} className="segmented__option">
              <input type="radio" name={`${id}-method`} checked={method === m} onChange={() => setMethod(m)} />
              <span>{t(`team.method.${m}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {method === 'email' ? (
        <TextField
          id={`${id}-email`}
          inputRef={firstField}
          type="email"
          label={t('team.inviteEmail')}
          value={email}
          onChange={setEmail}
          hint={t('team.inviteEmailHint')}
          error={tried && emailInvalid ? t('team.emailInvalid') : null}
        />
      ) : (
        <>
          <TextField
            id={`${id}-number`}
            inputMode="numeric"
            label={t('team.customerNumber')}
            value={customerNumber}
            onChange={setCustomerNumber}
            hint={t('team.customerNumberHint')}
            error={tried && numberInvalid ? t('team.customerNumberInvalid') : null}
          />
          <label className={`check check--block${tried && consentMissing ? ' check--invalid' : ''}`}>
            <input type="checkbox" checked={consent} aria-invalid={tried && consentMissing} onChange={(e) => setConsent(e.target.checked)} />
            <span>{t('team.consent', { account: row.name, provider: providerName(row, connections, t) })}</span>
          </label>
          {tried && consentMissing && <p className="inline-error">{t('team.consentMissing')}</p>}
        </>
      )}
      <RolePicker
        value={role}
        onChange={(r) => {
          setRole(r);
          if (r === 'member') setPermissions((p) => p.filter((x) => x !== 'users.manage'));
        }}
      />
      <PermissionPicker value={permissions} role={role} onChange={setPermissions} invalid={tried && noPermission} />
      <ScopePicker options={scopeOptions(products, row.domains)} value={scopeChoice} onChange={setScopeChoice} invalid={tried && scopeEmpty} />
      {policy.ends ? (
        <div className="field">
          <label htmlFor={`${id}-end`}>{t('expiry.field')}</label>
          <input
            id={`${id}-end`}
            type="date"
            min={firstEndDay(new Date())}
            value={endDay}
            aria-invalid={tried && endInvalid}
            aria-describedby={`${id}-end-hint`}
            onChange={(e) => setEndDay(e.target.value)}
          />
          <span id={`${id}-end-hint`} className={tried && endInvalid ? 'inline-error' : 'hint'}>
            {tried && endInvalid ? t('expiry.fieldPast') : t('expiry.fieldHint')}
          </span>
        </div>
      ) : (
        <p className="hint">{t('expiry.unsupported', { provider: providerName(row, connections, t) })}</p>
      )}
      <div role="alert" className="form__alert">
        {error && <p className="inline-error">{error}</p>}
      </div>
      {refusedForPermission && <RequestAccessOffer row={row} needed="users.manage" />}
      <div role="status" className="form__status">
        {sent && <p className="inline-ok">{sent}</p>}
      </div>
      {/* Its own live region: the sent sentence above stays exactly what was sent. */}
      <div aria-live="polite" className="form__status">
        {wasReset && (
          <p className="hint">{t('team.inviteReset', { role: t('roles.member'), preset: t('team.presets.webDeveloper'), scope: t('team.scopeAll') })}</p>
        )}
      </div>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
          {busy && <Spinner />}
          {t('team.sendInvitation')}
        </button>
      </div>
    </form>
  );
}
