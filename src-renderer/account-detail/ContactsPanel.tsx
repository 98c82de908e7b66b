import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIL_KINDS, type Contact } from '../../src-shared/api/contacts.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { PersonCell } from './PersonCell.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { EmptyState } from '../kit/EmptyState.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { Skeleton } from '../kit/Skeleton.js';
import { useSubmit } from '../kit/use-submit.js';
import { ContactDialog } from './ContactDialog.js';
import { useContacts } from './contacts-store.js';
import { PromoteDialog } from './PromoteDialog.js';

type Editing = { kind: 'new' } | { kind: 'edit'; contact: Contact } | { kind: 'delete'; contact: Contact } | { kind: 'promote'; contact: Contact };

/** People on the account without a login: who they are, which mails they get, and promotion to user. */
export function ContactsPanel({ row, canPromote }: { row: ListedAccount; canPromote: boolean }) {
  const { t } = useTranslation();
  const status = useContacts((s) => s.status);
  const contacts = useContacts((s) => s.contacts);
  const error = useContacts((s) => s.error);
  const failures = useContacts((s) => s.failures);
  const load = useContacts((s) => s.load);
  const setPreference = useContacts((s) => s.setPreference);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const ref = { connectionId: row.connectionId, accountId: row.id };
  const close = () => setEditing(null);
  const finish = (text: string) => {
    setNotice(text);
    close();
  };

  const addButton = (
    <button type="button" className="btn btn--primary" onClick={() => setEditing({ kind: 'new' })}>
      {t('contacts.add')}
    </button>
  );

  return (
    <div className="contacts">
      <div className="section-head">
        <div>
          <h3 className="section-title">{t('contacts.heading')}</h3>
          <p className="muted">{t('contacts.intro')}</p>
        </div>
        {contacts.length > 0 && addButton}
      </div>
      <div role="status" className="outcome-region">
        {notice && <div className="banner banner--ok">{notice}</div>}
      </div>
      {error && <ErrorBanner title={t('contacts.loadFailed')} message={error} onRetry={() => void load(ref)} />}
      {status === 'loading' || status === 'idle' ? (
        <Skeleton label={t('contacts.loading')} rows={3} />
      ) : contacts.length === 0 ? (
        status === 'ready' && (
          <EmptyState heading={t('contacts.emptyHeading')} actions={addButton} level={4}>
            <p>{t('contacts.emptyText')}</p>
          </EmptyState>
        )
      ) : (
        <table className="table contacts__table">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('contacts.colContact')}
              </th>
              <th scope="colgroup" colSpan={MAIL_KINDS.length} className="center">
                {t('contacts.mailHeading')}
              </th>
              <th scope="col" rowSpan={2}>
                <span className="visually-hidden">{t('accounts.colActions')}</span>
              </th>
            </tr>
            <tr>
              {MAIL_KINDS.map((kind) => (
                <th key={kind} scope="col" className="center small">
                  {t(`contacts.mail.${kind}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <PersonCell name={c.name} email={c.email} soft>
                  {(c.company || c.phone) && <span className="person__meta">{[c.company, c.phone].filter(Boolean).join(' · ')}</span>}
                  {failures[c.id] && (
                    <span className="inline-error small" role="alert">
                      {t('contacts.preferenceFailed', { message: failures[c.id] })}
                    </span>
                  )}
                </PersonCell>
                {MAIL_KINDS.map((kind) => (
                  <td key={kind} className="center">
                    <input
                      type="checkbox"
                      checked={c.preferences[kind]}
                      aria-label={t('contacts.mailFor', { kind: t(`contacts.mail.${kind}`), name: c.name })}
                      onChange={(e) => void setPreference(c.id, kind, e.target.checked)}
                    />
                  </td>
                ))}
                <td className="actions">
                  <button
                    type="button"
                    className="btn btn--small btn--ghost"
                    aria-label={t('contacts.editFor', { name: c.name })}
                    onClick={() => setEditing({ kind: 'edit', contact: c })}
                  >
                    {t('contacts.edit')}
                  </button>
                  {canPromote && (
                    <button
                      type="button"
                      className="btn btn--small"
                      aria-label={t('contacts.promoteFor', { name: c.name })}
                      onClick={() => setEditing({ kind: 'promote', contact: c })}
                    >
                      {t('contacts.promote')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn--small btn--danger-outline"
                    aria-label={t('contacts.deleteFor', { name: c.name })}
                    onClick={() => setEditing({ kind: 'delete', contact: c })}
                  >
                    {t('contacts.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing?.kind === 'new' && <ContactDialog onClose={close} onSaved={(c) => finish(t('contacts.added', { name: c.name }))} />}
      {editing?.kind === 'edit' && <ContactDialog contact={editing.contact} onClose={close} onSaved={(c) => finish(t('contacts.saved', { name: c.name }))} />}
      {editing?.kind === 'promote' && <PromoteDialog contact={editing.contact} row={row} onClose={close} onPromoted={finish} />}
      {editing?.kind === 'delete' && (
        <DeleteContactDialog contact={editing.contact} onClose={close} onDeleted={() => finish(t('contacts.deleted', { name: editing.contact.name }))} />
      )}
    </div>
  );
}

function DeleteContactDialog({ contact, onClose, onDeleted }: { contact: Contact; onClose(): void; onDeleted(): void }) {
  const { t } = useTranslation();
  const remove = useContacts((s) => s.remove);
  // The dialog closes once the contact is gone, so the button stays busy until then; a retry
  // leaves the last refusal in view until it answers.
  const { busy, error, submit } = useSubmit({ staysBusyOnSuccess: true, keepsErrorWhileBusy: true });
  async function confirm() {
    await submit(async () => {
      await remove(contact.id);
      onDeleted();
    });
  }
  return (
    <Dialog
      title={t('contacts.deleteTitle', { name: contact.name })}
      onClose={onClose}
      size="small"
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('contacts.delete')} tone="danger" onConfirm={confirm} />}
    >
      <p>{t('contacts.deleteText', { name: contact.name, email: contact.email })}</p>
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </Dialog>
  );
}
