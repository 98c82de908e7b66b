import { useTranslation } from 'react-i18next';
import { Spinner } from './Spinner.js';

interface Props {
  onCancel(): void;
  /** While the action runs both buttons are off and the action shows a spinner. */
  busy: boolean;
  label: string;
  tone?: 'primary' | 'danger';
  /** The action, for a dialog without a form of its own. */
  onConfirm?(): Promise<void>;
  /** The id of the form the action submits, for a dialog whose body is a form. */
  form?: string;
}

/** The footer of a dialog that does one thing: cancel, or the action. */
export function DialogActions({ onCancel, busy, label, tone = 'primary', onConfirm, form }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="btn" onClick={onCancel} disabled={busy}>
        {t('common.cancel')}
      </button>
      <button
        type={form ? 'submit' : 'button'}
        form={form}
        className={`btn btn--${tone}`}
        onClick={onConfirm ? () => void onConfirm() : undefined}
        disabled={busy}
        aria-busy={busy}
      >
        {busy && <Spinner />}
        {label}
      </button>
    </>
  );
}
