import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_KINDS, type Contact, type MailPreferences } from '../../src-shared/api/contacts.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { useSubmit } from '../kit/use-submit.js';
import { useContacts } from './contacts-store.js';

const TEXT_FIELDS = ['company', 'phone', 'address1', 'address2', 'city', 'postcode', 'region', 'country'] as const;
type TextField = 'name' | 'email' | (typeof TEXT_FIELDS)[number];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NEW_PREFERENCES: MailPreferences = { general: true, services: false, domains: false, billing: false, support: false };

/** Adds a contact, or edits one: details and the five kinds of mail they get. */
export function ContactDialog({ contact, onClose, onSaved }: { contact?: Contact; onClose(): void; onSaved(contact: Contact): void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useContacts((s) => s.create);
  const update = useContacts((s) => s.update);
  const [fields, setFields] = useState<Record<TextField, string>>(() => {
    const start = { name: contact?.name ?? '', email: contact?.email ?? '' } as Record<TextField, string>;
    for (const field of TEXT_FIELDS) start[field] = contact?.[field] ?? '';
    return start;
  });
  const [preferences, setPreferences] = useState<MailPreferences>(contact?.preferences ?? NEW_PREFERENCES);
  const [tried, setTried] = useState(false);
  // The dialog closes on save, so the button stays busy until it is gone.
  const { busy, error, submit: save } = useSubmit({ staysBusyOnSuccess: true });
  const nameMissing = fields.name.trim() === '';
  const emailInvalid = !EMAIL.test(fields.email.trim());
  const countryInvalid = !/^([A-Za-z]{2})?$/.test(fields.country.trim());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (nameMissing || emailInvalid || countryInvalid) return;
    const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim()])) as Record<TextField, string>;
    await save(async () => {
      const saved = contact ? await update(contact.id, { ...values, preferences }) : await create({ ...values, preferences });
      onSaved(saved);
    });
  }

  const input = (
    name: TextField,
    opts: { required?: boolean; invalid?: boolean; type?: string; autoComplete?: string; message?: string; placeholder?: string } = {},
  ) => (
    <div className={`field field--${name}`}>
      <label htmlFor={`${id}-${name}`}>
        {t(`contacts.fields.${name}`)}
        {opts.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={`${id}-${name}`}
        type={opts.type ?? 'text'}
        autoComplete={opts.autoComplete ?? 'off'}
        placeholder={opts.placeholder}
        required={opts.required}
        aria-invalid={tried && opts.invalid ? true : undefined}
        aria-describedby={tried && opts.invalid ? `${id}-${name}-err` : undefined}
        value={fields[name]}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
      />
      {tried && opts.invalid && (
        <span id={`${id}-${name}-err`} className="inline-error small">
          {opts.message}
        </span>
      )}
    </div>
  );

  return (
    <Dialog
      title={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.addTitle')}
      onClose={onClose}
      size="large"
      footer={<DialogActions onCancel={onClose} busy={busy} label={contact ? t('contacts.saveContact') : t('contacts.addContact')} form={`${id}-form`} />}
    >
      <form id={`${id}-form`} className="form contact-form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="field-row">
          {input('name', { required: true, invalid: nameMissing, autoComplete: 'off', message: t('contacts.nameMissing') })}
          {input('email', { required: true, invalid: emailInvalid, type: 'email', message: t('team.emailInvalid') })}
        </div>
        <div className="field-row">
          {input('company')}
          {input('phone', { type: 'tel' })}
        </div>
        <div className="field-row">
          {input('address1')}
          {input('address2')}
        </div>
        <div className="field-row field-row--4">
          {input('postcode')}
          {input('city')}
          {input('region')}
          {input('country', { invalid: countryInvalid, message: t('contacts.countryInvalid'), placeholder: 'IT' })}
        </div>
        <fieldset className="prefs">
          <legend className="field-label">{t('contacts.mailHeading')}</legend>
          {MAIL_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={preferences[kind]} onChange={(e) => setPreferences({ ...preferences, [kind]: e.target.checked })} />
              <span>
                {t(`contacts.mail.${kind}`)}
                <span className="hint"> — {t(`contacts.mailHint.${kind}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
      </form>
    </Dialog>
  );
}
