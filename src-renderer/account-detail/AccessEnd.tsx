import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../kit/Dialog.js';
import { DialogActions } from '../kit/DialogActions.js';
import { formatDate } from '../kit/relative-time.js';
import { useSubmit } from '../kit/use-submit.js';
import { accessLeftKey, dayInputOf, endOfDay, firstEndDay, isFutureDay, timeLeft } from './access-end.js';

/** "Access ends in 5 days", the exact day in its tooltip; "soon" (under two days) stands out. */
export function AccessEndText({ expiresAt, now }: { expiresAt: string; now: Date }) {
  const { t, i18n } = useTranslation();
  const left = timeLeft(expiresAt, now);
  const soon = left.unit === 'expired' || left.soon;
  return (
    <span className={`access-end${soon ? ' expiry--soon' : ''}`} title={t('expiry.endsOn', { date: formatDate(expiresAt, i18n.language, true) })}>
      {t(accessLeftKey(left), left.unit === 'expired' ? {} : { count: left.count })}
    </span>
  );
}

interface ExtendProps {
  who: string;
  accountName: string;
  expiresAt: string;
  onClose(): void;
  /** Saves the new end (an ISO instant); throws main's error for the dialog to show. */
  onExtend(expiresAt: string): Promise<void>;
}

/** Picks a new last day of access; it must lie after today, and starts a week after the current end. */
export function ExtendDialog({ who, accountName, expiresAt, onClose, onExtend }: ExtendProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const now = new Date();
  const proposed = new Date(Math.max(Date.parse(expiresAt), now.getTime()) + 7 * 86_400_000);
  const [day, setDay] = useState(() => dayInputOf(proposed));
  const [tried, setTried] = useState(false);
  const { busy, error, submit } = useSubmit({ staysBusyOnSuccess: true });
  const invalid = !isFutureDay(day, now);

  async function confirm() {
    setTried(true);
    const end = endOfDay(day);
    if (invalid || end === null) return;
    await submit(() => onExtend(end));
  }

  return (
    <Dialog
      title={t('expiry.extendTitle', { who })}
      onClose={onClose}
      size="small"
      description={<p>{t('expiry.extendText', { account: accountName, date: formatDate(expiresAt, i18n.language, true) })}</p>}
      footer={<DialogActions onCancel={onClose} busy={busy} label={t('expiry.save')} onConfirm={confirm} />}
    >
      <div className="field">
        <label htmlFor={`${id}-day`}>{t('expiry.newEnd')}</label>
        <input
          id={`${id}-day`}
          type="date"
          min={firstEndDay(now)}
          value={day}
          aria-invalid={tried && invalid}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setDay(e.target.value)}
        />
        <span id={`${id}-hint`} className={tried && invalid ? 'inline-error' : 'hint'}>
          {tried && invalid ? t('expiry.fieldPast') : t('expiry.extendHint')}
        </span>
      </div>
      <div role="alert">{error && <p className="inline-error">{error}</p>}</div>
    </Dialog>
  );
}
