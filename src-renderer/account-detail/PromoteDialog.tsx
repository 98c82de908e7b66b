import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../src-shared/api/contacts.js';
import type { Permission } from '../../src-shared/api/permissions.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { useSubmit } from '../kit/use-submit.js';
import { useAudit } from './audit-store.js';
import { useContacts } from './contacts-store.js';
import { presetPermissions } from './grant-draft.js';
import { PermissionPicker, RolePicker } from './PermissionPicker.js';
import { useTeam } from './team-store.js';
import type { GrantRole } from '../../src-shared/api/primitives.js';

/** Gives a contact panel access: an invitation to their address with the chosen permissions. */
export function PromoteDialog({
  contact,
  row,
  onClose,
  onPromoted,
}: {
  contact: Contact;
  row: ListedAccount;
  onClose(): void;
  onPromoted(text: string): void;
}) {
  const { t } = useTranslation();
  const promote = useContacts((s) => s.promote);
  const [role, setRole] = useState<GrantRole>('member');
  const [permissions, setPermissions] = useState<Permission[]>(presetPermissions('supportOnly', 'member'));
  const [tried, setTried] = useState(false);
  // The dialog closes once the invitation is out, so the button stays busy until then.
  const { busy, error, submit } = useSubmit({ staysBusyOnSuccess: true });

  async function confirm() {
    setTried(true);
    if (permissions.length === 0) return;
    await submit(async () => {
      const invitation = await promote(contact.id, { role, permissions });
      useTeam.getState().addInvitation(invitation);
      void useAudit.getState().load({ connectionId: row.connectionId, accountId: row.id });
      onPromoted(t('contacts.promoted', { name: contact.name, email: invitation.email ?? contact.email }));
    });
  }

  return (
    <Dialog
      title={t('contacts.promoteTitle', { name: contact.name })}
      description={<p>{t('contacts.promoteText', { name: contact.name, email: contact.email, account: row.name })}</p>}
      onClose={onClose}
      size="large"
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('contacts.promoteConfirm')} onConfirm={confirm} />}
    >
      <div className="form">
        <RolePicker
          value={role}
          onChange={(r) => {
            setRole(r);
            if (r === 'member') setPermissions((p) => p.filter((x) => x !== 'users.manage'));
          }}
        />
        <PermissionPicker value={permissions} role={role} onChange={setPermissions} invalid={tried && permissions.length === 0} />
        <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
      </div>
    </Dialog>
  );
}
