import { useTranslation } from 'react-i18next';
import type { AccountUser } from '../../src-shared/api/team.js';
import { permissionKey } from '../accounts/access-summary.js';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { useSubmit } from '../kit/use-submit.js';
import { permissionsLost } from './grant-draft.js';

interface Props {
  user: AccountUser;
  accountName: string;
  /** Takes the access away at the provider (the open account's team, or the access review's row); throws its refusal. */
  revoke(): Promise<void>;
  onClose(): void;
  onRevoked(): void;
}

/**
 * Taking access away takes effect at once, so the dialog says exactly who loses what. Account
 * detail and the access review ask through this one dialog, so the confirmation reads the same.
 */
export function RevokeDialog({ user, accountName, revoke, onClose, onRevoked }: Props) {
  const { t } = useTranslation();
  // The dialog closes once access is gone, so the button stays busy until then.
  const { busy, error, submit } = useSubmit({ staysBusyOnSuccess: true });
  const lost = permissionsLost(user);

  async function confirm() {
    await submit(async () => {
      await revoke();
      onRevoked();
    });
  }

  return (
    <Dialog
      title={t('team.revokeTitle', { name: user.name })}
      onClose={onClose}
      size="small"
      description={<p>{t('team.revokeText', { name: user.name, email: user.email, account: accountName })}</p>}
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('team.revokeConfirm')} tone="danger" onConfirm={confirm} />}
    >
      <p className="field-label">{t('team.revokeLoses', { name: user.name })}</p>
      {lost.length > 0 ? (
        <ul className="chips chips--danger" aria-label={t('team.revokeLoses', { name: user.name })}>
          {lost.map((p) => (
            <li key={p} className="chip">
              {t(permissionKey(p))}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('team.revokeNoPermissions')}</p>
      )}
      <p className="muted small">{t('team.revokeAfter')}</p>
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </Dialog>
  );
}
