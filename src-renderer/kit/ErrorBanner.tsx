import { useTranslation } from 'react-i18next';

/** A failure the user can act on: the sentence from main and, when it makes sense, Retry. */
export function ErrorBanner({ title, message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner--error" role="alert">
      <div className="banner__text">
        {title && <strong>{title}</strong>} <span>{message}</span>
      </div>
      {onRetry && (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
