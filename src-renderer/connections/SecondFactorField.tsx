import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IpcCallError } from '../bridge/invoke.js';

/** Whether a sign-in was refused only for want of a two-factor code, so the form should ask for it. */
export function asksForCode(error: unknown): boolean {
  return error instanceof IpcCallError && error.code === 'second_factor_required';
}

/**
 * The two-factor code of a sign-in. `asked` means the provider just challenged: the field takes the
 * focus, since the code is the one thing missing, and its hint says the password goes again with it
 * (the challenge was single-use, so the sign-in starts over).
 */
export function SecondFactorField({ id, value, onChange, asked }: { id: string; value: string; onChange(value: string): void; asked: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  // Without the phone, one of the backup codes handed out at enrolment signs in once.
  const [backup, setBackup] = useState(false);
  const switchToBackup = (on: boolean) => {
    setBackup(on);
    onChange('');
    input.current?.focus();
  };
  // Focused when the provider asks, also where the field was already shown (WHMCS): it follows the
  // refusal the user just read, so moving them there is expected.
  useEffect(() => {
    if (asked) input.current?.focus();
  }, [asked]);
  return (
    <div className="field">
      <label htmlFor={id}>{backup ? t('addProvider.backupCode') : t('addProvider.code')}</label>
      <input
        id={id}
        type="text"
        inputMode={backup ? 'text' : 'numeric'}
        autoComplete={backup ? 'off' : 'one-time-code'}
        pattern={backup ? '[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}' : '[0-9]{6,8}'}
        maxLength={backup ? 11 : 8}
        required={asked}
        ref={input}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={`${id}-hint`} className="hint">
        {backup ? t('addProvider.backupCodeHint') : asked ? t('addProvider.codeAsked') : t('addProvider.codeHint')}
      </span>
      {asked && (
        <button type="button" className="btn btn--small btn--ghost field__aside" onClick={() => switchToBackup(!backup)}>
          {backup ? t('addProvider.useAuthenticatorCode') : t('addProvider.useBackupCode')}
        </button>
      )}
    </div>
  );
}
