import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCESS_REQUEST_MESSAGE_MAX } from '../../src-shared/api/access-requests.js';
import { effectivePermissions, PERMISSIONS, type Permission } from '../../src-shared/api/permissions.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { invoke } from '../bridge/invoke.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { useSubmit } from '../kit/use-submit.js';
import { PermissionChecklist } from './PermissionChecklist.js';

interface Props {
  row: ListedAccount;
  /** The permission the refused action needed, ticked from the start. */
  needed?: Permission | undefined;
  onClose(): void;
  onSent(): void;
}

/**
 * "Request access": the user asks the account's owner for permissions they lack, with a message.
 * Members never manage users, so that permission is not offered to them.
 */
export function RequestAccessDialog({ row, needed, onClose, onSent }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const held = new Set(effectivePermissions(row.role, row.permissions));
  const options = PERMISSIONS.filter((p) => !held.has(p) && !(p === 'users.manage' && row.role === 'member'));
  const [permissions, setPermissions] = useState<Permission[]>(needed && options.includes(needed) ? [needed] : []);
  const [message, setMessage] = useState('');
  const { busy, error, setError, submit } = useSubmit({ staysBusyOnSuccess: true });

  return (
    <Dialog
      title={t('accessRequests.askTitle', { account: row.name })}
      description={t('accessRequests.askText')}
      onClose={onClose}
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('accessRequests.send')} form={`${id}-form`} />}
    >
      <form
        id={`${id}-form`}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (permissions.length === 0) return setError(t('accessRequests.choosePermission'));
          if (message.trim() === '') return setError(t('accessRequests.writeMessage'));
          void submit(async () => {
            await invoke('accessRequests.create', { connectionId: row.connectionId, request: { accountId: row.id, permissions, message } });
            onSent();
          });
        }}
      >
        <PermissionChecklist legend={t('accessRequests.ask')} options={options} value={permissions} onChange={setPermissions} />
        <label className="field">
          <span className="field-label">{t('accessRequests.message')}</span>
          <textarea value={message} maxLength={ACCESS_REQUEST_MESSAGE_MAX} rows={3} onChange={(e) => setMessage(e.target.value)} />
          <span className="hint">{t('accessRequests.messageHint')}</span>
        </label>
        {error && <p className="inline-error">{error}</p>}
      </form>
    </Dialog>
  );
}
