import { useState } from 'react';
import { errorSentence, IpcCallError } from '../bridge/invoke.js';

export interface SubmitOptions {
  /**
   * For a dialog that closes, or a view that changes, once the action worked: the button stays
   * busy until it is gone, so it cannot be pressed a second time in between.
   */
  staysBusyOnSuccess?: boolean;
  /** The last refusal stays in view while the next try runs, until that try answers. */
  keepsErrorWhileBusy?: boolean;
  /** The words around a refusal's sentence, when the sentence alone would not say what failed. */
  describeError?(sentence: string): string;
}

interface SubmitSetters {
  setBusy(busy: boolean): void;
  setError(error: string | null): void;
  /** The code of the last refusal (null once an action starts or succeeds). */
  setErrorCode?(code: string | null): void;
}

/**
 * One submit of a form: the last refusal goes away and the button shows busy; a refusal shows its
 * sentence and frees the button. What the form does on success lives inside `action`.
 */
export async function runSubmit(action: () => Promise<void>, setters: SubmitSetters, options: SubmitOptions = {}): Promise<void> {
  const { setBusy, setError } = setters;
  setBusy(true);
  if (!options.keepsErrorWhileBusy) setError(null);
  setters.setErrorCode?.(null);
  try {
    await action();
    if (!options.staysBusyOnSuccess) setBusy(false);
  } catch (err) {
    setters.setErrorCode?.(err instanceof IpcCallError ? err.code : null);
    const sentence = errorSentence(err);
    setError(options.describeError ? options.describeError(sentence) : sentence);
    setBusy(false);
  }
}

export interface Submission {
  busy: boolean;
  /** A refusal's sentence, or the form's own sentence set with `setError` (a field it checked). */
  error: string | null;
  setError(error: string | null): void;
  /**
   * The provider refused for lack of permission (`forbidden`): the form offers "Request access"
   * instead of leaving the user at a dead end.
   */
  refusedForPermission: boolean;
  submit(action: () => Promise<void>): Promise<void>;
}

/** The busy flag and the error line every form and dialog that talks to main shows. */
export function useSubmit(options: SubmitOptions = {}): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  return {
    busy,
    error,
    setError,
    refusedForPermission: errorCode === 'forbidden',
    submit: (action) => runSubmit(action, { setBusy, setError, setErrorCode }, options),
  };
}
