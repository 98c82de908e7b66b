import { useTranslation } from 'react-i18next';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { useSubmit } from '../kit/use-submit.js';
import { useInvitations } from './invitations-store.js';
import { useProviderName } from './use-provider-name.js';

/**
 * A declined invitation cannot be taken back (only the inviter can send a new one), so, like
 * revoking access, it is asked once more, naming who invited and to what. Focus starts on
 * Cancel: Enter on a reflex must not be the final answer.
 */
export function DeclineDialog({ row, onClose }: { row: ListedInvitation; onClose(): void }) {
  const { t } = useTranslation();
  const answer = useInvitations((s) => s.answer);
  // The store keeps a failed answer on the invitation itself; the dialog only waits for it.
  const { busy, submit } = useSubmit({ staysBusyOnSuccess: true });
  const values = { account: row.account.name, provider: useProviderName(row), name: row.invitedBy.name, email: row.invitedBy.email };

  async function confirm() {
    await submit(async () => {
      await answer(row, 'decline');
      onClose();
    });
  }

  return (
    <Dialog
      title={t('invitations.declineTitle', values)}
      onClose={busy ? () => undefined : onClose}
      size="small"
      description={<p>{t('invitations.declineText', values)}</p>}
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('invitations.declineConfirm')} tone="danger" onConfirm={confirm} />}
    >
      <p>{t('invitations.declineFinal', values)}</p>
    </Dialog>
  );
}
