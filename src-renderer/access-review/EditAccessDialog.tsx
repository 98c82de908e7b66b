import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewedAccess } from '../../src-shared/ipc/channels/access-review.js';
import { draftChanges, grantOf, withRole, type GrantDraft } from '../account-detail/grant-draft.js';
import { PermissionPicker, RolePicker } from '../account-detail/PermissionPicker.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { useSubmit } from '../kit/use-submit.js';
import { useAccessReview } from './access-review-store.js';

/**
 * One person's role and permissions at one account, with account detail's pickers and its rule
 * for what a save sends (only what differs); nothing changes at the provider until "Save".
 */
export function EditAccessDialog({ row, onClose, onSaved }: { row: ReviewedAccess; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useAccessReview((s) => s.update);
  const [draft, setDraft] = useState<GrantDraft>(() => grantOf(row.user));
  const { busy, error, setError, submit } = useSubmit({ staysBusyOnSuccess: true });
  const [change] = draftChanges([row.user], { [row.user.userId]: draft });

  async function save() {
    if (draft.permissions.length === 0) return setError(t('team.choosePermission'));
    if (!change) return onClose();
    await submit(async () => {
      await update(row, change.changes);
      onSaved();
    });
  }

  return (
    <Dialog
      title={t('accessReview.editTitle', { name: row.user.name, account: row.account.name })}
      onClose={onClose}
      description={<p>{t('accessReview.editText', { name: row.user.name, email: row.user.email, account: row.account.name })}</p>}
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('team.saveChanges')} form={`${id}-form`} />}
    >
      <form
        id={`${id}-form`}
        className="review-edit"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <RolePicker value={draft.role} onChange={(role) => setDraft(withRole(draft, role))} />
        <PermissionPicker value={draft.permissions} role={draft.role} onChange={(permissions) => setDraft({ ...draft, permissions })} />
        <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
      </form>
    </Dialog>
  );
}
