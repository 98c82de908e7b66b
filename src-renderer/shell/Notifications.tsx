import { useTranslation } from 'react-i18next';
import { followTarget } from '../navigation/navigation-store.js';
import { useNotifications } from './notifications-store.js';
import { CloseIcon } from '../kit/icons.js';

/** Main's notifications, in a polite live region under the header (in the flow: it never covers a control). */
export function Notifications() {
  const { t } = useTranslation();
  const items = useNotifications((s) => s.items);
  const dismiss = useNotifications((s) => s.dismiss);

  function show(id: string) {
    const item = items.find((i) => i.id === id);
    const target = item?.navigate;
    dismiss(id);
    if (target) followTarget(target);
  }

  return (
    <section className="toasts" aria-label={t('notifications.label')}>
      <div role="status">
        {items.map((n) => (
          <div key={n.id} className="toast">
            <div className="toast__text">
              <strong>{n.title}</strong>
              <span>{n.body}</span>
            </div>
            <div className="toast__actions">
              {n.navigate && (
                <button type="button" className="btn btn--small" onClick={() => show(n.id)}>
                  {t('notifications.show')}
                </button>
              )}
              <button type="button" className="icon-btn" aria-label={t('notifications.dismiss')} onClick={() => dismiss(n.id)}>
                <CloseIcon />
              </button>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
