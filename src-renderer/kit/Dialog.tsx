import { useEffect, useId, useRef, type ReactNode, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons.js';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons at the bottom, e.g. confirm and cancel. */
  footer?: ReactNode;
  /** A sentence under the title, read together with it. */
  description?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  className?: string;
  /** Where focus starts; defaults to the first field or button in the body. */
  initialFocus?: string;
}

/**
 * A modal dialog on the native <dialog>: the browser makes the rest of the page inert, traps
 * focus and handles Escape; we only give focus back to where it was when the dialog closes.
 */
export function Dialog({ title, onClose, children, footer, description, size = 'medium', className = '', initialFocus }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const closeRef = useRef(onClose);
  useLayoutEffect(() => {
    closeRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first = initialFocus
      ? dialog.querySelector<HTMLElement>(initialFocus)
      : dialog.querySelector<HTMLElement>(
          '.dialog__body input:not([disabled]), .dialog__body select, .dialog__body textarea, .dialog__footer button:not([disabled])',
        );
    first?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
    // Opened once per mount; later prop changes do not move focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size} ${className}`}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-desc` : undefined}
    >
      <div className="dialog__header">
        <h2 id={`${id}-title`} className="dialog__title">
          {title}
        </h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      {description && (
        <div id={`${id}-desc`} className="dialog__description">
          {description}
        </div>
      )}
      <div className="dialog__body">{children}</div>
      {footer && <div className="dialog__footer">{footer}</div>}
    </dialog>
  );
}
