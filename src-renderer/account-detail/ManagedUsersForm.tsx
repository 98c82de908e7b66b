import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionPreset } from '../../src-shared/api/permissions.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { Spinner } from '../kit/Spinner.js';
import { useSubmit } from '../kit/use-submit.js';
import { useAudit } from './audit-store.js';
import { PRESET_NAMES, presetPermissions } from './grant-draft.js';
import { useTeam } from './team-store.js';

interface Draft {
  key: number;
  name: string;
  email: string;
  notificationEmail: string;
  preset: PermissionPreset;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_ROWS = 50;
/** Row keys only need to be unique while the form lives; one counter for all forms is enough. */
let nextDraftKey = 1;

/** The owner creates several logins at once, and chooses whether they get their activation mail now. */
export function ManagedUsersForm({ row }: { row: ListedAccount }) {
  const { t } = useTranslation();
  const id = useId();
  const createManaged = useTeam((s) => s.createManaged);
  const blank = (): Draft => ({ key: nextDraftKey++, name: '', email: '', notificationEmail: '', preset: 'supportOnly' });
  const [drafts, setDrafts] = useState<Draft[]>(() => [blank()]);
  const [sendActivation, setSendActivation] = useState(true);
  const [tried, setTried] = useState(false);
  const { busy, error, submit: create } = useSubmit();
  const [result, setResult] = useState<string | null>(null);
  const firstNameRef = useRef<HTMLInputElement | null>(null);

  const problems = (d: Draft) => ({
    name: d.name.trim() === '',
    email: !EMAIL.test(d.email.trim()),
    notificationEmail: d.notificationEmail.trim() !== '' && !EMAIL.test(d.notificationEmail.trim()),
  });
  const invalid = drafts.some((d) => Object.values(problems(d)).some(Boolean));
  const change = (key: number, patch: Partial<Draft>) => setDrafts(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  function addRow() {
    const added = blank();
    setDrafts([...drafts, added]);
    requestAnimationFrame(() => document.getElementById(`${id}-name-${added.key}`)?.focus());
  }

  function removeRow(key: number, index: number) {
    const rest = drafts.filter((d) => d.key !== key);
    setDrafts(rest);
    const focusTo = rest[Math.min(index, rest.length - 1)];
    requestAnimationFrame(() => document.getElementById(`${id}-name-${focusTo?.key}`)?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    setResult(null);
    if (invalid) return;
    await create(async () => {
      const users = drafts.map((d) => ({
        name: d.name.trim(),
        email: d.email.trim(),
        ...(d.notificationEmail.trim() ? { notificationEmail: d.notificationEmail.trim() } : {}),
        role: 'member' as const,
        permissions: presetPermissions(d.preset, 'member'),
      }));
      const created = await createManaged({ users, sendActivation });
      const names = created.map((u) => u.name).join(', ');
      setResult(t(sendActivation ? 'managed.createdSent' : 'managed.createdNotSent', { count: created.length, names }));
      setDrafts([blank()]);
      setTried(false);
      void useAudit.getState().load({ connectionId: row.connectionId, accountId: row.id });
      firstNameRef.current?.focus();
    });
  }

  return (
    <form className="form card managed-form" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <div>
        <h3 id={`${id}-h`} className="section-title">
          {t('managed.heading')}
        </h3>
        <p className="muted">{t('managed.intro', { account: row.name })}</p>
      </div>
      <table className="table managed-form__rows">
        <thead>
          <tr>
            <th scope="col">{t('managed.name')}</th>
            <th scope="col">{t('managed.email')}</th>
            <th scope="col">{t('managed.notificationEmail')}</th>
            <th scope="col">{t('team.permissions')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('accounts.colActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d, i) => {
            const p = tried ? problems(d) : { name: false, email: false, notificationEmail: false };
            const n = i + 1;
            return (
              <tr key={d.key}>
                <td>
                  <input
                    id={`${id}-name-${d.key}`}
                    ref={i === 0 ? firstNameRef : undefined}
                    aria-label={t('managed.nameOf', { n })}
                    aria-invalid={p.name || undefined}
                    value={d.name}
                    onChange={(e) => change(d.key, { name: e.target.value })}
                  />
                  {p.name && <span className="inline-error small">{t('contacts.nameMissing')}</span>}
                </td>
                <td>
                  <input
                    type="email"
                    aria-label={t('managed.emailOf', { n })}
                    aria-invalid={p.email || undefined}
                    value={d.email}
                    onChange={(e) => change(d.key, { email: e.target.value })}
                  />
                  {p.email && <span className="inline-error small">{t('team.emailInvalid')}</span>}
                </td>
                <td>
                  <input
                    type="email"
                    aria-label={t('managed.notificationEmailOf', { n })}
                    aria-invalid={p.notificationEmail || undefined}
                    placeholder={t('managed.optional')}
                    value={d.notificationEmail}
                    onChange={(e) => change(d.key, { notificationEmail: e.target.value })}
                  />
                  {p.notificationEmail && <span className="inline-error small">{t('team.emailInvalid')}</span>}
                </td>
                <td>
                  <select
                    aria-label={t('managed.presetOf', { n })}
                    value={d.preset}
                    onChange={(e) => change(d.key, { preset: e.target.value as PermissionPreset })}
                  >
                    {PRESET_NAMES.map((name) => (
                      <option key={name} value={name}>
                        {t(`team.presets.${name}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="actions">
                  {drafts.length > 1 && (
                    <button type="button" className="btn btn--small btn--ghost" aria-label={t('managed.removeRow', { n })} onClick={() => removeRow(d.key, i)}>
                      {t('managed.remove')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <button type="button" className="btn btn--small" onClick={addRow} disabled={drafts.length >= MAX_ROWS}>
          + {t('managed.addRow')}
        </button>
      </div>
      <fieldset className="field">
        <legend className="field-label">{t('managed.activationLegend')}</legend>
        <div className="choice-cards">
          <label className="check check--block">
            <input type="radio" name={`${id}-activation`} checked={sendActivation} onChange={() => setSendActivation(true)} />
            <span className="check__text">
              <span className="check__title">{t('managed.sendNow')}</span>
              <span className="hint">{t('managed.sendNowHint')}</span>
            </span>
          </label>
          <label className="check check--block">
            <input type="radio" name={`${id}-activation`} checked={!sendActivation} onChange={() => setSendActivation(false)} />
            <span className="check__text">
              <span className="check__title">{t('managed.sendLater')}</span>
              <span className="hint">{t('managed.sendLaterHint')}</span>
            </span>
          </label>
        </div>
      </fieldset>
      <div role="alert" className="form__alert">
        {error && <p className="inline-error">{error}</p>}
        {tried && invalid && <p className="inline-error">{t('managed.fixRows')}</p>}
      </div>
      <div role="status" className="form__status">
        {result && <p className="inline-ok">{result}</p>}
      </div>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} aria-busy={busy}>
          {busy && <Spinner />}
          {t('managed.submit', { count: drafts.length })}
        </button>
      </div>
    </form>
  );
}
