import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.js';
import { formatClock, syncLabel } from './sync-label.js';

export function SyncStatusText({ status }: { status: SyncStatus | undefined }) {
  const { t, i18n } = useTranslation();
  const label = syncLabel(status, (iso) => formatClock(iso, i18n.language));
  return (
    <span className={`sync sync--${label.tone}`}>
      <span className="sync__dot" aria-hidden="true" />
      <span>
        {t(label.key, label.values)}
        {label.detail && label.tone !== 'ok' && <span className="sync__detail">: {label.detail}</span>}
      </span>
    </span>
  );
}
