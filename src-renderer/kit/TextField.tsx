import type { HTMLAttributes, Ref } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** Under the field while it is fine; `error` takes its place (and marks the field) when set. */
  hint: string;
  error: string | null;
  type?: 'text' | 'email';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled one-line field whose hint turns into the error sentence, read out with the field. */
export function TextField({ id, label, value, onChange, hint, error, type = 'text', inputMode, inputRef }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        value={value}
        aria-invalid={error !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={`${id}-hint`} className={error !== null ? 'inline-error' : 'hint'}>
        {error ?? hint}
      </span>
    </div>
  );
}
